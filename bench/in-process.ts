import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeOn, startEmbeddedStack } from '../functions/local/embedded-stack.js';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import { benchBody, CONSULTATION_ID_FOR_BENCH } from './bodies.js';
import { type Figure, percentile, progress } from './support.js';

/**
 * The same app called in-process with `app.request()`: the difference from the HTTP figures is
 * what the HTTP server costs; GET / against POST shows what the store costs.
 */
export async function benchInProcess(requests: number): Promise<Figure[]> {
  const s3Directory = await mkdtemp(join(tmpdir(), 'gcm-bench-s3-'));
  const stack = await startEmbeddedStack({ s3Directory });
  const runtime = await runtimeOn(stack);
  const app = createApp({
    store: runtime.store,
    catalogue: runtime.catalogue,
    logger: createLogger('bench', 'ERROR'),
    submissionsPerMinute: Number.MAX_SAFE_INTEGER,
  });
  const figures: Figure[] = [];
  let sequence = 0;
  const call = {
    'POST submissions': () =>
      app.request(`/api/consultations/${CONSULTATION_ID_FOR_BENCH}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: benchBody(`in-process-${sequence++}`),
      }),
    'GET /': () => app.request('/'),
  };
  try {
    for (const concurrency of [1, 50]) {
      for (const [target, send] of Object.entries(call)) {
        progress(`in-process ${target}, concurrency ${concurrency}, ${requests} requests`);
        const latencies: number[] = [];
        let errors = 0;
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < requests) {
              next++;
              const t = performance.now();
              const response = await send();
              await response.arrayBuffer();
              latencies.push(performance.now() - t);
              if (response.status >= 400) errors++;
            }
          }),
        );
        const elapsed = (performance.now() - started) / 1000;
        latencies.sort((a, b) => a - b);
        const section = `in-process ${target}`;
        figures.push(
          { section, name: `c=${concurrency} requests/s`, value: requests / elapsed, unit: 'req/s' },
          { section, name: `c=${concurrency} latency p50`, value: percentile(latencies, 50), unit: 'ms' },
          { section, name: `c=${concurrency} latency p99`, value: percentile(latencies, 99), unit: 'ms' },
          { section, name: `c=${concurrency} errors`, value: errors, unit: 'count' },
        );
      }
    }
  } finally {
    runtime.dynamo.destroy();
    runtime.s3.destroy();
    await stack.stop();
    await rm(s3Directory, { recursive: true, force: true });
  }
  return figures;
}
