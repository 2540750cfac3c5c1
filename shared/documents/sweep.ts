import type { Logger } from '@aws-lambda-powertools/logger';
import type { DocumentStore, SubmissionStore } from '../stores/ports.js';
import { UPLOAD_PREFIX } from './model.js';

export interface SweepDeps {
  store: SubmissionStore;
  documents: DocumentStore;
  logger: Pick<Logger, 'info'>;
  now?: () => Date;
}

export interface SweepSummary {
  examined: number;
  deleted: number;
}

/** Old enough that no one is still filling in the form that uploaded it. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the uploaded files that no live submission names: uploads abandoned before a
 * submission was sent, and the file of a withdrawn submission whose delete did not happen (the
 * withdrawal writes the tombstone first). An S3 lifecycle rule cannot tell these from the files
 * of live submissions, hence a sweep: it lists `uploads/` (its cost follows the documents, not the
 * table) and asks the upload's claim which submission, if any, sent it.
 */
export async function sweepUploads(deps: SweepDeps): Promise<SweepSummary> {
  const now = deps.now ?? (() => new Date());
  const before = new Date(now().getTime() - ABANDONED_AFTER_MS);
  const summary: SweepSummary = { examined: 0, deleted: 0 };
  for await (const keys of deps.documents.listWrittenBefore(UPLOAD_PREFIX, before)) {
    for (const key of keys) {
      summary.examined++;
      const uploadId = key.split('/').at(-1) ?? '';
      const holder = await deps.store.uploadClaim(uploadId);
      const submission = holder ? (await deps.store.get(holder))?.submission : undefined;
      if (submission && submission.status !== 'withdrawn') continue;
      await deps.documents.delete(key);
      summary.deleted++;
    }
  }
  deps.logger.info('upload sweep', { ...summary });
  return summary;
}
