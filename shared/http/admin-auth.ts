import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type AccountDeps, requireRole, resolveSession } from '../review/accounts.js';
import type { DecisionDeps } from '../review/decisions.js';
import type { Principal, Role } from '../review/model.js';
import { readText } from './body.js';
import type { AppContext, AppDeps, AppEnv, ReviewDeps } from './context.js';
import { CsrfTokenError } from './problems.js';
import { bearerToken } from './public-api.js';
import { limitPerMinute } from './rate-limit.js';

/**
 * How the secretariat proves who it is: a cookie for the browser pages, a bearer token for scripts
 * calling `/api/admin/`. The cookie is `__Host-` prefixed (Secure, Path=/, no Domain), HttpOnly and
 * SameSite=Strict; form posts also carry a token bound to the session, checked on every post.
 */
const COOKIE = 'session';

/** What the secretariat's pages and API are built from, assembled once for both. */
export interface Secretariat {
  deps: AppDeps;
  review: ReviewDeps;
  now: () => Date;
  accounts: AccountDeps;
  decisions: DecisionDeps;
  /** One budget for the form and the API, so that switching doors buys no extra guesses. */
  limitSignIns: MiddlewareHandler;
}

export function secretariatDeps(deps: AppDeps, review: ReviewDeps, now: () => Date): Secretariat {
  return {
    deps,
    review,
    now,
    accounts: {
      reviews: review.reviews,
      now,
      ...(review.passwordCost ? { passwordCost: review.passwordCost } : {}),
    },
    decisions: { store: deps.store, reviews: review.reviews, catalogue: deps.catalogue, now },
    limitSignIns: limitPerMinute(review.signInsPerMinute ?? 10),
  };
}

export function setSessionCookie(c: AppContext, token: string, expiresAt: string) {
  setCookie(c, COOKIE, token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function sessionCookie(c: AppContext): string | undefined {
  return getCookie(c, COOKIE, 'host');
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, COOKIE, { prefix: 'host', path: '/', secure: true });
}

/** Pages: the cookie's principal, if any; the route decides whether one is needed. */
export function cookiePrincipal(deps: AccountDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionCookie(c);
    const principal = token ? await resolveSession(deps, token, 'cookie') : undefined;
    if (principal) c.set('principal', principal);
    await next();
  };
}

/** The JSON API: the bearer token's principal, if any. */
export function bearerPrincipal(deps: AccountDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const principal = token ? await resolveSession(deps, token, 'bearer') : undefined;
    if (principal) c.set('principal', principal);
    await next();
  };
}

/** The request's path and query: where a page sends its language switch and sign-in back to. */
export const here = (c: AppContext) => {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

/** What every secretariat page is drawn with. */
export function adminPageProps(c: AppContext, consultationId: string) {
  return { lang: c.get('lang'), t: c.get('t'), here: here(c), principal: signedIn(c), consultationId };
}

/** The signed-in member, if their role allows; a 401 or 403 otherwise. */
export const signedIn = (c: AppContext, role: Role = 'reviewer'): Principal =>
  requireRole(c.get('principal'), role);

function sameToken(expected: string | undefined, offered: string | null): boolean {
  if (!expected || !offered) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(offered);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A secretariat form post's fields, once its CSRF token matches the session's. (The Origin check
 * runs before, as hono/csrf middleware; this second check also holds where a proxy drops Origin.)
 */
export async function readAdminForm(c: AppContext): Promise<URLSearchParams> {
  const form = new URLSearchParams(await readText(c.req, 'form'));
  if (!sameToken(c.get('principal')?.csrfToken, form.get('_csrf'))) throw new CsrfTokenError();
  return form;
}
