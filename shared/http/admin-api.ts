import { Hono } from 'hono';
import { z } from 'zod';
import { AuthenticationError, NotFoundError, StateConflictError, VersionConflictError } from '../errors.js';
import { consultationOr404 } from '../intake.js';
import { addAccount, setAccountDisabled, signIn, signOut } from '../review/accounts.js';
import { dayLog, historyOf, parseDay } from '../review/audit.js';
import { detectGroups, markCampaign } from '../review/campaigns.js';
import { reviewStats } from '../review/dashboard.js';
import { decide } from '../review/decisions.js';
import { isJobKind } from '../review/model.js';
import { putModelInUse } from '../review/model-promotion.js';
import { parseTriageQuery, readConsultation, triage } from '../review/triage.js';
import { asSeenBy } from '../review/visibility.js';
import { traceFilter } from '../synthesis/trace.js';
import { parseOrThrow } from '../validation.js';
import { bearerPrincipal, type Secretariat, signedIn } from './admin-auth.js';
import { exportResponse } from './admin-export.js';
import { registerReportApi } from './admin-reports.js';
import { guardJsonBody, limitBody } from './body.js';
import type { AppEnv } from './context.js';
import { bearerToken } from './public-api.js';

const disabledSchema = z.strictObject({ disabled: z.boolean() });
const campaignSchema = z.strictObject({ campaign: z.boolean() });

/**
 * The secretariat's JSON API: `POST /api/auth/login` hands out a bearer token, and every route under
 * `/api/admin/` wants one. Browsers use the pages; this API takes no cookies, so it needs no CSRF check.
 */
export function adminApi(built: Secretariat) {
  const { deps, review, now, accounts, decisions, limitSignIns } = built;
  const api = new Hono<AppEnv>();

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

  api.get('/api/admin/consultations/:id/submissions', async (c) => {
    const { role } = signedIn(c);
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const query = parseTriageQuery(c.req.query(), consultation);
    const only = await traceFilter(deps.reports, consultation.id, query);
    const result = triage(await readConsultation(deps.store, consultation.id), query, only);
    return c.json({ ...result, items: result.items.map((s) => asSeenBy(role, s)) }, 200);
  });

  api.get('/api/admin/submissions/:id', async (c) => {
    const { role } = signedIn(c);
    const record = await deps.store.get(c.req.param('id'));
    if (!record) throw new NotFoundError('submission');
    const history = await historyOf(review.reviews, record.submission);
    return c.json({ submission: asSeenBy(role, record.submission), history }, 200);
  });

  api.patch('/api/admin/submissions/:id', limitBody, guardJsonBody, async (c) => {
    const actor = signedIn(c);
    const id = c.req.param('id');
    try {
      const saved = await decide(decisions, id, await c.req.json(), actor);
      return c.json({ submission: asSeenBy(actor.role, saved) }, 200);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      // The reviewer gets the newer state with the refusal, to decide again on what is there now.
      const current = await deps.store.get(id);
      const t = c.get('t');
      return c.json(
        {
          error: { code: 'version_conflict', message: t.errors.conflict },
          current: current && asSeenBy(actor.role, current.submission),
          requestId: c.get('requestId'),
        },
        409,
      );
    }
  });

  api.get('/api/admin/consultations/:id/campaigns', async (c) => {
    signedIn(c);
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    return c.json({ groups: detectGroups(await readConsultation(deps.store, consultation.id)) }, 200);
  });

  api.put('/api/admin/consultations/:id/campaigns/:groupId', limitBody, guardJsonBody, async (c) => {
    const actor = signedIn(c);
    const { campaign } = parseOrThrow(campaignSchema, await c.req.json());
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const all = await readConsultation(deps.store, consultation.id);
    return c.json(
      { group: await markCampaign(decisions, all, c.req.param('groupId'), campaign, actor) },
      200,
    );
  });

  api.get('/api/admin/consultations/:id/export.csv', (c) => exportResponse(c, deps, 'csv'));
  api.get('/api/admin/consultations/:id/export.json', (c) => exportResponse(c, deps, 'json'));

  api.get('/api/admin/consultations/:id/dashboard', async (c) => {
    signedIn(c, 'admin');
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    return c.json(
      {
        stats: reviewStats(await readConsultation(deps.store, consultation.id), consultation),
        jobs: await review.reviews.listJobs(),
        available: review.jobs?.available ?? [],
      },
      200,
    );
  });

  api.post('/api/admin/consultations/:id/jobs/:kind', async (c) => {
    const actor = signedIn(c, 'admin');
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const kind = c.req.param('kind');
    if (!isJobKind(kind) || !review.jobs) throw new StateConflictError('job_unavailable');
    return c.json({ job: await review.jobs.start(kind, consultation.id, actor.email) }, 202);
  });

  // A bearer token, never a cookie, authenticates this API: no cross-site form can post here.
  api.post('/api/admin/models/:version/make-current', async (c) => {
    const actor = signedIn(c, 'admin');
    const manifest = await putModelInUse(
      { models: review.models, reviews: review.reviews, now },
      c.req.param('version'),
      actor,
      deps.catalogue.default.id,
    );
    return c.json({ version: manifest.version, trainedAt: manifest.trainedAt, current: true }, 200);
  });

  api.get('/api/admin/audit', async (c) => {
    signedIn(c, 'admin');
    const consultation = consultationOr404(
      deps.catalogue,
      c.req.query('consultation') ?? deps.catalogue.default.id,
    );
    const day = parseDay(c.req.query('day'), now());
    return c.json({ day, items: await dayLog(review.reviews, consultation.id, day) }, 200);
  });

  registerReportApi(api, built);
  return api;
}
