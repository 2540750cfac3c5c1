import { Hono } from 'hono';
import { LANGUAGES, type Language } from '../consultation.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { consultationOr404 } from '../intake.js';
import {
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportManifest,
  reportStatus,
  type StoredReport,
} from '../stores/ports.js';
import type { AppContext, AppDeps, AppEnv } from './context.js';
import { documentHtml } from './pages/layout.js';
import { MessagePage } from './pages/message-page.js';
import { ReportPage } from './pages/report.js';

/**
 * The synthesis report for everyone: a page linking the latest published report in each format and
 * the earlier published ones, the files themselves, and the list of published reports as JSON.
 * Drafts are the secretariat's (see admin-reports.tsx): nothing here serves one.
 *
 * A file is streamed from the store while it fits in a Lambda response (6 MB, less base64's third);
 * a larger one is a redirect to a short-lived presigned link, so that a big PDF still downloads.
 */
export const STREAM_LIMIT_BYTES = 4 * 1024 * 1024;

const FORMAT_PATTERN = REPORT_FORMATS.join('|');

/** "report-gfmd-2026-...-20261128-fr.pdf": the consultation, the day, the language. */
export const fileName = (consultationId: string, stamp: string, format: ReportFormat, language: Language) =>
  `report-${consultationId}-${stamp.slice(0, 8)}-${language}.${format}`;

/** `?lang=en|fr|es` (English when absent); anything else is a 400 naming the field. */
export function reportLanguage(c: AppContext): Language {
  const value = c.req.query('lang');
  if (value === undefined) return 'en';
  if ((LANGUAGES as readonly string[]).includes(value)) return value as Language;
  throw new ValidationError([{ path: 'lang', code: 'one_of', params: { allowed: LANGUAGES.join(', ') } }]);
}

/** The web page opens in the browser unless `?download=1` asks for a file; the other formats download. */
export const disposition = (c: AppContext, format: ReportFormat, name: string) =>
  `${format === 'html' && c.req.query('download') !== '1' ? 'inline' : 'attachment'}; filename="${name}"`;

function asStored(manifest: ReportManifest): StoredReport {
  return {
    stamp: manifest.stamp,
    generatedAt: manifest.generatedAt,
    keys: manifest.keys,
    sizes: manifest.sizes,
  };
}

/** One file of a run: which format, in which language, where it is and how large. */
export interface ReportRunFile {
  consultationId: string;
  stamp: string;
  format: ReportFormat;
  language: Language;
  key: string;
  size: number;
}

/** A run's file in a format and language, from its manifest. */
export function runFile(
  consultationId: string,
  run: Pick<ReportManifest, 'stamp' | 'keys' | 'sizes'>,
  format: ReportFormat,
  language: Language,
): ReportRunFile {
  return {
    consultationId,
    stamp: run.stamp,
    format,
    language,
    key: run.keys[language][format],
    size: run.sizes[language][format],
  };
}

/**
 * Sends one stored report file: streamed while it fits a Lambda response, else a redirect to a
 * presigned link. A stamped file never changes and may be cached for ever; `latest` moves.
 */
export async function sendReportFile(
  c: AppContext,
  deps: AppDeps,
  file: ReportRunFile,
  cache: 'immutable' | 'no-cache' | 'private',
) {
  const reports = deps.reports;
  if (!reports) throw new NotFoundError('report');
  const name = fileName(file.consultationId, file.stamp, file.format, file.language);
  if (file.size > (deps.reportStreamLimitBytes ?? STREAM_LIMIT_BYTES))
    return c.redirect(await reports.downloadUrl(file.key, name, REPORT_CONTENT_TYPES[file.format]), 302);
  const opened = await reports.open(file.key);
  if (!opened) throw new NotFoundError('report');
  return c.body(opened.body, 200, {
    'Content-Type': REPORT_CONTENT_TYPES[file.format],
    'Content-Length': String(opened.size),
    'Content-Disposition': disposition(c, file.format, name),
    // The language is chosen by a query parameter: a cache keeps one copy per URL.
    'Content-Language': file.language,
    'Cache-Control':
      cache === 'immutable'
        ? 'public, max-age=31536000, immutable'
        : cache === 'private'
          ? 'no-store'
          : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
}

export function reportRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const reports = deps.reports;
  const latestOf = async (id: string) => (reports ? reports.latest(id) : undefined);
  const publishedOf = async (id: string) =>
    reports ? (await reports.list(id)).filter((r) => reportStatus(r) === 'published') : [];
  const fileHref = (id: string, stamp: string, format: ReportFormat, language: Language) =>
    `/api/consultations/${id}/reports/${stamp}/synthesis.${format}?lang=${language}`;
  const latestHref = (id: string, format: ReportFormat, language: Language) =>
    `/api/consultations/${id}/report.${format}?lang=${language}`;

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
    const earlier = (await publishedOf(consultation.id)).filter((r) => r.stamp !== latest.stamp);
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
    if (!latest) throw new NotFoundError('unpublished_report');
    return sendReportFile(c, deps, runFile(consultation.id, latest, format, language), 'no-cache');
  });

  routes.get(
    `/api/consultations/:id/reports/:stamp{\\d{8}T\\d{9}Z}/:file{synthesis\\.(?:${FORMAT_PATTERN})}`,
    async (c) => {
      const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
      const stamp = c.req.param('stamp');
      const format = c.req.param('file').slice('synthesis.'.length) as ReportFormat;
      const language = reportLanguage(c);
      const stored = reports ? await reports.get(consultation.id, stamp) : undefined;
      if (!stored?.published) throw new NotFoundError('report');
      return sendReportFile(c, deps, runFile(consultation.id, stored, format, language), 'immutable');
    },
  );

  routes.get('/api/consultations/:id/reports', async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const latest = await latestOf(consultation.id);
    const stored = await publishedOf(consultation.id);
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
        publishedAt: r.published?.at,
        files: files(r.stamp, r.sizes, (f, language) => fileHref(consultation.id, r.stamp, f, language)),
      })),
    });
  });

  return routes;
}
