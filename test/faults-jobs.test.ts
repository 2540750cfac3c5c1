import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { announceStack, runtimeOn } from '../functions/local/embedded-stack.js';
import { createLogger } from '../shared/logger.js';
import type { Runtime } from '../shared/runtime.js';
import { compileReport } from '../shared/synthesis/compile.js';
import { measureBacklog } from '../shared/tagging/backlog.js';
import { retrain } from '../shared/tagging/models.js';
import { runTaggingPass } from '../shared/tagging/run.js';
import { cuttableProxy } from './support/cuttable-proxy.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath, testApp } from './support/factories.js';
import { createTestRuntime } from './support/runtime.js';

const ANSWERS = [
  'Teachers need training to challenge xenophobic stereotypes, and school curricula should include the history of migration so that young people question negative perceptions.',
  'Migrants must receive clear information about their rights in their own languages, with free legal aid and interpreters so that they can reach the courts.',
  'Cities and national ministries should plan integration together, with diaspora associations as partners in local welcome programmes.',
];

async function pendingCount(runtime: Runtime): Promise<number> {
  return (await measureBacklog(runtime.store, new Date())).pending;
}

describe('the tagger killed in the middle of a pass', () => {
  let runtime: Runtime;
  let dataDir: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    dataDir = await mkdtemp(join(tmpdir(), 'gcm-kill-'));
    // The child finds the test's servers the way `npm run tag` finds a running `npm start`.
    await announceStack(dataDir, {
      pid: process.pid,
      appUrl: 'http://localhost',
      dynamoEndpoint: inject('dynamoEndpoint'),
      s3Endpoint: inject('s3Endpoint'),
    });
    await retrain({ store: runtime.store, models: runtime.models, consultation: runtime.catalogue.default });
  });
  afterAll(async () => {
    runtime.dynamo.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves the rest pending, and a rerun tags every submission exactly once', async () => {
    const app = testApp(runtime);
    const total = 400;
    for (let start = 0; start < total; start += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          postJson(
            app,
            submissionsPath(),
            submissionBody({ answers: { Q1: `${ANSWERS[(start + j) % 3]} (${start + j})` } }),
          ),
        ),
      );
    expect(await pendingCount(runtime)).toBe(total);

    const child = spawn(
      process.execPath,
      ['--openssl-legacy-provider', '--import', 'tsx', 'scripts/tag.ts'],
      {
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          TABLE_NAME: runtime.config.TABLE_NAME,
          BUCKET_NAME: runtime.config.BUCKET_NAME,
          LOG_LEVEL: 'SILENT',
        },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    // Kill it without warning once it has tagged some and not all.
    await vi.waitFor(
      async () => {
        const left = await pendingCount(runtime);
        expect(left).toBeLessThan(total);
      },
      // Starting a process and training its model takes long on a busy machine: a hang guard only.
      { timeout: 600_000, interval: 50 },
    );
    child.kill('SIGKILL');
    await exited;
    const leftAfterKill = await pendingCount(runtime);
    expect(leftAfterKill).toBeGreaterThan(0);

    const rerun = await runTaggingPass({
      store: runtime.store,
      models: runtime.models,
      logger: createLogger('t', 'SILENT'),
    });
    expect(await pendingCount(runtime)).toBe(0);
    expect(rerun.tagged).toBeLessThanOrEqual(leftAfterKill);

    // Created at version 1, tagged once: version 2. A second tagging would show as 3.
    const versions = new Map<number, number>();
    for await (const page of runtime.store.listByConsultation(CONSULTATION_ID))
      for (const s of page) versions.set(s.version, (versions.get(s.version) ?? 0) + 1);
    expect(Object.fromEntries(versions)).toEqual({ 2: total });
    // The killed tagger first trains the fallback model (grouped CV and calibration): slow on a busy machine.
  }, 180_000);
});

describe('S3 failing while a report is written', () => {
  it('keeps the published report as the latest and downloadable, and the run fails with an error', async () => {
    const base = await createTestRuntime();
    const proxy = await cuttableProxy(inject('s3Endpoint'));
    const runtime = await runtimeOn(
      { dynamoEndpoint: inject('dynamoEndpoint'), s3Endpoint: proxy.endpoint },
      base.config,
    );
    const logger = createLogger('t', 'SILENT');
    const deps = {
      store: runtime.store,
      reports: runtime.reports,
      models: runtime.models,
      catalogue: runtime.catalogue,
      logger,
    };
    try {
      const app = testApp(runtime);
      await postJson(app, submissionsPath(), submissionBody());
      const first = await compileReport(deps, CONSULTATION_ID);
      await runtime.reports.publish(
        CONSULTATION_ID,
        first.stamp,
        'admin@example.org',
        new Date().toISOString(),
      );

      await postJson(
        app,
        submissionsPath(),
        submissionBody({ answers: { Q2: 'A second submission, so the next report differs.' } }),
      );
      await proxy.cut();
      await expect(compileReport(deps, CONSULTATION_ID)).rejects.toThrow();
      await proxy.restore();

      expect((await runtime.reports.latest(CONSULTATION_ID))?.stamp).toBe(first.stamp);
      const download = await app.request(`/api/consultations/${CONSULTATION_ID}/report.md`);
      expect(download.status).toBe(200);
      expect(await download.text()).toContain('1 submission');
    } finally {
      runtime.dynamo.destroy();
      runtime.s3.destroy();
      base.dynamo.destroy();
      await proxy.close();
    }
    // A compile draws four formats in three languages: on a busy 2-core machine that takes a while.
  }, 120_000);
});

describe('malformed events to the scheduled functions', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    vi.stubEnv('TABLE_NAME', runtime.config.TABLE_NAME);
    vi.stubEnv('BUCKET_NAME', runtime.config.BUCKET_NAME);
    vi.stubEnv('DYNAMODB_ENDPOINT', inject('dynamoEndpoint'));
    vi.stubEnv('S3_ENDPOINT', inject('s3Endpoint'));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    runtime.dynamo.destroy();
  });

  // Answered rather than thrown: EventBridge and async invokes retry a thrown error with the same event.
  it.each([
    ['the tagger', '../functions/tagger.js', { action: 'explode' }],
    ['the tagger', '../functions/tagger.js', 'not an object'],
    ['the tagger', '../functions/tagger.js', { action: 'tag', segments: ['no-such-segment'] }],
    ['the tagger', '../functions/tagger.js', { action: 'retrain', segments: ['0'] }],
    ['the report compiler', '../functions/report.js', { consultationId: 42 }],
    ['the report compiler', '../functions/report.js', null],
  ])('%s answers %j with a clear refusal instead of crashing', async (_name, module, event) => {
    const { handler } = (await import(module)) as {
      handler: (event: unknown, context: unknown) => Promise<{ ok: boolean; error?: string }>;
    };
    const result = await handler(event, { getRemainingTimeInMillis: () => 60_000 });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/expected/);
  });
});
