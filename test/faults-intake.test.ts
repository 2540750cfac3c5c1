import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, runtimeOn, startEmbeddedStack } from '../functions/local/embedded-stack.js';
import type { Runtime } from '../shared/runtime.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath, testApp } from './support/factories.js';

/** A port nobody listens on until the test says so. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('when DynamoDB goes away in the middle of requests', () => {
  let dataDir: string;
  let dynamoPort: number;
  let stack: EmbeddedStack;
  let runtime: Runtime;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gcm-fault-'));
    dynamoPort = await freePort();
    stack = await startEmbeddedStack({ dataDir, dynamoPort });
    runtime = await runtimeOn(stack);
  });
  afterAll(async () => {
    runtime.dynamo.destroy();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After, stores nothing partial, and recovers when it comes back', async () => {
    const app = testApp(runtime);
    const post = (i: number) =>
      postJson(app, submissionsPath(), submissionBody({ answers: { Q1: `fault test submission ${i}` } }), {
        'idempotency-key': `fault-key-${String(i).padStart(4, '0')}`,
      });

    // Requests in flight while the store stops: each ends as a 201 or a 503, nothing else.
    const inFlight = Array.from({ length: 40 }, (_, i) => post(i));
    await stack.stop();
    const during = await Promise.all(inFlight);
    const statuses = during.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);

    const down = await post(100);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    const problem = (await down.json()) as { error: { code: string; message: string } };
    expect(problem.error.code).toBe('service_unavailable');
    expect(problem.error.message).toContain('Nothing was saved');

    stack = await startEmbeddedStack({ dataDir, dynamoPort });
    const up = await post(101);
    expect(up.status).toBe(201);

    // The clients retry what failed, with the same keys: every submission lands exactly once.
    const retried = await Promise.all(during.map((r, i) => (r.status === 503 ? post(i) : r)));
    expect(retried.map((r) => r.status)).toEqual(Array(40).fill(201));
    const answers: string[] = [];
    for await (const page of runtime.store.listByConsultation(CONSULTATION_ID))
      for (const s of page) if ('answers' in s) answers.push(s.answers.Q1 ?? '');
    expect(answers.filter((a) => a.startsWith('fault test submission '))).toHaveLength(41);
    expect(new Set(answers).size).toBe(answers.length);
  });
});
