import type { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { type Consultation, LANGUAGES, type Language } from '../consultation.js';
import { NotFoundError } from '../errors.js';
import { consultationOr404 } from '../intake.js';
import {
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportStore,
} from '../stores/ports.js';
import { buildOutline } from '../synthesis/outline.js';
import { changesSince, listReports, publishReport } from '../synthesis/publication.js';
import { renderHtml } from '../synthesis/render/html.js';
import { type SecretariatReport, secretariatReport } from '../synthesis/trace.js';
import { adminPageProps, readAdminForm, type Secretariat, signedIn } from './admin-auth.js';
import { limitBody } from './body.js';
import type { AppContext, AppEnv } from './context.js';
import { ReportPreviewPage, ReportsPage } from './pages/admin/reports.js';
import { documentHtml } from './pages/layout.js';
import { disposition, fileName, reportLanguage, runFile, sendReportFile } from './report-routes.js';

/**
 * The secretariat's side of the report: the list of drafts and published reports, a draft's preview
 * (every format and language, what changed since the last publication, the submissions behind each
 * number) and publication. Admins only: a reviewer gets 403 on all of it.
 */

const STAMP = '{\\d{8}T\\d{9}Z}';
const FORMAT = `{report\\.(?:${REPORT_FORMATS.join('|')})}`;

function storeOf(built: Secretariat): ReportStore {
  if (!built.deps.reports) throw new NotFoundError('report');
  return built.deps.reports;
}

/** One run, or 404: a run from another consultation is as absent as one that never was. */
async function runOf(reports: ReportStore, consultationId: string, reportId: string) {
  const run = await reports.get(consultationId, reportId);
  if (!run) throw new NotFoundError('report');
  return run;
}

/**
 * A run's file. The JSON is the secretariat's (with the submission ids behind every count); the
 * other formats are the files the public would get once it is published.
 */
async function previewFile(c: AppContext, built: Secretariat) {
  signedIn(c, 'admin');
  const reports = storeOf(built);
  const consultation = consultationOr404(built.deps.catalogue, c.req.param('id') ?? '');
  const run = await runOf(reports, consultation.id, c.req.param('reportId') ?? '');
  const format = (c.req.param('file') ?? '').slice('report.'.length) as ReportFormat;
  if (format === 'json') {
    c.header('Cache-Control', 'no-store');
    return c.json(await secretariatReport(reports, consultation.id, run.stamp), 200);
  }
  const language = reportLanguage(c);
  if (format === 'html') return tracedPreview(c, reports, consultation, run.stamp, language);
  return sendReportFile(c, built.deps, runFile(consultation.id, run, format, language), 'private');
}

/**
 * The web page of a run drawn again from its secretariat JSON, with every count and theme linked to
 * the triage list filtered to exactly the submissions behind it (the trace): the stored file, which
 * the public gets, links nowhere.
 */
async function tracedPreview(
  c: AppContext,
  reports: ReportStore,
  consultation: Consultation,
  stamp: string,
  language: Language,
) {
  const report = await secretariatReport(reports, consultation.id, stamp);
  if (!report) throw new NotFoundError('report');
  const triage = `/admin/consultations/${encodeURIComponent(consultation.id)}`;
  const outline = buildOutline(report, language, consultation, {
    traceHref: (key) => `${triage}?${new URLSearchParams({ report: stamp, key, limit: '500' })}`,
  });
  const name = fileName(consultation.id, stamp, 'html', language);
  return c.body(new TextDecoder().decode(renderHtml(outline)), 200, {
    'Content-Type': REPORT_CONTENT_TYPES.html,
    'Content-Disposition': disposition(c, 'html', name),
    'Content-Language': language,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

export function registerReportApi(api: Hono<AppEnv>, built: Secretariat) {
  const publication = () => ({ reports: storeOf(built), reviews: built.review.reviews, now: built.now });

  api.get('/api/admin/consultations/:id/reports', async (c) => {
    signedIn(c, 'admin');
    const consultation = consultationOr404(built.deps.catalogue, c.req.param('id'));
    return c.json({ items: await listReports(storeOf(built), consultation.id) }, 200);
  });

  api.get(`/api/admin/consultations/:id/reports/:reportId${STAMP}/:file${FORMAT}`, (c) =>
    previewFile(c, built),
  );

  // A bearer token, never a cookie, authenticates this API: no cross-site form can post here.
  api.post(`/api/admin/consultations/:id/reports/:reportId${STAMP}/publish`, async (c) => {
    const actor = signedIn(c, 'admin');
    const consultation = consultationOr404(built.deps.catalogue, c.req.param('id'));
    const published = await publishReport(publication(), consultation.id, c.req.param('reportId'), actor);
    return c.json({ reportId: published.stamp, status: 'published', published: published.published }, 200);
  });
}

export function registerReportPages(pages: Hono<AppEnv>, built: Secretariat) {
  pages.get('/admin/consultations/:id/reports', async (c) => {
    signedIn(c, 'admin');
    const consultation = consultationOr404(built.deps.catalogue, c.req.param('id'));
    const items = built.deps.reports ? await listReports(built.deps.reports, consultation.id) : [];
    return c.html(
      documentHtml(
        <ReportsPage
          {...adminPageProps(c, consultation.id)}
          consultation={consultation}
          items={items}
          published={c.req.query('published')}
        />,
      ),
    );
  });

  pages.get(`/admin/consultations/:id/reports/:reportId${STAMP}`, async (c) => {
    signedIn(c, 'admin');
    const reports = storeOf(built);
    const consultation = consultationOr404(built.deps.catalogue, c.req.param('id'));
    const run = await runOf(reports, consultation.id, c.req.param('reportId'));
    const draft = await secretariatReport(reports, consultation.id, run.stamp);
    if (!draft) throw new NotFoundError('report');
    const latest = await reports.latest(consultation.id);
    const published: SecretariatReport | undefined =
      latest && latest.stamp !== run.stamp
        ? await secretariatReport(reports, consultation.id, latest.stamp)
        : undefined;
    const base = `/admin/consultations/${encodeURIComponent(consultation.id)}/reports/${run.stamp}`;
    return c.html(
      documentHtml(
        <ReportPreviewPage
          {...adminPageProps(c, consultation.id)}
          consultation={consultation}
          run={run}
          report={draft}
          changes={changesSince(draft, published)}
          isLatest={latest?.stamp === run.stamp}
          files={REPORT_FORMATS.flatMap((format) =>
            LANGUAGES.map((language) => ({
              format,
              language,
              href: `${base}/report.${format}?lang=${language}`,
            })),
          )}
        />,
      ),
    );
  });

  pages.get(`/admin/consultations/:id/reports/:reportId${STAMP}/:file${FORMAT}`, (c) =>
    previewFile(c, built),
  );

  pages.post(`/admin/consultations/:id/reports/:reportId${STAMP}/publish`, csrf(), limitBody, async (c) => {
    const actor = signedIn(c, 'admin');
    await readAdminForm(c);
    const consultation = consultationOr404(built.deps.catalogue, c.req.param('id'));
    const reportId = c.req.param('reportId');
    await publishReport(
      { reports: storeOf(built), reviews: built.review.reviews, now: built.now },
      consultation.id,
      reportId,
      actor,
    );
    return c.redirect(`/admin/consultations/${consultation.id}/reports?published=${reportId}`, 303);
  });
}
