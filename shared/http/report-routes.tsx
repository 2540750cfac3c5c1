import { Hono } from 'hono';
import { LANGUAGES, type Language } from '../consultation.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { consultationOr404 } from '../intake.js';
import {
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportManifest,
  type StoredReport,
} from '../stores/ports.js';
import type { AppContext, AppDeps, AppEnv } from './context.js';
import { documentHtml } from './pages/layout.js';
import { MessagePage } from './pages/message-page.js';
import { ReportPage } from './pages/report.js';

/**
 * The synthesis report for everyone: a page linking the latest report in each format and the
 * earlier ones, the files themselves, and the list of stored reports as JSON.
 *
 * A file is streamed from the store while it fits in a Lambda response (6 MB, less base64's third);
 * a larger one is a redirect to a short-lived presigned link, so that a big PDF still downloads.
 */
export const STREAM_LIMIT_BYTES = 4 * 1024 * 1024;

const FORMAT_PATTERN = REPORT_FORMATS.join('|');

/** "report-gfmd-2026-...-20261128-fr.pdf": the consultation, the day, the language. */
const fileName = (consultationId: string, stamp: string, format: ReportFormat, language: Language) =>
  `report-${consultationId}-${stamp.slice(0, 8)}-${language}.${format}`;

/** `?lang=en|fr|es` (English when absent); anything else is a 400 naming the field. */
function reportLanguage(c: AppContext): Language {
  const value = c.req.query('lang');
  if (value === undefined) return 'en';
  if ((LANGUAGES as readonly string[]).includes(value)) return value as Language;
  throw new ValidationError([{ path: 'lang', code: 'one_of', params: { allowed: LANGUAGES.join(', ') } }]);
}

/** The web page opens in the browser unless `?download=1` asks for a file; the other formats download. */
const disposition = (c: AppContext, format: ReportFormat, name: string) =>
  `${format === 'html' && c.req.query('download') !== '1' ? 'inline' : 'attachment'}; filename="${name}"`;

function asStored(manifest: ReportManifest): StoredReport {
  return {
    stamp: manifest.stamp,
    generatedAt: manifest.generatedAt,
    keys: manifest.keys,
    sizes: manifest.sizes,
  };
}

export function reportRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const reports = deps.reports;
  const streamLimit = deps.reportStreamLimitBytes ?? STREAM_LIMIT_BYTES;
  const latestOf = async (id: string) => (reports ? reports.latest(id) : undefined);
  const fileHref = (id: string, stamp: string, format: ReportFormat, language: Language) =>
    `/api/consultations/${id}/reports/${stamp}/synthesis.${format}?lang=${language}`;
  const latestHref = (id: string, format: ReportFormat, language: Language) =>
    `/api/consultations/${id}/report.${format}?lang=${language}`;

  async function send(
    c: AppContext,
    id: string,
    stamp: string,
    format: ReportFormat,
    language: Language,
    files: StoredReport,
  ) {
    if (!reports) throw new NotFoundError('report');
    const key = files.keys[language][format];
    const size = files.sizes[language][format];
    const name = fileName(id, stamp, format, language);
    if (size > streamLimit)
      return c.redirect(await reports.downloadUrl(key, name, REPORT_CONTENT_TYPES[format]), 302);
    const file = await reports.open(key);
    if (!file) throw new NotFoundError('report');
    return c.body(file.body, 200, {
      'Content-Type': REPORT_CONTENT_TYPES[format],
      'Content-Length': String(file.size),
      'Content-Disposition': disposition(c, format, name),
      // The language is chosen by a query parameter: a cache must keep one copy per URL.
      'Content-Language': language,
      // The latest moves; a stamped file never changes.
      'Cache-Control': c.req.path.includes('/reports/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  }

  routes.get('/consultations/:id/report', async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const url = new URL(c.req.url);
    const props = { lang: c.get('lang'), t: c.get('t'), here: url.pathname + url.search };
    const latest = await latestOf(consultation.id);
    if (!latest || !reports) {
      const t = c.get('t');
      return c.html(
        documentHtml(
          <MessagePage {...props} title={t.reportPage.notYetTitle} message={t.reportPage.notYet} />,
        ),
        404,
      );
    }
    const earlier = (await reports.list(consultation.id)).filter((r) => r.stamp !== latest.stamp);
    return c.html(
      documentHtml(
        <ReportPage
          {...props}
          consultation={consultation}
          latest={{
            report: asStored(latest),
            submissions: latest.submissions,
            href: (f, language) => latestHref(consultation.id, f, language),
          }}
          earlier={earlier.map((report) => ({
            report,
            href: (f, language) => fileHref(consultation.id, report.stamp, f, language),
          }))}
        />,
      ),
    );
  });

  routes.get(`/api/consultations/:id/:file{report\\.(?:${FORMAT_PATTERN})}`, async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const format = c.req.param('file').slice('report.'.length) as ReportFormat;
    const language = reportLanguage(c);
    const latest = await latestOf(consultation.id);
    if (!latest) throw new NotFoundError('report');
    return send(c, consultation.id, latest.stamp, format, language, asStored(latest));
  });

  routes.get(
    `/api/consultations/:id/reports/:stamp{\\d{8}T\\d{9}Z}/:file{synthesis\\.(?:${FORMAT_PATTERN})}`,
    async (c) => {
      const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
      const stamp = c.req.param('stamp');
      const format = c.req.param('file').slice('synthesis.'.length) as ReportFormat;
      const language = reportLanguage(c);
      const stored = reports
        ? (await reports.list(consultation.id)).find((r) => r.stamp === stamp)
        : undefined;
      if (!stored) throw new NotFoundError('report');
      return send(c, consultation.id, stamp, format, language, stored);
    },
  );

  routes.get('/api/consultations/:id/reports', async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const latest = await latestOf(consultation.id);
    const stored = latest && reports ? await reports.list(consultation.id) : [];
    const files = (
      stamp: string,
      sizes: StoredReport['sizes'],
      href: (f: ReportFormat, language: Language) => string,
    ) =>
      Object.fromEntries(
        LANGUAGES.map((language) => [
          language,
          Object.fromEntries(
            REPORT_FORMATS.map((f) => [
              f,
              {
                url: href(f, language),
                bytes: sizes[language][f],
                contentType: REPORT_CONTENT_TYPES[f],
                fileName: fileName(consultation.id, stamp, f, language),
              },
            ]),
          ),
        ]),
      );
    return c.json({
      consultationId: consultation.id,
      latest: latest
        ? {
            stamp: latest.stamp,
            generatedAt: latest.generatedAt,
            submissions: latest.submissions,
            files: files(latest.stamp, latest.sizes, (f, language) =>
              latestHref(consultation.id, f, language),
            ),
          }
        : null,
      reports: stored.map((r) => ({
        stamp: r.stamp,
        generatedAt: r.generatedAt,
        files: files(r.stamp, r.sizes, (f, language) => fileHref(consultation.id, r.stamp, f, language)),
      })),
    });
  });

  return routes;
}
