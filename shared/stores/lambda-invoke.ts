import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Config } from '../config.js';
import type { Invoke } from '../review/jobs.js';

/** Invokes a function asynchronously (`Event`): the API answers at once, the function runs on its own. */
export function lambdaInvoke(config: Config): Invoke {
  const client = new LambdaClient({ region: config.AWS_REGION, maxAttempts: 3 });
  return async (functionName, payload) => {
    await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(payload)),
      }),
    );
  };
}
