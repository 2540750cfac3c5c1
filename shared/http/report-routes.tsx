import { Hono } from 'hono';
import { NotFoundError } from '../errors.js';
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

const fileName = (consultationId: string, stamp: string, format: ReportFormat) =>
  `${consultationId}-synthesis-${stamp.slice(0, 8)}.${format}`;

function asStored(manifest: ReportManifest): StoredReport {
  return {
    stamp: manifest.stamp,
    generatedAt: manifest.generatedAt,
    keys: manifest.keys,
    sizes: manifest.sizes,
  };
}

/**
 * Sends one stored report file: streamed while it fits a Lambda response, else a redirect to a
 * presigned link. A stamped file never changes and may be cached for ever; `latest` moves.
 */
export async function sendReportFile(
  c: AppContext,
  deps: AppDeps,
  file: { consultationId: string; stamp: string; format: ReportFormat; key: string; size: number },
  cache: 'immutable' | 'no-cache' | 'private',
) {
  const reports = deps.reports;
  if (!reports) throw new NotFoundError('report');
  const name = fileName(file.consultationId, file.stamp, file.format);
  if (file.size > (deps.reportStreamLimitBytes ?? STREAM_LIMIT_BYTES))
    return c.redirect(await reports.downloadUrl(file.key, name, REPORT_CONTENT_TYPES[file.format]), 302);
  const opened = await reports.open(file.key);
  if (!opened) throw new NotFoundError('report');
  return c.body(opened.body, 200, {
    'Content-Type': REPORT_CONTENT_TYPES[file.format],
    'Content-Length': String(opened.size),
    'Content-Disposition': `attachment; filename="${name}"`,
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
  const fileHref = (id: string, stamp: string, format: ReportFormat) =>
    `/api/consultations/${id}/reports/${stamp}/synthesis.${format}`;

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
            href: (f) => `/api/consultations/${consultation.id}/report.${f}`,
          }}
          earlier={earlier.map((report) => ({
            report,
            href: (f) => fileHref(consultation.id, report.stamp, f),
          }))}
        />,
      ),
    );
  });

  routes.get(`/api/consultations/:id/:file{report\\.(?:${FORMAT_PATTERN})}`, async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const format = c.req.param('file').slice('report.'.length) as ReportFormat;
    const latest = await latestOf(consultation.id);
    if (!latest) throw new NotFoundError('unpublished_report');
    const { stamp, keys, sizes } = latest;
    return sendReportFile(
      c,
      deps,
      { consultationId: consultation.id, stamp, format, key: keys[format], size: sizes[format] },
      'no-cache',
    );
  });

  routes.get(
    `/api/consultations/:id/reports/:stamp{\\d{8}T\\d{9}Z}/:file{synthesis\\.(?:${FORMAT_PATTERN})}`,
    async (c) => {
      const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
      const stamp = c.req.param('stamp');
      const format = c.req.param('file').slice('synthesis.'.length) as ReportFormat;
      const stored = reports ? await reports.get(consultation.id, stamp) : undefined;
      if (!stored?.published) throw new NotFoundError('report');
      return sendReportFile(
        c,
        deps,
        {
          consultationId: consultation.id,
          stamp,
          format,
          key: stored.keys[format],
          size: stored.sizes[format],
        },
        'immutable',
      );
    },
  );

  routes.get('/api/consultations/:id/reports', async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const latest = await latestOf(consultation.id);
    const stored = await publishedOf(consultation.id);
    const files = (stamp: string, sizes: Record<ReportFormat, number>, href: (f: ReportFormat) => string) =>
      Object.fromEntries(
        REPORT_FORMATS.map((f) => [
          f,
          {
            url: href(f),
            bytes: sizes[f],
            contentType: REPORT_CONTENT_TYPES[f],
            fileName: fileName(consultation.id, stamp, f),
          },
        ]),
      );
    return c.json({
      consultationId: consultation.id,
      latest: latest
        ? {
            stamp: latest.stamp,
            generatedAt: latest.generatedAt,
            submissions: latest.submissions,
            files: files(
              latest.stamp,
              latest.sizes,
              (f) => `/api/consultations/${consultation.id}/report.${f}`,
            ),
          }
        : null,
      reports: stored.map((r) => ({
        stamp: r.stamp,
        generatedAt: r.generatedAt,
        publishedAt: r.published?.at,
        files: files(r.stamp, r.sizes, (f) => fileHref(consultation.id, r.stamp, f)),
      })),
    });
  });

  return routes;
}
