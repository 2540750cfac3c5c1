import { readConfig } from '../../shared/config.js';
import { createRuntime, type Runtime } from '../../shared/runtime.js';
import { ensureTableAndBucket, findRunningStack, startEmbeddedStack } from './embedded-stack.js';

/**
 * Runs a command-line job against the local data: through the servers of a running `npm start`
 * when there is one, or on embedded servers of its own, opened on the same DATA_DIR and closed after.
 */
export async function withLocalRuntime<T>(job: (runtime: Runtime) => Promise<T>): Promise<T> {
  const base = readConfig();
  const running = await findRunningStack(base.DATA_DIR);
  const own = running ? undefined : await startEmbeddedStack({ dataDir: base.DATA_DIR });
  const endpoints = running ?? own;
  if (!endpoints) throw new Error('no local stack could be reached or started');
  const runtime = createRuntime({
    ...base,
    DYNAMODB_ENDPOINT: endpoints.dynamoEndpoint,
    S3_ENDPOINT: endpoints.s3Endpoint,
  });
  try {
    await ensureTableAndBucket(
      runtime.dynamo,
      runtime.s3,
      runtime.config.TABLE_NAME,
      runtime.config.BUCKET_NAME,
    );
    return await job(runtime);
  } finally {
    runtime.dynamo.destroy();
    runtime.s3.destroy();
    await own?.stop();
  }
}
