import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultationCatalogue, loadCatalogue, parseConsultation } from '../shared/consultation.js';
import { createApp } from '../shared/http/app.js';
import { createLogger } from '../shared/logger.js';
import type { Runtime } from '../shared/runtime.js';
import { DynamoDbReviewStore } from '../shared/stores/review-dynamodb.js';
import type { Submission } from '../shared/submission.js';
import { compileReport } from '../shared/synthesis/compile.js';
import { runTaggingPass } from '../shared/tagging/run.js';
import second from './fixtures/consultations/second-consultation.json' with { type: 'json' };
import { api, errorCode, type ReviewFixture, TEST_COST, TODAY, tokenFor } from './review/support.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath } from './support/factories.js';
import { createTestRuntime } from './support/runtime.js';

/** A second consultation, in the tests only: four questions and recommendations of its own. */
const SECOND = parseConsultation(second);
const catalogue = new ConsultationCatalogue([...loadCatalogue().all(), SECOND]);

let runtime: Runtime;
let app: ReturnType<typeof createApp>;
let fx: ReviewFixture;
const warnings: { message: string; extra: unknown }[] = [];
const logger = {
  info: () => {},
  error: () => {},
  warn: (message: unknown, ...extra: unknown[]) =>
    void warnings.push({ message: String(message), extra: extra[0] }),
};

beforeAll(async () => {
  runtime = await createTestRuntime();
  const review = {
    reviews: new DynamoDbReviewStore(runtime.dynamo, runtime.config.TABLE_NAME),
    passwordCost: TEST_COST,
    signInsPerMinute: 1_000,
  };
  const clock = { now: new Date(TODAY) };
  app = createApp({
    store: runtime.store,
    catalogue,
    reports: runtime.reports,
    logger: createLogger('test', 'SILENT'),
    submissionsPerMinute: 10_000,
    now: () => clock.now,
    review,
  });
  fx = { runtime: { ...runtime, catalogue }, review, app, clock };
});
afterAll(() => runtime.dynamo.destroy());

const fourAnswers = {
  Q1: 'We plan relocation with the villages concerned years before the sea takes their land.',
  Q4: 'We collect data on people who move after floods, and share it with neighbouring countries.',
};

describe('a second consultation', () => {
  let submissionId: string;

  it('takes an answer to its fourth question through the API', async () => {
    const response = await postJson(
      app,
      submissionsPath(SECOND.id),
      submissionBody({ answers: fourAnswers }),
    );
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as { id: string; consultationId: string };
    expect(receipt.consultationId).toBe(SECOND.id);
    submissionId = receipt.id;
    const stored = (await runtime.store.get(receipt.id))?.submission as Submission;
    expect(stored.answers).toEqual(fourAnswers);
  });

  it('still refuses a fourth question on the consultation that has three', async () => {
    const response = await postJson(
      app,
      submissionsPath(CONSULTATION_ID),
      submissionBody({ answers: fourAnswers }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: { path: string; code: string }[] } };
    expect(body.error.fields).toContainEqual(
      expect.objectContaining({ path: 'answers.Q4', code: 'unknown_field' }),
    );
  });

  it('answers an unknown consultation with 404 before reading the body', async () => {
    const response = await postJson(app, submissionsPath('no-such-consultation'), { answers: { Q9: 1 } });
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('consultation_not_found');
    const upload = await postJson(app, '/api/consultations/no-such-consultation/uploads', { nonsense: true });
    expect(upload.status).toBe(404);
  });

  it('takes its fourth question through the form', async () => {
    const response = await app.request(`/consultations/${SECOND.id}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({
        idempotencyKey: crypto.randomUUID(),
        'stakeholder.organization': 'Pacific Islands Forum',
        'stakeholder.email': 'contact@example.org',
        'stakeholder.type': 'international_organization',
        'stakeholder.country': 'FJ',
        'answers.Q4': 'We count every household that moves after a cyclone.',
        'consent.quote': 'yes',
      }).toString(),
    });
    expect(response.status).toBe(303);
    const id = response.headers.get('location')?.match(/\/submissions\/(\w+)/)?.[1] ?? '';
    expect((await runtime.store.get(id))?.submission).toMatchObject({
      consultationId: SECOND.id,
      answers: { Q4: 'We count every household that moves after a cyclone.' },
    });
  });

  it('is not tagged by the other consultation’s model: a clear no_model count and a log line', async () => {
    const summary = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    expect(summary.noModel).toBe(2);
    expect(summary.tagged).toBe(0);
    expect(warnings).toContainEqual({
      message: expect.stringContaining('no_model'),
      extra: expect.objectContaining({ consultations: [SECOND.id], waiting: 2 }),
    });
    const stored = (await runtime.store.get(submissionId))?.submission as Submission;
    expect(stored).toMatchObject({ status: 'received', tags: [] });
  });

  it('is reviewed against its own recommendations', async () => {
    const token = await tokenFor(fx, 'admin@example.org', 'admin');
    const current = (await runtime.store.get(submissionId))?.submission as Submission;
    const response = await api(fx, 'PATCH', `/api/admin/submissions/${submissionId}`, token, {
      version: current.version,
      add: ['R3'],
    });
    expect(response.status).toBe(200);
    const reviewed = (await runtime.store.get(submissionId))?.submission as Submission;
    expect(reviewed.status).toBe('reviewed');
    expect(reviewed.tags.map((t) => t.recommendationId)).toEqual(['R3']);
  });

  it('gets a report of its own, with its own recommendations and questions', async () => {
    const draft = await compileReport(
      { store: runtime.store, reports: runtime.reports, catalogue, logger: createLogger('t', 'SILENT') },
      SECOND.id,
    );
    // A compile writes a draft: only a published report is public.
    await runtime.reports.publish(SECOND.id, draft.stamp, 'admin@example.org', new Date().toISOString());
    const md = await (await app.request(`/api/consultations/${SECOND.id}/report.md`)).text();
    expect(md).toContain('Collect and share data on movement linked to climate change');
    expect(md).toContain('We collect data on people who move after floods');
    expect(md).not.toContain('Host countries need to better understand');
  });
});
