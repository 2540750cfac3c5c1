import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { AuthenticationError, StateConflictError, ValidationError } from '../errors.js';
import { addAccount, setAccountDisabled, signIn, signOut } from '../review/accounts.js';
import {
  accountDeps,
  clearSessionCookie,
  cookiePrincipal,
  readAdminForm,
  sessionCookie,
  setSessionCookie,
  signedIn,
} from './admin-auth.js';
import { limitBody, readText } from './body.js';
import type { AppContext, AppDeps, AppEnv, ReviewDeps } from './context.js';
import { AccountsPage, type AccountsPageState } from './pages/admin/accounts.js';
import { ADMIN_CSS } from './pages/admin/admin-css.js';
import { LoginPage } from './pages/admin/login.js';
import { documentHtml } from './pages/layout.js';
import { fieldMessage } from './problems.js';

const here = (c: AppContext) => {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

/** Only a path inside the workspace: a `next` pointing elsewhere would make sign-in an open redirect. */
function safeNext(next: string | null | undefined): string {
  return next && /^\/admin(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/admin';
}

export function adminPageProps(c: AppContext, consultationId: string) {
  return { lang: c.get('lang'), t: c.get('t'), here: here(c), principal: signedIn(c), consultationId };
}

/** The secretariat's pages, under /admin: a cookie session, CSRF checks on every post, roles on every route. */
export function adminPages(
  deps: AppDeps,
  review: ReviewDeps,
  now: () => Date,
  limitSignIns: MiddlewareHandler,
) {
  const pages = new Hono<AppEnv>();
  const accounts = accountDeps(review, now);
  const defaultConsultation = deps.catalogue.default.id;

  pages.get('/admin/assets/admin.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(ADMIN_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  pages.use('/admin', cookiePrincipal(accounts));
  pages.use('/admin/*', cookiePrincipal(accounts));
  const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.path === '/admin/login' || c.req.path.startsWith('/admin/assets/')) return next();
    if (!c.get('principal')) {
      if (c.req.method === 'GET') return c.redirect(`/admin/login?next=${encodeURIComponent(here(c))}`, 303);
      return c.redirect('/admin/login', 303);
    }
    await next();
  };
  pages.use('/admin', requireSession);
  pages.use('/admin/*', requireSession);

  const loginPage = (
    c: AppContext,
    state: { next: string; email?: string; failed?: boolean; signedOut?: boolean },
    status: 200 | 401 = 200,
  ) =>
    c.html(documentHtml(<LoginPage lang={c.get('lang')} t={c.get('t')} here={here(c)} {...state} />), status);

  pages.get('/admin/login', (c) => {
    if (c.get('principal')) return c.redirect(safeNext(c.req.query('next')), 303);
    return loginPage(c, { next: safeNext(c.req.query('next')), signedOut: c.req.query('signedOut') === '1' });
  });

  pages.post('/admin/login', csrf(), limitSignIns, limitBody, async (c) => {
    const form = new URLSearchParams(await readText(c.req, 'form'));
    const next = safeNext(form.get('next'));
    const email = form.get('email') ?? '';
    try {
      const session = await signIn(accounts, { email, password: form.get('password') ?? '' }, 'cookie');
      setSessionCookie(c, session.token, session.expiresAt);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof AuthenticationError || error instanceof ValidationError)) throw error;
      return loginPage(c, { next, email, failed: true }, 401);
    }
  });

  pages.post('/admin/logout', csrf(), limitBody, async (c) => {
    await readAdminForm(c);
    const token = sessionCookie(c);
    if (token) await signOut(accounts, token);
    clearSessionCookie(c);
    return c.redirect('/admin/login?signedOut=1', 303);
  });

  pages.get('/admin', (c) => c.redirect(`/admin/consultations/${defaultConsultation}`, 303));

  const accountsPage = async (
    c: AppContext,
    state: Omit<AccountsPageState, 'accounts'> = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const list = (await review.reviews.listAccounts()).sort((a, b) => a.email.localeCompare(b.email));
    return c.html(
      documentHtml(<AccountsPage {...adminPageProps(c, defaultConsultation)} accounts={list} {...state} />),
      status,
    );
  };

  pages.get('/admin/accounts', (c) => {
    signedIn(c, 'admin');
    return accountsPage(c);
  });

  pages.post('/admin/accounts', csrf(), limitBody, async (c) => {
    const actor = signedIn(c, 'admin');
    const form = await readAdminForm(c);
    const password = form.get('password');
    try {
      const { account, generatedPassword } = await addAccount(accounts, actor, {
        email: form.get('email') ?? '',
        role: form.get('role') ?? '',
        ...(password ? { password } : {}),
      });
      return accountsPage(c, {
        added: { email: account.email, ...(generatedPassword ? { generatedPassword } : {}) },
      });
    } catch (error) {
      const t = c.get('t');
      if (error instanceof ValidationError)
        return accountsPage(
          c,
          { errors: error.fields.map((f) => ({ path: f.path, message: fieldMessage(t, f) })) },
          400,
        );
      if (error instanceof StateConflictError)
        return accountsPage(
          c,
          { errors: [{ path: 'email', message: t.errors.stateConflict[error.code] }] },
          409,
        );
      throw error;
    }
  });

  pages.post('/admin/accounts/:email/:change{disable|enable}', csrf(), limitBody, async (c) => {
    const actor = signedIn(c, 'admin');
    await readAdminForm(c);
    await setAccountDisabled(accounts, actor, c.req.param('email'), c.req.param('change') === 'disable');
    return c.redirect('/admin/accounts', 303);
  });

  return pages;
}
