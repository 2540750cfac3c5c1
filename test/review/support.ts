import { ulid } from 'ulid';
import { createApp } from '../../shared/http/app.js';
import type { ReviewDeps } from '../../shared/http/context.js';
import { createLogger } from '../../shared/logger.js';
import { addAccount, csrfTokenFor } from '../../shared/review/accounts.js';
import type { Role } from '../../shared/review/model.js';
import type { ScryptCost } from '../../shared/review/passwords.js';
import type { Runtime } from '../../shared/runtime.js';
import { DynamoDbReviewStore } from '../../shared/stores/review-dynamodb.js';
import type { Submission } from '../../shared/submission.js';
import { CONSULTATION_ID } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';

/** A cheap scrypt for tests, which hash dozens of passwords; production keeps PASSWORD_COST. */
export const TEST_COST: ScryptCost = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';
/** Inside the consultation's submission window. */
export const TODAY = '2026-11-28T09:00:00.000Z';

export interface ReviewFixture {
  runtime: Runtime;
  review: ReviewDeps;
  app: ReturnType<typeof createApp>;
  clock: { now: Date };
}

/** The app with the secretariat's workspace, on a table of its own, and a clock the test moves. */
export async function reviewFixture(overrides: Partial<ReviewDeps> = {}): Promise<ReviewFixture> {
  const runtime = await createTestRuntime();
  const clock = { now: new Date(TODAY) };
  const review: ReviewDeps = {
    reviews: new DynamoDbReviewStore(runtime.dynamo, runtime.config.TABLE_NAME),
    passwordCost: TEST_COST,
    signInsPerMinute: 1_000,
    ...overrides,
  };
  const app = createApp({
    store: runtime.store,
    catalogue: runtime.catalogue,
    reports: runtime.reports,
    logger: createLogger('test', 'SILENT'),
    submissionsPerMinute: 10_000,
    now: () => clock.now,
    review,
  });
  return { runtime, review, app, clock };
}

export async function createMember(fx: ReviewFixture, email: string, role: Role) {
  await addAccount(
    { reviews: fx.review.reviews, now: () => fx.clock.now, passwordCost: TEST_COST },
    { email: 'setup@example.org', role: 'admin', via: 'bearer' },
    { email, role, password: PASSWORD },
  );
}

/** A bearer token for a new member with this role. */
export async function tokenFor(fx: ReviewFixture, email: string, role: Role): Promise<string> {
  await createMember(fx, email, role);
  const response = await fx.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export interface BrowserSession {
  cookie: string;
  csrf: string;
}

/** Signs in through the form, as a browser would, and keeps the session cookie. */
export async function signInWithForm(fx: ReviewFixture, email: string, role: Role): Promise<BrowserSession> {
  await createMember(fx, email, role);
  const response = await postForm(fx, '/admin/login', { email, password: PASSWORD });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const match = setCookie.match(/__Host-session=([^;]+)/);
  if (!match?.[1]) throw new Error(`no session cookie: ${response.status}`);
  return { cookie: `__Host-session=${match[1]}`, csrf: csrfTokenFor(decodeURIComponent(match[1])) };
}

export function postForm(
  fx: ReviewFixture,
  path: string,
  fields: Record<string, string>,
  session?: BrowserSession,
  origin = 'http://localhost',
) {
  return fx.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin,
      ...(session ? { cookie: session.cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
}

export function getPage(fx: ReviewFixture, path: string, session?: BrowserSession) {
  return fx.app.request(path, { headers: session ? { cookie: session.cookie } : {} });
}

export function api(fx: ReviewFixture, method: string, path: string, token?: string, body?: unknown) {
  return fx.app.request(path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

export async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

let seeded = 0;

export interface SeedOptions {
  organization?: string;
  answers?: Record<string, string>;
  type?: Submission['stakeholder']['type'];
  country?: Submission['stakeholder']['country'];
  language?: Submission['language'];
  /**
   * Model tags as recommendation id, score and whether the model was unsure of it; each cites the
   * first sentence of the first answer.
   */
  tags?: [string, number, boolean?][];
}

/** Stores a submission as intake would, and tags it as the tagger would when tags are given. */
export async function seed(fx: ReviewFixture, options: SeedOptions = {}): Promise<Submission> {
  seeded++;
  const at = new Date(fx.clock.now.getTime() + seeded).toISOString();
  const answers = options.answers ?? { Q1: `Answer number ${seeded}. Bilateral agreements protect workers.` };
  const submission: Submission = {
    id: ulid(Date.parse(at)),
    consultationId: CONSULTATION_ID,
    stakeholder: {
      organization: options.organization ?? `Organisation ${seeded}`,
      contactName: 'A. Person',
      email: `contact${seeded}@example.org`,
      type: options.type ?? 'civil_society',
      country: options.country ?? 'PH',
    },
    language: options.language ?? 'en',
    languageSource: 'declared',
    answers,
    consent: { quote: true, attribution: true },
    submittedAt: at,
    updatedAt: at,
    status: 'received',
    version: 1,
    tags: [],
  };
  await fx.runtime.store.create(submission, 'not-a-real-receipt-hash');
  if (!options.tags) return submission;
  const [questionId, text] = Object.entries(answers)[0] as [string, string];
  const sentence = text.split('. ')[0] ?? text;
  return fx.runtime.store.saveModelTags(submission.id, 1, {
    tags: options.tags.map(([recommendationId, score, uncertain]) => ({
      recommendationId,
      score,
      questionId,
      evidence: [{ questionId, start: 0, end: sentence.length, text: sentence, score }],
      modelVersion: 'model-1',
      source: 'model' as const,
      ...(uncertain ? { uncertain } : {}),
    })),
    modelVersion: 'model-1',
    taggedAt: at,
    language: submission.language,
    status: 'tagged',
  });
}

/** The listing index is eventually consistent: waits until it shows every submission stored so far. */
export async function untilListed(fx: ReviewFixture, count: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    let listed = 0;
    for await (const page of fx.runtime.store.listByConsultation(CONSULTATION_ID)) listed += page.length;
    if (listed >= count) return;
    await new Promise((wait) => setTimeout(wait, 20));
  }
  throw new Error(`the listing index never showed ${count} submissions`);
}
