import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { runtimeOn } from '../../functions/local/embedded-stack.js';
import { type Config, readConfig } from '../../shared/config.js';
import type { Runtime } from '../../shared/runtime.js';

/**
 * A runtime on the shared embedded servers with a table and bucket of its own, so that no test
 * sees another's data. Real SDK clients, real stores: nothing of ours is mocked.
 */
export async function createTestRuntime(overrides: Partial<Config> = {}): Promise<Runtime> {
  const suffix = randomUUID().slice(0, 8);
  return runtimeOn(
    { dynamoEndpoint: inject('dynamoEndpoint'), s3Endpoint: inject('s3Endpoint') },
    readConfig({
      ...process.env,
      TABLE_NAME: `test-${suffix}`,
      BUCKET_NAME: `test-${suffix}`,
      // The embedded servers share two busy cores with every test worker: a slow answer here is load, not an
      // outage, and must not turn into a 503 that fails a test about something else.
      STORE_CONNECT_TIMEOUT_MS: '120000',
      STORE_REQUEST_TIMEOUT_MS: '120000',
      ...Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, String(v)])),
    }),
  );
}
