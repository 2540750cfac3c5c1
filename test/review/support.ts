import { createApp } from '../../shared/http/app.js';
import type { ReviewDeps } from '../../shared/http/context.js';
import { createLogger } from '../../shared/logger.js';
import { addAccount, csrfTokenFor } from '../../shared/review/accounts.js';
import type { Role } from '../../shared/review/model.js';
import type { ScryptCost } from '../../shared/review/passwords.js';
import type { Runtime } from '../../shared/runtime.js';
import { DynamoDbReviewStore } from '../../shared/stores/review-dynamodb.js';
import { createTestRuntime } from '../support/runtime.js';

/** A cheap scrypt for tests, which hash dozens of passwords; production keeps PASSWORD_COST. */
export const TEST_COST: ScryptCost = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';

export interface ReviewFixture {
  runtime: Runtime;
  review: ReviewDeps;
  app: ReturnType<typeof createApp>;
  clock: { now: Date };
}

/** The app with the secretariat's workspace, on a table of its own, and a clock the test moves. */
export async function reviewFixture(overrides: Partial<ReviewDeps> = {}): Promise<ReviewFixture> {
  const runtime = await createTestRuntime();
  const clock = { now: new Date('2017-07-01T09:00:00.000Z') };
  const review: ReviewDeps = {
    reviews: new DynamoDbReviewStore(runtime.dynamo, runtime.config.TABLE_NAME),
    passwordCost: TEST_COST,
    signInsPerMinute: 1_000,
    ...overrides,
  };
  const app = createApp({
    store: runtime.store,
    catalogue: runtime.catalogue,
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
