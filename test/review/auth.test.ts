import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../shared/review/accounts.js';
import { hashPassword, verifyPassword } from '../../shared/review/passwords.js';
import {
  api,
  createMember,
  errorCode,
  getPage,
  PASSWORD,
  postForm,
  type ReviewFixture,
  reviewFixture,
  signInWithForm,
  TEST_COST,
  TODAY,
  tokenFor,
} from './support.js';

let fx: ReviewFixture;
let adminToken: string;
let reviewerToken: string;

beforeAll(async () => {
  fx = await reviewFixture();
  adminToken = await tokenFor(fx, 'admin@example.org', 'admin');
  reviewerToken = await tokenFor(fx, 'reviewer@example.org', 'reviewer');
});
afterAll(() => fx.runtime.dynamo.destroy());

const SECRETARIAT_API: [string, string][] = [
  ['GET', '/api/admin/accounts'],
  ['POST', '/api/admin/accounts'],
  ['PATCH', '/api/admin/accounts/reviewer@example.org'],
  ['GET', '/api/admin/consultations/gfmd-2017-gcm-cluster-1/submissions'],
  ['GET', '/api/admin/submissions/01ARZ3NDEKTSV4RRFFQ69G5FAV'],
  ['PATCH', '/api/admin/submissions/01ARZ3NDEKTSV4RRFFQ69G5FAV'],
  ['GET', '/api/admin/consultations/gfmd-2017-gcm-cluster-1/export.csv'],
  ['GET', '/api/admin/unknown-route'],
];

describe('the secretariat API', () => {
  it('hands out a bearer token for a right password, with its expiry', async () => {
    const response = await api(fx, 'POST', '/api/auth/login', undefined, {
      email: 'Admin@Example.org',
      password: PASSWORD,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; expiresAt: string };
    expect(body.token.length).toBeGreaterThanOrEqual(40);
    expect(Date.parse(body.expiresAt)).toBe(fx.clock.now.getTime() + 8 * 3600_000);
  });

  it.each([
    ['a wrong password', { email: 'admin@example.org', password: 'not the password' }],
    ['an unknown e-mail', { email: 'nobody@example.org', password: PASSWORD }],
  ])('refuses %s with 401 and the same answer', async (_name, body) => {
    const response = await api(fx, 'POST', '/api/auth/login', undefined, body);
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('invalid_credentials');
  });

  it('refuses a sign-in body without a password with 400 naming the field', async () => {
    const response = await api(fx, 'POST', '/api/auth/login', undefined, { email: 'admin@example.org' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: { path: string }[] } };
    expect(body.error.fields.map((f) => f.path)).toEqual(['password']);
  });

  it.each(SECRETARIAT_API)('answers 401 to %s %s without a token', async (method, path) => {
    const response = await api(fx, method, path, undefined, method === 'GET' ? undefined : {});
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('unauthorized');
  });

  it.each(SECRETARIAT_API)('answers 401 to %s %s with a made-up token', async (method, path) => {
    const response = await api(fx, method, path, 'x'.repeat(43), method === 'GET' ? undefined : {});
    expect(response.status).toBe(401);
  });

  it('refuses a token once it has expired', async () => {
    const token = await tokenFor(fx, 'short-lived@example.org', 'admin');
    expect((await api(fx, 'GET', '/api/admin/accounts', token)).status).toBe(200);
    const started = fx.clock.now;
    fx.clock.now = new Date(started.getTime() + 8 * 3600_000 + 1);
    try {
      expect((await api(fx, 'GET', '/api/admin/accounts', token)).status).toBe(401);
    } finally {
      fx.clock.now = started;
    }
  });

  it('answers 403 to a reviewer calling an admin-only action', async () => {
    const list = await api(fx, 'GET', '/api/admin/accounts', reviewerToken);
    expect(list.status).toBe(403);
    expect(await errorCode(list)).toBe('forbidden');
    const add = await api(fx, 'POST', '/api/admin/accounts', reviewerToken, {
      email: 'sneaky@example.org',
      role: 'admin',
    });
    expect(add.status).toBe(403);
  });

  it('lets an admin add a reviewer with a generated password that works, and records it', async () => {
    const response = await api(fx, 'POST', '/api/admin/accounts', adminToken, {
      email: 'new.reviewer@example.org',
      role: 'reviewer',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { account: Record<string, unknown>; password: string };
    expect(body.account).not.toHaveProperty('passwordHash');
    const signIn = await api(fx, 'POST', '/api/auth/login', undefined, {
      email: 'new.reviewer@example.org',
      password: body.password,
    });
    expect(signIn.status).toBe(200);
    const log = await fx.review.reviews.listAuditLog('accounts', TODAY.slice(0, 10));
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'account_created',
        actor: 'admin@example.org',
        account: 'new.reviewer@example.org',
        after: { role: 'reviewer' },
      }),
    );
  });

  it('refuses a second account for the same e-mail with 409, and a short password with 400', async () => {
    const twice = await api(fx, 'POST', '/api/admin/accounts', adminToken, {
      email: 'reviewer@example.org',
      role: 'reviewer',
      password: 'long enough password',
    });
    expect(twice.status).toBe(409);
    expect(await errorCode(twice)).toBe('account_exists');
    const short = await api(fx, 'POST', '/api/admin/accounts', adminToken, {
      email: 'short@example.org',
      role: 'reviewer',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(
      ((await short.json()) as { error: { fields: { path: string; code: string }[] } }).error.fields,
    ).toEqual([expect.objectContaining({ path: 'password', code: 'password_length' })]);
  });

  it('ends the sessions of a disabled account at once', async () => {
    const token = await tokenFor(fx, 'leaving@example.org', 'reviewer');
    const disable = await api(fx, 'PATCH', '/api/admin/accounts/leaving@example.org', adminToken, {
      disabled: true,
    });
    expect(disable.status).toBe(200);
    expect(
      (await api(fx, 'GET', '/api/admin/consultations/gfmd-2017-gcm-cluster-1/submissions', token)).status,
    ).toBe(401);
    const again = await api(fx, 'POST', '/api/auth/login', undefined, {
      email: 'leaving@example.org',
      password: PASSWORD,
    });
    expect(again.status).toBe(401);
  });

  it('does not let an admin disable their own account', async () => {
    const response = await api(fx, 'PATCH', '/api/admin/accounts/admin@example.org', adminToken, {
      disabled: true,
    });
    expect(response.status).toBe(400);
  });

  it('rate-limits sign-in attempts per client', async () => {
    const limited = await reviewFixture({ signInsPerMinute: 3 });
    try {
      const attempt = () =>
        api(limited, 'POST', '/api/auth/login', undefined, { email: 'a@example.org', password: 'wrong one' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // The form shares the same budget: switching doors does not buy more guesses.
      const form = await postForm(limited, '/admin/login', { email: 'a@example.org', password: 'wrong one' });
      expect(form.status).toBe(429);
    } finally {
      limited.runtime.dynamo.destroy();
    }
  });
});

describe('the secretariat pages', () => {
  it('redirect to sign-in without a session, keeping where the person was going', async () => {
    for (const path of ['/admin', '/admin/accounts', '/admin/consultations/gfmd-2017-gcm-cluster-1']) {
      const response = await getPage(fx, path);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('set an HttpOnly, Secure, SameSite=Strict, expiring __Host- cookie on sign-in', async () => {
    await createMember(fx, 'cookie@example.org', 'reviewer');
    const response = await postForm(fx, '/admin/login', {
      email: 'cookie@example.org',
      password: PASSWORD,
      next: '/admin/accounts',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/accounts');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Expires=/);
  });

  it('never redirect after sign-in to another site', async () => {
    await createMember(fx, 'redirect@example.org', 'reviewer');
    const response = await postForm(fx, '/admin/login', {
      email: 'redirect@example.org',
      password: PASSWORD,
      next: '//evil.example/admin',
    });
    expect(response.headers.get('location')).toBe('/admin');
  });

  it('show the sign-in form again with 401 for a wrong password', async () => {
    const response = await postForm(fx, '/admin/login', { email: 'admin@example.org', password: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Wrong e-mail address or password.');
  });

  it('refuse a form post without the session’s CSRF token, or from another origin', async () => {
    const session = await signInWithForm(fx, 'csrf.admin@example.org', 'admin');
    const fields = { email: 'csrf.target@example.org', role: 'reviewer' };
    expect((await postForm(fx, '/admin/accounts', fields, session)).status).toBe(403);
    expect((await postForm(fx, '/admin/accounts', { ...fields, _csrf: 'forged' }, session)).status).toBe(403);
    const foreign = await postForm(
      fx,
      '/admin/accounts',
      { ...fields, _csrf: session.csrf },
      session,
      'https://evil.example',
    );
    expect(foreign.status).toBe(403);
    expect(await fx.review.reviews.getAccount('csrf.target@example.org')).toBeUndefined();
    const ok = await postForm(fx, '/admin/accounts', { ...fields, _csrf: session.csrf }, session);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Account created for csrf.target@example.org');
  });

  it('answer 403 to a reviewer opening an admin page', async () => {
    const session = await signInWithForm(fx, 'page.reviewer@example.org', 'reviewer');
    expect((await getPage(fx, '/admin/accounts', session)).status).toBe(403);
  });

  it('do not take a cookie session as a bearer token, nor a bearer token as a cookie', async () => {
    const session = await signInWithForm(fx, 'mixed@example.org', 'admin');
    const cookieToken = decodeURIComponent(session.cookie.split('=')[1] ?? '');
    expect((await api(fx, 'GET', '/api/admin/accounts', cookieToken)).status).toBe(401);
    const asCookie = await getPage(fx, '/admin/accounts', {
      cookie: `__Host-session=${adminToken}`,
      csrf: '',
    });
    expect(asCookie.status).toBe(303);
  });

  it('sign out: the cookie is cleared and the session no longer works', async () => {
    const session = await signInWithForm(fx, 'bye@example.org', 'admin');
    const response = await postForm(fx, '/admin/logout', { _csrf: session.csrf }, session);
    expect(response.headers.get('location')).toBe('/admin/login?signedOut=1');
    expect((await getPage(fx, '/admin/accounts', session)).status).toBe(303);
  });
});

describe('passwords and the first admin', () => {
  it('stores a salted scrypt hash that only the right password matches', async () => {
    const hash = await hashPassword(PASSWORD, TEST_COST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain(PASSWORD);
    expect(await hashPassword(PASSWORD, TEST_COST)).not.toBe(hash);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, hash)).toBe(false);
  });

  it('creates the first admin once, from settings or with a generated password', async () => {
    const fresh = await reviewFixture();
    try {
      const deps = { reviews: fresh.review.reviews, now: () => fresh.clock.now, passwordCost: TEST_COST };
      const lines = await ensureFirstAdmin(deps, { email: 'Head@Example.org' });
      expect(lines?.join('\n')).toContain('head@example.org');
      const password = lines?.join('\n').match(/password\s+(\S+)\s+\(shown this once/)?.[1];
      expect(password).toBeDefined();
      const signIn = await api(fresh, 'POST', '/api/auth/login', undefined, {
        email: 'head@example.org',
        password,
      });
      expect(signIn.status).toBe(200);
      expect(
        await ensureFirstAdmin(deps, { email: 'other@example.org', password: PASSWORD }),
      ).toBeUndefined();
      expect((await fresh.review.reviews.listAccounts()).map((a) => a.email)).toEqual(['head@example.org']);
    } finally {
      fresh.runtime.dynamo.destroy();
    }
  });

  it('reads a deployment secret for the first admin only when no account exists', async () => {
    const fresh = await reviewFixture();
    try {
      const deps = { reviews: fresh.review.reviews, now: () => fresh.clock.now, passwordCost: TEST_COST };
      let reads = 0;
      const secret = async () => {
        reads++;
        return 'generated by the deployment';
      };
      expect(await ensureFirstAdmin(deps, { email: 'ops@example.org', password: secret })).toBeDefined();
      expect(await ensureFirstAdmin(deps, { email: 'ops@example.org', password: secret })).toBeUndefined();
      expect(reads).toBe(1);
      const signIn = await api(fresh, 'POST', '/api/auth/login', undefined, {
        email: 'ops@example.org',
        password: 'generated by the deployment',
      });
      expect(signIn.status).toBe(200);
    } finally {
      fresh.runtime.dynamo.destroy();
    }
  });
});
