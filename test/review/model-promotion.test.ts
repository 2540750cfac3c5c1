import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelManifest, modelKey } from '../../shared/stores/ports.js';
import { readTrainingFixtures } from '../../shared/tagging/corpus.js';
import { type TrainedModel, trainModel } from '../../shared/tagging/models.js';
import { CONSULTATION_ID } from '../support/factories.js';
import {
  api,
  type BrowserSession,
  errorCode,
  getPage,
  postForm,
  type ReviewFixture,
  reviewFixture,
  signInWithForm,
  tokenFor,
} from './support.js';

let fx: ReviewFixture;
let admin: string;
let reviewer: string;
let inUse: TrainedModel;
let keptAside: TrainedModel;
let session: BrowserSession;

const manifestOf = (model: TrainedModel): ModelManifest => ({
  version: model.version,
  key: modelKey(model.version),
  trainedAt: '2026-12-01T00:00:00.000Z',
  trainingExamples: model.examples,
  languages: [...model.classifier.languages],
  thresholds: { ...model.classifier.thresholds },
  consultationId: CONSULTATION_ID,
  quality: {
    crossValidation: { macroF1: 0.9, microF1: 0.9, ece: 0.01, perLabel: {}, folds: 5, groups: 10 },
    uncertainBand: { low: 0.2, high: 0.8 },
    promotion: 'stored, not current: it scores lower on the independent set',
  },
});

beforeAll(async () => {
  fx = await reviewFixture();
  fx.review.models = fx.runtime.models;
  const consultation = fx.runtime.catalogue.default;
  const fixtures = await readTrainingFixtures(consultation);
  // Two small models, two versions: one in use, one that retraining kept aside.
  inUse = trainModel(consultation, fixtures.slice(0, 120));
  keptAside = trainModel(consultation, fixtures.slice(120, 240));
  await fx.runtime.models.publish(inUse.serialised, manifestOf(inUse));
  await fx.runtime.models.save(keptAside.serialised, manifestOf(keptAside));
  admin = await tokenFor(fx, 'models.admin@example.org', 'admin');
  reviewer = await tokenFor(fx, 'models.reviewer@example.org', 'reviewer');
  session = await signInWithForm(fx, 'models.page@example.org', 'admin');
});
afterAll(() => fx.runtime.dynamo.destroy());

const makeCurrentPath = (version: string) => `/api/admin/models/${version}/make-current`;

describe('an admin puts a stored model in use', () => {
  it('refuses reviewers, a malformed version and an unknown one, changing nothing', async () => {
    const asReviewer = await api(fx, 'POST', makeCurrentPath(keptAside.version), reviewer);
    expect(asReviewer.status).toBe(403);
    const malformed = await api(fx, 'POST', makeCurrentPath('not-a-version'), admin);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      error: { code: 'invalid_input', fields: [expect.objectContaining({ path: 'version' })] },
    });
    const unknown = await api(fx, 'POST', makeCurrentPath('ffffffffffffffff'), admin);
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('model_not_found');
    expect((await fx.runtime.models.current())?.version).toBe(inUse.version);
  });

  it('makes the version current over the API, and the admin log says who and what it replaced', async () => {
    const response = await api(fx, 'POST', makeCurrentPath(keptAside.version), admin);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: keptAside.version, current: true });
    const current = await fx.runtime.models.current();
    expect(current?.version).toBe(keptAside.version);
    expect(current?.quality?.promotion).toBe('made current by an admin');
    const day = fx.clock.now.toISOString().slice(0, 10);
    const { items } = (await (await api(fx, 'GET', `/api/admin/audit?day=${day}`, admin)).json()) as {
      items: { action: string; actor: string; before: unknown; after: unknown }[];
    };
    expect(items).toContainEqual(
      expect.objectContaining({
        action: 'model_made_current',
        actor: 'models.admin@example.org',
        before: { model: inUse.version },
        after: { model: keptAside.version },
      }),
    );
  });

  it('offers the form on the dashboard, with its CSRF token, and puts a version in use from it', async () => {
    const dashboard = `/admin/consultations/${CONSULTATION_ID}/dashboard`;
    const html = await (await getPage(fx, dashboard, session)).text();
    expect(html).toContain(`In use: model ${keptAside.version}`);
    expect(html).toContain(`action="/admin/consultations/${CONSULTATION_ID}/models/make-current"`);
    expect(html).toContain(`value="${session.csrf}"`);

    const action = `/admin/consultations/${CONSULTATION_ID}/models/make-current`;
    const forged = await postForm(fx, action, { version: inUse.version, _csrf: 'wrong' }, session);
    expect(forged.status).toBe(403);
    expect((await fx.runtime.models.current())?.version).toBe(keptAside.version);

    const done = await postForm(fx, action, { version: inUse.version, _csrf: session.csrf }, session);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${dashboard}?current=${inUse.version}`);
    expect((await fx.runtime.models.current())?.version).toBe(inUse.version);
    const after = await (await getPage(fx, `${dashboard}?current=${inUse.version}`, session)).text();
    expect(after).toContain(`Model ${inUse.version} is now in use.`);
  });
});
