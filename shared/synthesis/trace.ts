import type { ReportStore } from '../stores/ports.js';
import type { ReportModel, ReportTrace } from './model.js';

/**
 * The secretariat's JSON of a report: the model as the public JSON has it, plus `trace`, the ids of
 * the submissions behind every count and theme (docs/report-json.md). It is stored beside a run's
 * files and served only on admin routes.
 */
export interface SecretariatReport extends ReportModel {
  trace: ReportTrace;
}

export function renderSecretariatJson(model: ReportModel, trace: ReportTrace): Uint8Array {
  const report: SecretariatReport = { ...model, trace };
  return new TextEncoder().encode(`${JSON.stringify(report, null, 2).replace(/</g, '\\u003c')}\n`);
}

export async function secretariatReport(
  reports: ReportStore,
  consultationId: string,
  stamp: string,
): Promise<SecretariatReport | undefined> {
  return (await reports.secretariat(consultationId, stamp)) as SecretariatReport | undefined;
}

/**
 * The ids behind one trace key of one report, for the triage list's `report` and `key` filter:
 * undefined without the filter, an empty set for a key the report does not have.
 */
export async function traceFilter(
  reports: ReportStore | undefined,
  consultationId: string,
  query: { report?: string; key?: string },
): Promise<ReadonlySet<string> | undefined> {
  if (!query.report || !query.key) return undefined;
  const report = reports ? await secretariatReport(reports, consultationId, query.report) : undefined;
  return new Set(report?.trace[query.key] ?? []);
}
