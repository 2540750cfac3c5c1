import { z } from 'zod';
import type { Consultation, ConsultationCatalogue } from '../consultation.js';
import { NotFoundError, StateConflictError, ValidationError, VersionConflictError } from '../errors.js';
import type { ReviewStore, ReviewWrite, SubmissionStore } from '../stores/ports.js';
import { EXCLUSION_REASONS, REVIEWER_ADDED, type Submission, type Tag } from '../submission.js';
import { parseOrThrow } from '../validation.js';
import { auditEntry } from './audit.js';
import type { AuditAction, AuditEntry, Principal } from './model.js';

/**
 * A reviewer's decision on one submission: confirm, reject or add tags, exclude with a reason,
 * a note, mark reviewed.
 *
 * Input: the submission id, the body (with the version the reviewer saw), the reviewer. Output: the
 * submission as stored after the decision. A stale version is a VersionConflictError: the caller
 * shows the newer state, nothing is overwritten.
 *
 * Writes, without a transaction (dynalite has none, and none is needed):
 * 1. the audit entry, naming the version the decision will produce and the entry before it;
 * 2. the submission, conditional on the version read, pointing at that entry.
 * A crash or a lost race between the two leaves an entry no version points to: the history marks it
 * as not applied (see `landedEntryIds`), and the submission is untouched.
 */
export interface DecisionDeps {
  store: SubmissionStore;
  reviews: ReviewStore;
  catalogue: ConsultationCatalogue;
  now: () => Date;
}

const ids = z.array(z.string().max(8)).max(50);

export const decisionSchema = z.strictObject({
  version: z.number().int().min(1),
  confirm: ids.optional(),
  reject: ids.optional(),
  add: ids.optional(),
  /** A reason excludes the submission from the report; null includes it again. */
  exclusion: z.enum(EXCLUSION_REASONS).nullable().optional(),
  /** Free text for the secretariat; null or blank removes it. */
  note: z.string().trim().max(2000).nullable().optional(),
  reviewed: z.boolean().optional(),
});
export type Decision = z.output<typeof decisionSchema>;

const tagLabel = (t: Tag) => `${t.recommendationId}:${t.source}`;

/** The reviewable state in a form a person can compare: what the audit trail records. */
export function reviewSummary(s: Partial<Submission>): Record<string, unknown> {
  return {
    status: s.status,
    tags: (s.tags ?? []).map(tagLabel),
    rejectedTags: s.rejectedTags ?? [],
    exclusionReason: s.exclusionReason ?? null,
    reviewNote: s.reviewNote ?? null,
    campaign: s.campaign ?? null,
  };
}

/** Only what changed, before and after. */
export function changes(before: Partial<Submission>, after: Partial<Submission>) {
  const a = reviewSummary(before);
  const b = reviewSummary(after);
  const keys = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return {
    before: Object.fromEntries(keys.map((k) => [k, a[k]])),
    after: Object.fromEntries(keys.map((k) => [k, b[k]])),
  };
}

function checkIds(decision: Decision, submission: Submission, consultation: Consultation) {
  const known = new Set(consultation.recommendations.map((r) => r.id));
  const tagged = new Set(submission.tags.map((t) => t.recommendationId));
  const seen = new Map<string, string>();
  const problems: ValidationError['fields'] = [];
  for (const list of ['confirm', 'reject', 'add'] as const) {
    (decision[list] ?? []).forEach((id, i) => {
      const path = `${list}.${i}`;
      if (!known.has(id)) problems.push({ path, code: 'unknown_recommendation', params: { id } });
      else if (seen.has(id) && seen.get(id) !== list)
        problems.push({ path, code: 'conflicting_decision', params: { id } });
      else if (list !== 'add' && !tagged.has(id)) problems.push({ path, code: 'not_tagged', params: { id } });
      else if (list === 'add' && tagged.has(id))
        problems.push({ path, code: 'already_tagged', params: { id } });
      seen.set(id, list);
    });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

/** The submission's next review state under a decision; pure, so the rules are tested without a store. */
export function applyDecision(
  submission: Submission,
  decision: Decision,
  consultation: Consultation,
  actor: string,
  at: string,
): Omit<ReviewWrite, 'lastAuditId'> {
  checkIds(decision, submission, consultation);
  const confirm = new Set(decision.confirm);
  const reject = new Set(decision.reject);
  const final =
    confirm.size > 0 ||
    reject.size > 0 ||
    (decision.add ?? []).length > 0 ||
    decision.exclusion !== undefined ||
    decision.reviewed === true;
  const exclusionReason =
    decision.exclusion === undefined ? submission.exclusionReason : (decision.exclusion ?? undefined);
  const status = final ? (exclusionReason ? 'excluded' : 'reviewed') : submission.status;

  const firstQuestion = Object.keys(submission.answers)[0] ?? consultation.questions[0]?.id ?? '';
  const tags: Tag[] = [
    ...submission.tags
      .filter((t) => !reject.has(t.recommendationId))
      // Marking reviewed accepts the tags left standing: on a reviewed submission every tag is a reviewer's.
      .map((t) =>
        confirm.has(t.recommendationId) || status === 'reviewed' ? { ...t, source: 'reviewer' as const } : t,
      ),
    ...(decision.add ?? []).map((recommendationId) => ({
      recommendationId,
      score: 1,
      questionId: firstQuestion,
      evidence: [],
      modelVersion: REVIEWER_ADDED,
      source: 'reviewer' as const,
    })),
  ];
  // Only proposals of the model count as rejected: they are what the tagger must not make again.
  const rejectedByModel = submission.tags
    .filter((t) => reject.has(t.recommendationId) && t.modelVersion !== REVIEWER_ADDED)
    .map((t) => t.recommendationId);
  const added = new Set(decision.add);
  const rejectedTags = [...new Set([...(submission.rejectedTags ?? []), ...rejectedByModel])]
    .filter((id) => !added.has(id))
    .sort();
  const reviewNote = decision.note === undefined ? submission.reviewNote : decision.note || undefined;

  return {
    tags,
    status,
    updatedAt: at,
    final,
    ...(exclusionReason ? { exclusionReason } : {}),
    ...(reviewNote ? { reviewNote } : {}),
    ...(rejectedTags.length > 0 ? { rejectedTags } : {}),
    ...(final
      ? { reviewedBy: actor, reviewedAt: at }
      : submission.reviewedBy
        ? { reviewedBy: submission.reviewedBy, reviewedAt: submission.reviewedAt }
        : {}),
    ...(submission.campaign ? { campaign: submission.campaign } : {}),
  };
}

/** A live submission, or the reason it cannot be reviewed. */
export async function reviewable(store: SubmissionStore, id: string): Promise<Submission> {
  const record = await store.get(id);
  if (!record) throw new NotFoundError('submission');
  if (record.submission.status === 'withdrawn') throw new StateConflictError('submission_withdrawn');
  return record.submission as Submission;
}

/** Audits a change, then writes it under the version read: the one order a crash cannot make lie. */
export async function writeAudited(
  deps: Pick<DecisionDeps, 'store' | 'reviews'>,
  current: Submission,
  next: Omit<ReviewWrite, 'lastAuditId'>,
  actor: Principal,
  action: AuditAction,
  at: Date,
): Promise<Submission> {
  const entry: AuditEntry = auditEntry(
    {
      at: at.toISOString(),
      actor: actor.email,
      scope: current.consultationId,
      action,
      submissionId: current.id,
      version: current.version + 1,
      ...(current.lastAuditId ? { previousAuditId: current.lastAuditId } : {}),
      ...changes(current, next),
    },
    at,
  );
  await deps.reviews.appendAudit(entry);
  return deps.store.saveReview(current.id, current.version, { ...next, lastAuditId: entry.id });
}

export async function decide(
  deps: DecisionDeps,
  id: string,
  body: unknown,
  actor: Principal,
): Promise<Submission> {
  const decision = parseOrThrow(decisionSchema, body);
  const current = await reviewable(deps.store, id);
  if (current.version !== decision.version) throw new VersionConflictError(id);
  const consultation = deps.catalogue.get(current.consultationId);
  if (!consultation) throw new NotFoundError('consultation');
  const now = deps.now();
  const next = applyDecision(current, decision, consultation, actor.email, now.toISOString());
  return writeAudited(deps, current, next, actor, 'review', now);
}
