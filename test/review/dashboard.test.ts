import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../shared/consultation.js';
import { reviewStats } from '../../shared/review/dashboard.js';
import { type InProcessJobRunner, inProcessJobRunner, invokingJobRunner } from '../../shared/review/jobs.js';
import type { Submission } from '../../shared/submission.js';
import { CONSULTATION_ID } from '../support/factories.js';
import {
  api,
  errorCode,
  getPage,
  type ReviewFixture,
  reviewFixture,
  seed,
  signInWithForm,
  tokenFor,
  untilListed,
} from './support.js';

const consultation = loadCatalogue().default;
const base = `/api/admin/consultations/${CONSULTATION_ID}`;

let fx: ReviewFixture;
let admin: string;
let reviewer: string;
let jobs: InProcessJobRunner;
let release: () => void = () => {};

beforeAll(async () => {
  fx = await reviewFixture();
  // The app reads its runner on each request: this one records in the fixture's own table.
  jobs = inProcessJobRunner(fx.review.reviews, {
    tag: () =>
      new Promise((done) => {
        release = () => done('3 tagged, 0 conflicts');
      }),
    report: async () => {
      throw new Error('the bucket is gone');
    },
  });
  fx.review.jobs = jobs;
  admin = await tokenFor(fx, 'dash.admin@example.org', 'admin');
  reviewer = await tokenFor(fx, 'dash.reviewer@example.org', 'reviewer');
});
afterAll(() => fx.runtime.dynamo.destroy());

describe('agreement with the model', () => {
  it('counts confirmed, rejected and added tags over reviewed submissions only', () => {
    const reviewed = (tags: [string, 'model' | 'reviewer', string][], rejectedTags: string[] = []) =>
      ({
        id: String(Math.random()),
        status: 'reviewed',
        tags: tags.map(([recommendationId, source, modelVersion]) => ({
          recommendationId,
          source,
          modelVersion,
          score: 0.9,
          questionId: 'Q1',
          evidence: [],
        })),
        rejectedTags,
      }) as unknown as Submission;
    const stats = reviewStats(
      [
        reviewed(
          [
            ['R1', 'reviewer', 'model-1'],
            ['R2', 'reviewer', 'reviewer'],
          ],
          ['R3'],
        ),
        reviewed([['R1', 'reviewer', 'model-1']], ['R1']),
        { ...reviewed([['R4', 'model', 'model-1']]), status: 'tagged' } as Submission,
        { ...reviewed([], ['R5']), status: 'excluded' } as Submission,
        { id: 'w', status: 'withdrawn' } as unknown as Submission,
      ],
      consultation,
    );
    expect(stats.total).toBe(4);
    expect(stats.coverage).toBe(3 / 4);
    expect(stats.perRecommendation.R1).toEqual({
      confirmed: 2,
      rejected: 1,
      added: 0,
      precision: 2 / 3,
      recall: 1,
    });
    expect(stats.perRecommendation.R2).toEqual({
      confirmed: 0,
      rejected: 0,
      added: 1,
      precision: null,
      recall: 0,
    });
    expect(stats.perRecommendation.R3).toMatchObject({ rejected: 1, precision: 0, recall: null });
    expect(stats.perRecommendation.R5).toMatchObject({ rejected: 0 });
    expect(stats.overall).toMatchObject({ confirmed: 2, rejected: 2, added: 1 });
  });

  it('answers the dashboard numbers after real decisions', async () => {
    const a = await seed(fx, {
      tags: [
        ['R1', 0.9],
        ['R2', 0.4],
      ],
    });
    await api(fx, 'PATCH', `/api/admin/submissions/${a.id}`, reviewer, {
      version: a.version,
      reject: ['R2'],
      add: ['R8'],
    });
    await seed(fx, { tags: [['R1', 0.7]] });
    await untilListed(fx, 2);
    const response = await api(fx, 'GET', `${base}/dashboard`, admin);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { stats: ReturnType<typeof reviewStats> };
    expect(body.stats.coverage).toBe(0.5);
    expect(body.stats.perRecommendation.R1).toMatchObject({ confirmed: 1, precision: 1 });
    expect(body.stats.perRecommendation.R2).toMatchObject({ rejected: 1, precision: 0 });
    expect(body.stats.perRecommendation.R8).toMatchObject({ added: 1, recall: 0 });
    expect((await api(fx, 'GET', `${base}/dashboard`, reviewer)).status).toBe(403);
  });
});

describe('admin actions', () => {
  it('runs a job, refuses a second start while it runs, and records how it ended', async () => {
    const started = await api(fx, 'POST', `${base}/jobs/tag`, admin);
    expect(started.status).toBe(202);
    expect(((await started.json()) as { job: { state: string } }).job.state).toBe('running');
    const again = await api(fx, 'POST', `${base}/jobs/tag`, admin);
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('job_running');
    release();
    await jobs.idle();
    const failing = await api(fx, 'POST', `${base}/jobs/report`, admin);
    expect(failing.status).toBe(202);
    await jobs.idle();
    const records = await fx.review.reviews.listJobs();
    expect(records).toContainEqual(
      expect.objectContaining({
        kind: 'tag',
        state: 'succeeded',
        summary: '3 tagged, 0 conflicts',
        startedBy: 'dash.admin@example.org',
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ kind: 'report', state: 'failed', summary: 'the bucket is gone' }),
    );
  });

  it('refuses a job this deployment cannot run, and any job to a reviewer', async () => {
    const train = await api(fx, 'POST', `${base}/jobs/train`, admin);
    expect(train.status).toBe(409);
    expect(await errorCode(train)).toBe('job_unavailable');
    expect((await api(fx, 'POST', `${base}/jobs/tag`, reviewer)).status).toBe(403);
  });

  it('on AWS, hands tagging, retraining and the report to their functions', async () => {
    const calls: [string, Record<string, unknown>][] = [];
    const runner = invokingJobRunner(
      fx.review.reviews,
      async (name, payload) => {
        calls.push([name, payload]);
      },
      { tagger: 'tagger-fn', report: 'report-fn' },
    );
    expect(runner.available).toEqual(['report', 'tag', 'train']);
    for (const kind of ['tag', 'train', 'report'] as const) {
      expect((await runner.start(kind, CONSULTATION_ID, 'aws@example.org')).state).toBe('invoked');
    }
    expect(calls).toEqual([
      ['tagger-fn', { action: 'tag' }],
      ['tagger-fn', { action: 'retrain' }],
      ['report-fn', { consultationId: CONSULTATION_ID }],
    ]);
    expect(invokingJobRunner(fx.review.reviews, async () => {}, {}).available).toEqual([]);
  });

  it('shows the dashboard with its buttons to an admin', async () => {
    const session = await signInWithForm(fx, 'dash.page@example.org', 'admin');
    const html = await (
      await getPage(fx, `/admin/consultations/${CONSULTATION_ID}/dashboard`, session)
    ).text();
    expect(html).toContain('Agreement with the model');
    expect(html).toContain(`action="/admin/consultations/${CONSULTATION_ID}/jobs/tag"`);
    expect(html).not.toContain(`action="/admin/consultations/${CONSULTATION_ID}/jobs/train"`);
  });
});

describe('the admin log', () => {
  it('lists the day’s changes to submissions and accounts, for admins only', async () => {
    const s = await seed(fx, { tags: [['R6', 0.8]] });
    await api(fx, 'PATCH', `/api/admin/submissions/${s.id}`, reviewer, {
      version: s.version,
      exclusion: 'duplicate',
    });
    const day = fx.clock.now.toISOString().slice(0, 10);
    const response = await api(fx, 'GET', `/api/admin/audit?day=${day}`, admin);
    const { items } = (await response.json()) as {
      items: { action: string; submissionId?: string; account?: string }[];
    };
    expect(items).toContainEqual(expect.objectContaining({ action: 'review', submissionId: s.id }));
    expect(items).toContainEqual(
      expect.objectContaining({ action: 'account_created', account: 'dash.reviewer@example.org' }),
    );
    expect((await api(fx, 'GET', '/api/admin/audit', reviewer)).status).toBe(403);
    const bad = await api(fx, 'GET', '/api/admin/audit?day=yesterday', admin);
    expect(bad.status).toBe(400);
    const session = await signInWithForm(fx, 'log.page@example.org', 'admin');
    const html = await (await getPage(fx, `/admin/log?day=${day}`, session)).text();
    expect(html).toContain(`href="/admin/submissions/${s.id}"`);
  });
});
