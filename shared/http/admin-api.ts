import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AuthenticationError } from '../errors.js';
import { addAccount, setAccountDisabled, signIn, signOut } from '../review/accounts.js';
import { parseOrThrow } from '../validation.js';
import { accountDeps, bearerPrincipal, signedIn } from './admin-auth.js';
import { guardJsonBody, limitBody } from './body.js';
import type { AppDeps, AppEnv, ReviewDeps } from './context.js';
import { bearerToken } from './public-api.js';

const disabledSchema = z.strictObject({ disabled: z.boolean() });

/**
 * The secretariat's JSON API: `POST /api/auth/login` hands out a bearer token, and every route under
 * `/api/admin/` wants one. Browsers use the pages; this API takes no cookies, so it needs no CSRF check.
 */
export function adminApi(
  _deps: AppDeps,
  review: ReviewDeps,
  now: () => Date,
  limitSignIns: MiddlewareHandler,
) {
  const api = new Hono<AppEnv>();
  const accounts = accountDeps(review, now);

  api.post('/api/auth/login', limitSignIns, limitBody, guardJsonBody, async (c) => {
    const { token, expiresAt } = await signIn(accounts, await c.req.json(), 'bearer');
    return c.json({ token, expiresAt }, 200);
  });

  api.use('/api/admin/*', bearerPrincipal(accounts), async (c, next) => {
    if (!c.get('principal')) throw new AuthenticationError('required');
    await next();
  });
  api.use('/api/auth/logout', bearerPrincipal(accounts));

  api.post('/api/auth/logout', async (c) => {
    signedIn(c);
    await signOut(accounts, bearerToken(c.req.header('authorization')) ?? '');
    return c.body(null, 204);
  });

  api.get('/api/admin/accounts', async (c) => {
    signedIn(c, 'admin');
    const list = await review.reviews.listAccounts();
    return c.json({ items: list.map(({ passwordHash: _hash, ...account }) => account) }, 200);
  });

  api.post('/api/admin/accounts', limitBody, guardJsonBody, async (c) => {
    const actor = signedIn(c, 'admin');
    const { account, generatedPassword } = await addAccount(accounts, actor, await c.req.json());
    const { passwordHash: _hash, ...shown } = account;
    return c.json({ account: shown, ...(generatedPassword ? { password: generatedPassword } : {}) }, 201);
  });

  api.patch('/api/admin/accounts/:email', limitBody, guardJsonBody, async (c) => {
    const actor = signedIn(c, 'admin');
    const { disabled } = parseOrThrow(disabledSchema, await c.req.json());
    const { passwordHash: _hash, ...account } = await setAccountDisabled(
      accounts,
      actor,
      c.req.param('email'),
      disabled,
    );
    return c.json({ account }, 200);
  });

  return api;
}
