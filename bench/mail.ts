import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runtimeOn, startEmbeddedStack } from '../functions/local/embedded-stack.js';
import { startLocalMail } from '../functions/local/mail.js';
import { startMailCatcher } from '../functions/local/mail-catcher.js';
import { readConfig } from '../shared/config.js';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import { mailIds } from '../shared/mail/outbox.js';
import { cuttableProxy } from '../test/support/cuttable-proxy.js';

/**
 * `npm run bench:mail`: the outbox as `npm start` runs it (the SMTP adapter, the catcher, the worker
 * woken by each mail and a round every MAIL_INTERVAL_SECONDS), measured in one process.
 * 1. Delivery: 20 submissions one after another, each from its POST to the message in the catcher.
 * 2. An outage: the mail server is unreachable for OUTAGE_SECONDS (default 60) while 5 submissions
 *    arrive; when it's back, how long until each is delivered, after how many attempts, and how many copies.
 */
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 60) * 1000;
const s3Directory = await mkdtemp(join(tmpdir(), 'bench-mail-'));
const stack = await startEmbeddedStack({ s3Directory });
const config = readConfig({ ...process.env, TABLE_NAME: 'bench-mail', BUCKET_NAME: 'bench-mail' });
const runtime = await runtimeOn(stack, config);
const catcher = await startMailCatcher();
const proxy = await cuttableProxy(`http://${catcher.host}:${catcher.port}`);
const mail = await startLocalMail(runtime, {
  publicBaseUrl: 'http://localhost:3000',
  logger: createLogger('bench', 'SILENT'),
  onError: () => {},
  catcher,
  smtpPort: Number(new URL(proxy.endpoint).port),
});
const app = createApp({
  store: runtime.store,
  catalogue: runtime.catalogue,
  logger: createLogger('bench', 'SILENT'),
  submissionsPerMinute: 100_000,
  mail: mail.deps,
});

const arrived = (email: string) => catcher.messages().filter((m) => m.envelopeTo.includes(email)).length;
async function submit(email: string): Promise<string> {
  const response = await app.request(`/api/consultations/${runtime.catalogue.default.id}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      stakeholder: { organization: 'Bench', email, type: 'other', country: 'CH' },
      language: 'en',
      answers: { Q1: 'A short answer for the mail benchmark.' },
      consent: { quote: false, attribution: false },
    }),
  });
  if (response.status !== 201) throw new Error(`submission answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

const latencies: number[] = [];
const afterAnswer: number[] = [];
for (let i = 0; i < 20; i++) {
  const email = `latency-${i}@example.org`;
  const started = performance.now();
  await submit(email);
  const answered = performance.now();
  await until(() => arrived(email) > 0);
  latencies.push(performance.now() - started);
  afterAnswer.push(performance.now() - answered);
}
const summary = (values: number[]) =>
  `median ${percentile(values, 50).toFixed(0)} ms, p90 ${percentile(values, 90).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
console.log(
  `Delivery of 20 receipts, one after another: from the POST ${summary(latencies)}; from its 201 ${summary(afterAnswer)}`,
);

await proxy.cut();
const cutAt = performance.now();
const outage = await Promise.all(
  [0, 1, 2, 3, 4].map(async (i) => ({
    email: `outage-${i}@example.org`,
    id: await submit(`outage-${i}@example.org`),
  })),
);
await new Promise((r) => setTimeout(r, OUTAGE_MS - (performance.now() - cutAt)));
const queued = await Promise.all(outage.map(({ id }) => mail.deps.mail.get(mailIds.receipt(id))));
console.log(
  `Outage of ${OUTAGE_MS / 1000} s: ${outage.filter((o) => arrived(o.email) > 0).length} of 5 delivered meanwhile; queued ${queued.map((q) => `${q?.state} after ${q?.attempts} attempts (${q?.lastError})`).join('; ')}`,
);
await proxy.restore();
const restoredAt = performance.now();
const after: number[] = [];
await Promise.all(
  outage.map(async ({ email }) => {
    await until(() => arrived(email) > 0);
    after.push(performance.now() - restoredAt);
  }),
);
const settled = await Promise.all(outage.map(({ id }) => mail.deps.mail.get(mailIds.receipt(id))));
console.log(
  `After the server returned: all 5 delivered within ${(Math.max(...after) / 1000).toFixed(1)} s (first ${(Math.min(...after) / 1000).toFixed(1)} s); ${(Math.max(...after) + OUTAGE_MS) / 1000} s after submission at most; attempts ${settled.map((s) => s?.attempts).join(', ')}; copies per address ${outage.map((o) => arrived(o.email)).join(', ')}`,
);

await mail.stop();
await proxy.close();
await catcher.stop();
runtime.dynamo.destroy();
runtime.s3.destroy();
await stack.stop();
await rm(s3Directory, { recursive: true, force: true });
