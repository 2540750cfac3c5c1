import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConsultationCatalogue } from '../consultation.js';
import { documentText } from '../documents/reading.js';
import { StoreUnavailableError, VersionConflictError } from '../errors.js';
import type { DocumentStore, ModelStore, SubmissionStore } from '../stores/ports.js';
import type { Submission } from '../submission.js';
import { currentModel } from './models.js';
import { taggingResult, type VersionedClassifier } from './tag.js';

export interface TaggingDeps {
  store: SubmissionStore;
  models: ModelStore;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
  /** Milliseconds left before the caller must stop (a Lambda's remaining time); unbounded without it. */
  remainingMs?: () => number;
  /** Where documents are read before their submissions are tagged; without it those stay queued, unread. */
  reading?: { documents: DocumentStore; catalogue: ConsultationCatalogue };
}

export interface TaggingSummary {
  tagged: number;
  skipped: number;
  conflicts: number;
  failed: number;
  /**
   * Submissions to a consultation the model was not trained for (`no_model`): they stay queued, untagged, until a
   * model for their consultation is published, and reviewers can tag them by hand meanwhile.
   */
  noModel: number;
  /** Whether the pass stopped for time with work left in the queue. */
  remaining: boolean;
  /** Segments another worker held, left to it. */
  segmentsSkipped: number;
  modelVersion: string;
  durationMs: number;
}

type Outcome = 'tagged' | 'skipped' | 'conflicts' | 'failed' | 'noModel';

/**
 * Which part of the queue a pass reads. Without `segments`, every segment in turn (one worker, the
 * local stack); with `lease`, each segment is leased to `holder` while it is read, and a segment
 * another worker holds is skipped, so overlapping workers never tag the same segment at once.
 */
export interface PassOptions {
  batchSize?: number;
  segments?: string[];
  lease?: { holder: string };
}

const DEFAULT_BATCH_SIZE = 25;
/** How long a lease lasts when the pass has no deadline of its own (a Lambda's is its remaining time). */
const DEFAULT_LEASE_MS = 15 * 60_000;
/** Time kept back for the batch in flight and the summary: below it the pass takes no new batch. */
export const TIME_RESERVE_MS = 10_000;

/**
 * One tagging pass: every submission waiting in the given segments of the pending index (all of
 * them by default), segment by segment, a page (batch) at a time, tagged with the current model
 * and written back under a version condition.
 *
 * - A submission leaves the queue only by its own conditional write, so a pass that dies half-way
 *   loses nothing (the rest is still pending) and tags nothing twice (what was written has left).
 * - A submission withdrawn since it was queued is skipped; one that already carries this model's
 *   tags and has not changed since (the index lags behind the table) is skipped too.
 * - A reviewer who changed a submission after it was read wins: the write fails on its version,
 *   the pass counts a conflict and moves on. If the submission is still queued, the next pass tags
 *   the reviewer's version, carrying their tags over.
 * - With `remainingMs`, the pass stops taking batches when less than TIME_RESERVE_MS is left, and
 *   says `remaining: true`: the next run goes on from the queue.
 * - DynamoDB being unreachable ends the pass with StoreUnavailableError; any other failure of one
 *   submission is logged by id, counted, and leaves it queued for the next pass.
 */
export async function runTaggingPass(deps: TaggingDeps, options: PassOptions = {}): Promise<TaggingSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)
    throw new RangeError(`batchSize must be a whole number from 1 to 1000, not ${batchSize}`);
  const now = deps.now ?? (() => new Date());
  const outOfTime = () => deps.remainingMs !== undefined && deps.remainingMs() < TIME_RESERVE_MS;

  const model = await currentModel(deps.models);
  const counts: Record<Outcome, number> = { tagged: 0, skipped: 0, conflicts: 0, failed: 0, noModel: 0 };
  const withoutModel = new Set<string>();
  let remaining = false;
  let segmentsSkipped = 0;

  segments: for (const segment of options.segments ?? deps.store.pendingSegments()) {
    if (outOfTime()) {
      remaining = true;
      break;
    }
    const lease = options.lease;
    if (lease) {
      const until = new Date(now().getTime() + (deps.remainingMs?.() ?? DEFAULT_LEASE_MS));
      if (!(await deps.store.leaseSegment(segment, lease.holder, until, now()))) {
        deps.logger.info('segment held by another tagging worker', { segment });
        segmentsSkipped++;
        continue;
      }
    }
    try {
      let cursor: string | undefined;
      do {
        if (outOfTime()) {
          remaining = true;
          break segments;
        }
        const page = await deps.store.listPending(segment, batchSize, cursor);
        // Settle the whole batch before giving up on an error, so that no write of a failed pass is
        // still in flight when the next pass starts.
        const settled = await Promise.allSettled(
          page.items.map((id) => tagOne(deps, model, id, now, withoutModel)),
        );
        for (const result of settled) {
          if (result.status === 'rejected') throw result.reason;
          counts[result.value]++;
        }
        cursor = page.cursor;
      } while (cursor);
    } finally {
      if (lease) await deps.store.releaseSegment(segment, lease.holder);
    }
  }

  const summary: TaggingSummary = {
    ...counts,
    remaining,
    segmentsSkipped,
    modelVersion: model.version,
    durationMs: Math.round(performance.now() - started),
  };
  if (withoutModel.size > 0)
    deps.logger.warn('no model for these consultations: their submissions wait, untagged (no_model)', {
      consultations: [...withoutModel],
      modelConsultation: model.consultationId,
      waiting: counts.noModel,
    });
  deps.logger.info('tagging pass', { ...summary });
  return summary;
}

async function tagOne(
  deps: TaggingDeps,
  model: VersionedClassifier,
  id: string,
  now: () => Date,
  withoutModel: Set<string>,
): Promise<Outcome> {
  try {
    const record = await deps.store.get(id);
    if (!record || record.submission.status === 'withdrawn') return 'skipped';
    const { consultationId } = record.submission;
    if (model.consultationId !== undefined && consultationId !== model.consultationId) {
      withoutModel.add(consultationId);
      return 'noModel';
    }
    // A document's text joins the answers before tagging (shared/documents/reading.ts).
    const stored = record.submission as Submission;
    const submission = !stored.document
      ? stored
      : deps.reading &&
        (await documentText({ ...deps.reading, store: deps.store, logger: deps.logger, now }, stored));
    if (!submission) return 'skipped';
    if (
      submission.modelVersion === model.version &&
      submission.taggedAt !== undefined &&
      submission.taggedAt === submission.updatedAt
    )
      return 'skipped';
    try {
      await deps.store.saveModelTags(id, submission.version, taggingResult(submission, model, now()));
      return 'tagged';
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      const fresh = await deps.store.get(id);
      if (!fresh || fresh.submission.status === 'withdrawn') return 'skipped';
      deps.logger.info('tagging conflict: the submission changed since it was read', { submissionId: id });
      return 'conflicts';
    }
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    deps.logger.error('tagging failed', { submissionId: id, error: (error as Error).message });
    return 'failed';
  }
}
