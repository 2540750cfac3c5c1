import { redact } from '../redaction.js';
import type { StoredSubmission } from '../stores/ports.js';
import type { Stakeholder, Submission } from '../submission.js';
import type { Role } from './model.js';

/**
 * What each secretariat role may read of a submission. Contact data is for admins only: reviewers
 * judge what was said, not who to write to. A reviewer gets the stakeholder record without the
 * e-mail address and contact name, and the answers and evidence with addresses, phone numbers and
 * the contact name taken out. Every route, page and export that hands a submission to the
 * secretariat passes it through `asSeenBy` first, so there is one place that decides.
 */
export const CONTACT_FIELDS = ['contactName', 'email'] as const satisfies readonly (keyof Stakeholder)[];
type ContactField = (typeof CONTACT_FIELDS)[number];

export type VisibleStakeholder = Omit<Stakeholder, ContactField> & Partial<Pick<Stakeholder, ContactField>>;
export type VisibleSubmission = Omit<Submission, 'stakeholder'> & { stakeholder: VisibleStakeholder };
export type VisibleRecord = Exclude<StoredSubmission, Submission> | VisibleSubmission;

export function asSeenBy(role: Role, submission: StoredSubmission): VisibleRecord {
  if (role === 'admin' || submission.status === 'withdrawn') return submission as VisibleRecord;
  const live = submission as Submission;
  const { contactName, email: _email, ...stakeholder } = live.stakeholder;
  const clean = (text: string) => redact(text, contactName);
  return {
    ...live,
    stakeholder,
    answers: Object.fromEntries(Object.entries(live.answers).map(([q, text]) => [q, clean(text)])),
    // The review page finds a passage by its text when its offsets no longer fit the answer.
    tags: live.tags.map((tag) => ({
      ...tag,
      evidence: tag.evidence.map((e) => ({ ...e, text: clean(e.text) })),
    })),
  };
}

export const isLiveRecord = (s: VisibleRecord): s is VisibleSubmission => s.status !== 'withdrawn';
