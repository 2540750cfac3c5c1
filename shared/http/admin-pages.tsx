import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { documentDownloadUrl } from '../documents/uploads.js';
import {
  AuthenticationError,
  NotFoundError,
  StateConflictError,
  ValidationError,
  VersionConflictError,
} from '../errors.js';
import { consultationOr404 } from '../intake.js';
import { addAccount, setAccountDisabled, signIn, signOut } from '../review/accounts.js';
import { dayLog, historyOf, parseDay } from '../review/audit.js';
import { detectGroups, groupOf, groupSizes, markCampaign } from '../review/campaigns.js';
import { reviewStats } from '../review/dashboard.js';
import { decide, reviewable } from '../review/decisions.js';
import { isJobKind } from '../review/model.js';
import { putModelInUse } from '../review/model-promotion.js';
import { neighbours, parseTriageQuery, queryString, readConsultation, triage } from '../review/triage.js';
import { asSeenBy } from '../review/visibility.js';
import type { Submission } from '../submission.js';
import { traceFilter } from '../synthesis/trace.js';
import { MODEL_VERSION } from '../tagging/promotion.js';
import {
  adminPageProps,
  clearSessionCookie,
  cookiePrincipal,
  here,
  readAdminForm,
  type Secretariat,
  sessionCookie,
  setSessionCookie,
  signedIn,
} from './admin-auth.js';
import { exportResponse } from './admin-export.js';
import { registerReportPages } from './admin-reports.js';
import { limitBody, readText } from './body.js';
import type { AppContext, AppEnv } from './context.js';
import { AccountsPage, type AccountsPageState } from './pages/admin/accounts.js';
import { ADMIN_CSS } from './pages/admin/admin-css.js';
import { CampaignsPage } from './pages/admin/campaigns.js';
import { DashboardPage } from './pages/admin/dashboard.js';
import { LogPage } from './pages/admin/log.js';
import { LoginPage } from './pages/admin/login.js';
import { REVIEW_JS } from './pages/admin/review-script.js';
import { SubmissionPage, type SubmissionPageProps } from './pages/admin/submission.js';
import { TriagePage } from './pages/admin/triage.js';
import { documentHtml } from './pages/layout.js';
import { fieldMessage } from './problems.js';

/**
 * The decision form states the whole tag set: a ticked box the model proposed is confirmed, a ticked
 * box without a tag is added, an unticked box with a tag is rejected.
 */
function decisionFromForm(form: URLSearchParams, current: Submission) {
  const ticked = new Set(form.getAll('tags'));
  const tagged = new Map(current.tags.map((t) => [t.recommendationId, t]));
  const exclusion = form.get('exclusion') ?? '';
  const note = (form.get('note') ?? '').trim();
  return {
    version: Number(form.get('version')),
    confirm: [...ticked].filter((id) => tagged.get(id)?.source === 'model'),
    reject: [...tagged.keys()].filter((id) => !ticked.has(id)),
    add: [...ticked].filter((id) => !tagged.has(id)),
    ...(exclusion ? { exclusion } : current.exclusionReason ? { exclusion: null } : {}),
    ...(note !== (current.reviewNote ?? '') ? { note: note || null } : {}),
    reviewed: true,
  };
}

/** Only a path inside the workspace: a `next` pointing elsewhere would make sign-in an open redirect. */
function safeNext(next: string | null | undefined): string {
  return next && /^\/admin(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/admin';
}

/** The secretariat's pages, under /admin: a cookie session, CSRF checks on every post, roles on every route. */
export function adminPages(built: Secretariat) {
  const { deps, review, now, accounts, decisions, limitSignIns } = built;
  const pages = new Hono<AppEnv>();
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

  pages.get('/admin/assets/review.js', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(REVIEW_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  pages.get('/admin', (c) => c.redirect(`/admin/consultations/${defaultConsultation}`, 303));

  pages.get('/admin/consultations/:id', async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const query = parseTriageQuery(c.req.query(), consultation);
    const all = await readConsultation(deps.store, consultation.id);
    const only = await traceFilter(deps.reports, consultation.id, query);
    const report = query.report && (await deps.reports?.get(consultation.id, query.report));
    return c.html(
      documentHtml(
        <TriagePage
          {...adminPageProps(c, consultation.id)}
          consultation={consultation}
          query={query}
          result={triage(all, query, only)}
          groups={groupSizes(all)}
          {...(report && query.key ? { traced: { compiledAt: report.generatedAt, key: query.key } } : {})}
        />,
      ),
    );
  });

  const submissionPage = async (c: AppContext, id: string, notice?: SubmissionPageProps['notice']) => {
    const record = await deps.store.get(id);
    if (!record) throw new NotFoundError('submission');
    const { submission } = record;
    const consultation = consultationOr404(deps.catalogue, submission.consultationId);
    const query = parseTriageQuery(c.req.query(), consultation);
    const all = await readConsultation(deps.store, consultation.id);
    const group = groupOf(all, submission.id);
    const live = submission.status === 'withdrawn' ? undefined : (submission as Submission);
    return c.html(
      documentHtml(
        <SubmissionPage
          {...adminPageProps(c, consultation.id)}
          consultation={consultation}
          submission={asSeenBy(signedIn(c).role, submission)}
          history={await historyOf(review.reviews, submission)}
          listQuery={queryString(query)}
          place={neighbours(
            all,
            query,
            submission.id,
            await traceFilter(deps.reports, consultation.id, query),
          )}
          group={{ members: group, ...(live?.campaign ? { campaign: live.campaign } : {}) }}
          {...(notice ? { notice } : {})}
        />,
      ),
      notice?.kind === 'conflict' ? 409 : 200,
    );
  };

  pages.get('/admin/submissions/:id', (c) => {
    const saved = Number(c.req.query('saved'));
    return submissionPage(c, c.req.param('id'), saved ? { kind: 'saved', version: saved } : undefined);
  });

  // The original document, through a presigned link that expires in minutes: signed-in secretariat only.
  pages.get('/admin/submissions/:id/document', async (c) => {
    const record = await deps.store.get(c.req.param('id'));
    const url =
      record &&
      deps.documents &&
      (await documentDownloadUrl(deps.documents, record.submission as Submission));
    if (!url) throw new NotFoundError('page');
    c.header('Cache-Control', 'no-store');
    return c.redirect(url, 302);
  });

  pages.post('/admin/submissions/:id', csrf(), limitBody, async (c) => {
    const actor = signedIn(c);
    const form = await readAdminForm(c);
    const id = c.req.param('id');
    const current = await reviewable(deps.store, id);
    try {
      const saved = await decide(decisions, id, decisionFromForm(form, current), actor);
      const consultation = consultationOr404(deps.catalogue, saved.consultationId);
      const query = parseTriageQuery(c.req.query(), consultation);
      const next =
        form.get('then') === 'next'
          ? neighbours(
              await readConsultation(deps.store, consultation.id),
              query,
              id,
              await traceFilter(deps.reports, consultation.id, query),
            ).next
          : undefined;
      const target = `/admin/submissions/${encodeURIComponent(next ?? id)}`;
      const params = new URLSearchParams(queryString(query));
      if (!next) params.set('saved', String(saved.version));
      return c.redirect(`${target}?${params}`, 303);
    } catch (error) {
      if (error instanceof VersionConflictError) return submissionPage(c, id, { kind: 'conflict' });
      throw error;
    }
  });

  pages.get('/admin/consultations/:id/export.csv', (c) => exportResponse(c, deps, 'csv'));
  pages.get('/admin/consultations/:id/export.json', (c) => exportResponse(c, deps, 'json'));

  pages.get('/admin/consultations/:id/campaigns', async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const all = await readConsultation(deps.store, consultation.id);
    const byId = new Map(all.filter((s) => s.status !== 'withdrawn').map((s) => [s.id, s as Submission]));
    return c.html(
      documentHtml(
        <CampaignsPage
          {...adminPageProps(c, consultation.id)}
          consultation={consultation}
          groups={detectGroups(all)}
          byId={byId}
        />,
      ),
    );
  });

  pages.post('/admin/consultations/:id/campaigns/:groupId', csrf(), limitBody, async (c) => {
    const actor = signedIn(c);
    const form = await readAdminForm(c);
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const all = await readConsultation(deps.store, consultation.id);
    await markCampaign(decisions, all, c.req.param('groupId'), form.get('campaign') === 'yes', actor);
    const back = form.get('back');
    return c.redirect(
      back
        ? `/admin/submissions/${encodeURIComponent(back)}`
        : `/admin/consultations/${consultation.id}/campaigns`,
      303,
    );
  });

  pages.get('/admin/consultations/:id/dashboard', async (c) => {
    signedIn(c, 'admin');
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const started = c.req.query('started');
    const madeCurrent = c.req.query('current');
    return c.html(
      documentHtml(
        <DashboardPage
          {...adminPageProps(c, consultation.id)}
          consultation={consultation}
          stats={reviewStats(await readConsultation(deps.store, consultation.id), consultation)}
          jobs={await review.reviews.listJobs()}
          available={review.jobs?.available ?? []}
          {...(isJobKind(started) ? { started } : {})}
          {...(review.models ? { model: { current: await review.models.current() } } : {})}
          {...(MODEL_VERSION.test(madeCurrent ?? '') ? { madeCurrent } : {})}
        />,
      ),
    );
  });

  pages.post('/admin/consultations/:id/jobs/:kind', csrf(), limitBody, async (c) => {
    const actor = signedIn(c, 'admin');
    await readAdminForm(c);
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const kind = c.req.param('kind');
    if (!isJobKind(kind) || !review.jobs) throw new StateConflictError('job_unavailable');
    await review.jobs.start(kind, consultation.id, actor.email);
    return c.redirect(`/admin/consultations/${consultation.id}/dashboard?started=${kind}`, 303);
  });

  pages.post('/admin/consultations/:id/models/make-current', csrf(), limitBody, async (c) => {
    const actor = signedIn(c, 'admin');
    const form = await readAdminForm(c);
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const { version } = await putModelInUse(
      { models: review.models, reviews: review.reviews, now },
      String(form.get('version') ?? '').trim(),
      actor,
      consultation.id,
    );
    return c.redirect(`/admin/consultations/${consultation.id}/dashboard?current=${version}`, 303);
  });

  pages.get('/admin/log', async (c) => {
    signedIn(c, 'admin');
    const consultation = consultationOr404(
      deps.catalogue,
      c.req.query('consultation') ?? defaultConsultation,
    );
    const day = parseDay(c.req.query('day'), now());
    return c.html(
      documentHtml(
        <LogPage
          {...adminPageProps(c, consultation.id)}
          day={day}
          entries={await dayLog(review.reviews, consultation.id, day)}
        />,
      ),
    );
  });

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
          { errors: error.fields.map((f) => ({ path: f.path, message: fieldMessage(c.get('lang'), f) })) },
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

  registerReportPages(pages, built);
  return pages;
}
