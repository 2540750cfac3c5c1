import { NotFoundError } from '../errors.js';
import { auditEntry } from '../review/audit.js';
import type { Principal } from '../review/model.js';
import type { ReportManifest, ReportStatus, ReportStore, ReviewStore } from '../stores/ports.js';
import { reportStatus } from '../stores/ports.js';
import type { SecretariatReport } from './trace.js';

/**
 * Drafts and publication: every compile writes a draft; an admin reads it, then publishes it, and
 * only then is it public. Publishing is audited (who, when, which report replaced which).
 */

/** A report as the admin list shows it. */
export interface ReportListing {
  reportId: string;
  status: ReportStatus;
  compiledAt: string;
  publishedAt?: string;
  publishedBy?: string;
  submissions: number;
  coverage: ReportManifest['coverage'];
  modelVersions: ReportManifest['modelVersions'];
  /** Whether it is the one the public sees now. */
  latest: boolean;
}

export async function listReports(reports: ReportStore, consultationId: string): Promise<ReportListing[]> {
  const [all, latest] = await Promise.all([reports.list(consultationId), reports.latest(consultationId)]);
  return all.map((m) => ({
    reportId: m.stamp,
    status: reportStatus(m),
    compiledAt: m.generatedAt,
    ...(m.published ? { publishedAt: m.published.at, publishedBy: m.published.by } : {}),
    submissions: m.submissions,
    coverage: m.coverage,
    modelVersions: m.modelVersions,
    latest: latest?.stamp === m.stamp,
  }));
}

export interface PublicationDeps {
  reports: ReportStore;
  reviews: ReviewStore;
  now: () => Date;
}

/** Makes a draft the public report. The audit entry is written first: a publication is never unrecorded. */
export async function publishReport(
  deps: PublicationDeps,
  consultationId: string,
  reportId: string,
  actor: Principal,
): Promise<ReportManifest> {
  const draft = await deps.reports.get(consultationId, reportId);
  if (!draft) throw new NotFoundError('report');
  const previous = await deps.reports.latest(consultationId);
  const at = deps.now();
  await deps.reviews.appendAudit(
    auditEntry(
      {
        at: at.toISOString(),
        actor: actor.email,
        scope: consultationId,
        action: 'report_published',
        before: { published: previous?.stamp ?? null },
        after: { published: reportId, coverage: `${draft.coverage.reviewed}/${draft.coverage.total}` },
      },
      at,
    ),
  );
  return deps.reports.publish(consultationId, reportId, actor.email, at.toISOString());
}

/** How one recommendation's count moved between the last publication and a draft. */
export interface CountChange {
  id: string;
  published: number;
  draft: number;
}

export interface ReportChanges {
  /** Unset before the first publication: everything is new. */
  since?: string;
  recommendations: CountChange[];
  counted: { published: number; draft: number };
  /** Themes the draft names that the published report did not. */
  newThemes: string[];
}

/** What a draft changes against the latest published report: what an admin checks before publishing. */
export function changesSince(draft: SecretariatReport, published?: SecretariatReport): ReportChanges {
  const before = new Map(published?.recommendations.map((r) => [r.id, r.submissions]));
  const themes = (report?: SecretariatReport) =>
    new Set(report?.recommendations.flatMap((r) => (r.themes ?? []).map((t) => t.name)) ?? []);
  const known = themes(published);
  return {
    ...(published ? { since: published.generatedAt } : {}),
    recommendations: draft.recommendations.map((r) => ({
      id: r.id,
      published: before.get(r.id) ?? 0,
      draft: r.submissions,
    })),
    counted: { published: published?.counts.counted ?? 0, draft: draft.counts.counted },
    newThemes: [...themes(draft)].filter((name) => !known.has(name)),
  };
}
