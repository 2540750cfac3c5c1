import type { Consultation } from '../consultation.js';
import type { StoredSubmission } from '../stores/ports.js';
import {
  REVIEWER_ADDED,
  SUBMISSION_STATUSES,
  type Submission,
  type SubmissionStatus,
} from '../submission.js';

/**
 * Review coverage, and how far reviewers agreed with the model: the numbers the report's methodology
 * annex needs. Over reviewed submissions (excluded ones say nothing about the tags), per recommendation:
 *
 * - confirmed: a model tag a reviewer kept (true positive);
 * - rejected: a model tag a reviewer removed (false positive), from `rejectedTags`;
 * - added: a tag a reviewer added that the model had not proposed (false negative).
 *
 * Precision = confirmed / (confirmed + rejected); recall = confirmed / (confirmed + added). Either is
 * null while its denominator is zero, rather than a 0 or 1 that nothing measured.
 */
export interface Agreement {
  confirmed: number;
  rejected: number;
  added: number;
  precision: number | null;
  recall: number | null;
}

export interface ReviewStats {
  /** Submissions not withdrawn. */
  total: number;
  byStatus: Record<SubmissionStatus, number>;
  /** Reviewed or excluded, as a share of `total`; null when there is nothing to review. */
  coverage: number | null;
  perRecommendation: Record<string, Agreement>;
  overall: Agreement;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function agreement(confirmed: number, rejected: number, added: number): Agreement {
  return {
    confirmed,
    rejected,
    added,
    precision: ratio(confirmed, confirmed + rejected),
    recall: ratio(confirmed, confirmed + added),
  };
}

/**
 * Reviewer agreement with the model, per recommendation, counted one submission at a time: the
 * dashboard feeds it every submission, the report compiler the ones it streams.
 */
export class AgreementCounter {
  readonly #counts: Map<string, { confirmed: number; rejected: number; added: number }>;

  constructor(consultation: Consultation) {
    this.#counts = new Map(
      consultation.recommendations.map((r) => [r.id, { confirmed: 0, rejected: 0, added: 0 }]),
    );
  }

  /** Only reviewed submissions say anything about the tags. */
  add(s: StoredSubmission): void {
    if (s.status !== 'reviewed') return;
    const live = s as Submission;
    for (const tag of live.tags) {
      const c = this.#counts.get(tag.recommendationId);
      if (!c || tag.source !== 'reviewer') continue;
      if (tag.modelVersion === REVIEWER_ADDED) c.added++;
      else c.confirmed++;
    }
    for (const id of live.rejectedTags ?? []) {
      const c = this.#counts.get(id);
      if (c) c.rejected++;
    }
  }

  perRecommendation(): Record<string, Agreement> {
    return Object.fromEntries(
      [...this.#counts].map(([id, c]) => [id, agreement(c.confirmed, c.rejected, c.added)]),
    );
  }

  overall(): Agreement {
    const sum = (key: 'confirmed' | 'rejected' | 'added') =>
      [...this.#counts.values()].reduce((n, c) => n + c[key], 0);
    return agreement(sum('confirmed'), sum('rejected'), sum('added'));
  }
}

export function reviewStats(all: readonly StoredSubmission[], consultation: Consultation): ReviewStats {
  const byStatus = Object.fromEntries(SUBMISSION_STATUSES.map((s) => [s, 0])) as Record<
    SubmissionStatus,
    number
  >;
  const agreements = new AgreementCounter(consultation);
  for (const s of all) {
    byStatus[s.status]++;
    agreements.add(s);
  }
  const total = all.length - byStatus.withdrawn;
  return {
    total,
    byStatus,
    coverage: ratio(byStatus.reviewed + byStatus.excluded, total),
    perRecommendation: agreements.perRecommendation(),
    overall: agreements.overall(),
  };
}
