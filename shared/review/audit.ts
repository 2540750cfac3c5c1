import { ValidationError } from '../errors.js';
import type { ReviewStore } from '../stores/ports.js';
import { monotonicUlid } from '../ulid.js';
import { ACCOUNTS_SCOPE, type AuditEntry } from './model.js';

const nextId = monotonicUlid();

/** A new entry with a fresh, time-ordered id. */
export function auditEntry(fields: Omit<AuditEntry, 'id'>, at: Date): AuditEntry {
  return { id: nextId(at.getTime()), ...fields };
}

/**
 * The entries of a submission's history whose change landed. A decision writes its entry first and
 * the submission second, without a transaction: a crash or a lost race between the two leaves an
 * entry no submission version points to. Each landed write moves the submission's `lastAuditId`, and
 * each entry names the one before it, so walking back from the submission finds exactly the landed ones.
 */
export function landedEntryIds(entries: readonly AuditEntry[], lastAuditId: string | undefined): Set<string> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const landed = new Set<string>();
  let id = lastAuditId;
  while (id && !landed.has(id)) {
    landed.add(id);
    id = byId.get(id)?.previousAuditId;
  }
  return landed;
}

/** `yyyy-mm-dd` in UTC: the partition of the admin log an entry written at this time lands in. */
export const auditDay = (at: Date) => at.toISOString().slice(0, 10);

export type HistoryEntry = AuditEntry & { landed: boolean };

/** A submission's history, oldest first, each entry marked with whether its change landed. */
export async function historyOf(
  reviews: ReviewStore,
  submission: { id: string; lastAuditId?: string },
): Promise<HistoryEntry[]> {
  const entries = await reviews.listSubmissionAudit(submission.id);
  const landed = landedEntryIds(entries, submission.lastAuditId);
  return entries.map((e) => ({ ...e, landed: landed.has(e.id) }));
}

/** A day's admin log: the consultation's entries and the account changes, in the order they were made. */
export async function dayLog(
  reviews: ReviewStore,
  consultationId: string,
  day: string,
): Promise<AuditEntry[]> {
  const [submissions, accounts] = await Promise.all([
    reviews.listAuditLog(consultationId, day),
    reviews.listAuditLog(ACCOUNTS_SCOPE, day),
  ]);
  return [...submissions, ...accounts].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** A `day` query parameter, or today (UTC) without one. */
export function parseDay(value: string | undefined, now: Date): string {
  if (value === undefined || value === '') return auditDay(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new ValidationError([{ path: 'day', code: 'invalid' }]);
  return value;
}
