import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { runtimeOn, startEmbeddedStack } from '../functions/local/embedded-stack.js';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import { benchBody, CONSULTATION_ID_FOR_BENCH } from './bodies.js';
import { storedItemTemplate } from './stored-item.js';
import { drive, type Figure, percentile, progress } from './support.js';

/**
 * The same app called in-process with `app.request()`, beside the raw PutItem rate of the same table: their
 * ratio is what the app adds to the one write a POST must make. GET / shows the app without the store.
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
  const post = (marker: string) =>
    app.request(`/api/consultations/${CONSULTATION_ID_FOR_BENCH}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: benchBody(marker),
    });
  const template = await storedItemTemplate(runtime, await post('template'));
  const calls: Record<string, (sequence: number, concurrency: number) => Promise<boolean>> = {
    'POST submissions': async (sequence, concurrency) => {
      const response = await post(`in-process-${concurrency}-${sequence}`);
      await response.arrayBuffer();
      return response.status === 201;
    },
    'raw PutItem': async (sequence, concurrency) => {
      await runtime.dynamo.send(
        new PutCommand({
          TableName: runtime.config.TABLE_NAME,
          Item: template(`raw-${concurrency}-${sequence}`),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    },
    'GET /': async () => {
      const response = await app.request('/');
      await response.arrayBuffer();
      return response.status === 200;
    },
  };
  const figures: Figure[] = [];
  try {
    for (const concurrency of [1, 50]) {
      const rate: Record<string, number> = {};
      for (const [target, send] of Object.entries(calls)) {
        progress(`in-process ${target}, concurrency ${concurrency}, ${requests} calls`);
        const run = await drive(concurrency, requests, (sequence) => send(sequence, concurrency));
        rate[target] = run.perSecond;
        const section = `in-process ${target}`;
        figures.push(
          { section, name: `c=${concurrency} completed/s`, value: run.perSecond, unit: '/s' },
          { section, name: `c=${concurrency} latency p50`, value: percentile(run.latencies, 50), unit: 'ms' },
          { section, name: `c=${concurrency} latency p99`, value: percentile(run.latencies, 99), unit: 'ms' },
          { section, name: `c=${concurrency} errors`, value: run.errors, unit: 'count' },
        );
      }
      figures.push({
        section: 'in-process POST ÷ raw PutItem',
        name: `c=${concurrency} ratio`,
        value: (rate['POST submissions'] ?? 0) / (rate['raw PutItem'] ?? 1),
        unit: '×',
        note: 'same table, same concurrency; 1.00 = the app costs nothing beyond its one write',
      });
    }
  } finally {
    runtime.dynamo.destroy();
    runtime.s3.destroy();
    await stack.stop();
    await rm(s3Directory, { recursive: true, force: true });
  }
  return figures;
}
