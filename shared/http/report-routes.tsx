import { Hono } from 'hono';
import { NotFoundError } from '../errors.js';
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

export function reportRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const reports = deps.reports;
  const streamLimit = deps.reportStreamLimitBytes ?? STREAM_LIMIT_BYTES;
  const latestOf = async (id: string) => (reports ? reports.latest(id) : undefined);
  const fileHref = (id: string, stamp: string, format: ReportFormat) =>
    `/api/consultations/${id}/reports/${stamp}/synthesis.${format}`;

  async function send(
    c: AppContext,
    id: string,
    stamp: string,
    format: ReportFormat,
    key: string,
    size: number,
  ) {
    if (!reports) throw new NotFoundError('report');
    const name = fileName(id, stamp, format);
    if (size > streamLimit)
      return c.redirect(await reports.downloadUrl(key, name, REPORT_CONTENT_TYPES[format]), 302);
    const file = await reports.open(key);
    if (!file) throw new NotFoundError('report');
    return c.body(file.body, 200, {
      'Content-Type': REPORT_CONTENT_TYPES[format],
      'Content-Length': String(file.size),
      'Content-Disposition': `attachment; filename="${name}"`,
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
    if (!latest) throw new NotFoundError('report');
    return send(c, consultation.id, latest.stamp, format, latest.keys[format], latest.sizes[format]);
  });

  routes.get(
    `/api/consultations/:id/reports/:stamp{\\d{8}T\\d{9}Z}/:file{synthesis\\.(?:${FORMAT_PATTERN})}`,
    async (c) => {
      const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
      const stamp = c.req.param('stamp');
      const format = c.req.param('file').slice('synthesis.'.length) as ReportFormat;
      const stored = reports
        ? (await reports.list(consultation.id)).find((r) => r.stamp === stamp)
        : undefined;
      if (!stored) throw new NotFoundError('report');
      return send(c, consultation.id, stamp, format, stored.keys[format], stored.sizes[format]);
    },
  );

  routes.get('/api/consultations/:id/reports', async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const latest = await latestOf(consultation.id);
    const stored = latest && reports ? await reports.list(consultation.id) : [];
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
        files: files(r.stamp, r.sizes, (f) => fileHref(consultation.id, r.stamp, f)),
      })),
    });
  });

  return routes;
}
