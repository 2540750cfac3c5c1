import { readConfig } from '../../shared/config.js';
import type { Runtime } from '../../shared/runtime.js';
import { findRunningStack, runtimeOn, startEmbeddedStack } from './embedded-stack.js';

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
  try {
    const runtime = await runtimeOn(endpoints, base);
    try {
      return await job(runtime);
    } finally {
      runtime.dynamo.destroy();
      runtime.s3.destroy();
    }
  } finally {
    await own?.stop();
  }
}
