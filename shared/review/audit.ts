import { monotonicFactory } from 'ulid';
import type { ReviewStore } from '../stores/ports.js';
import type { AuditEntry } from './model.js';

const nextId = monotonicFactory();

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
