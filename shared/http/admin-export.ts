import { consultationOr404 } from '../intake.js';
import { exportRecord, toCsv } from '../review/export.js';
import { parseTriageQuery, readConsultation, sortedMatches } from '../review/triage.js';
import { traceFilter } from '../synthesis/trace.js';
import { signedIn } from './admin-auth.js';
import type { AppContext, AppDeps } from './context.js';

/** `export.csv` or `export.json` of a consultation, filtered by the query string as the list is. */
export async function exportResponse(c: AppContext, deps: AppDeps, format: 'csv' | 'json') {
  const { role } = signedIn(c);
  const consultation = consultationOr404(deps.catalogue, c.req.param('id') ?? '');
  const query = parseTriageQuery(c.req.query(), consultation);
  const matches = sortedMatches(
    await readConsultation(deps.store, consultation.id),
    query,
    await traceFilter(deps.reports, consultation.id, query),
  );
  const name = `${consultation.id}-submissions-${new Date().toISOString().slice(0, 10)}.${format}`;
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  // Personal data: no shared cache may keep a copy.
  c.header('Cache-Control', 'no-store');
  if (format === 'json') return c.json({ items: matches.map((s) => exportRecord(s, role)) }, 200);
  return c.body(toCsv(matches, consultation, role), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}
