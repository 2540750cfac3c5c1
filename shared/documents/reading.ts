import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConsultationCatalogue } from '../consultation.js';
import { VersionConflictError } from '../errors.js';
import type { DocumentStore, SubmissionStore } from '../stores/ports.js';
import type { Submission } from '../submission.js';
import { splitAnswers } from './answers.js';
import { extractDocument } from './extract.js';
import { DOCUMENT_LIMITS, type DocumentAnswers, type DocumentLimits, type Extraction } from './model.js';

export interface DocumentReadingDeps {
  store: SubmissionStore;
  documents: DocumentStore;
  catalogue: ConsultationCatalogue;
  logger: Pick<Logger, 'info' | 'warn'>;
  now: () => Date;
  limits?: DocumentLimits;
}

/**
 * Before a submission with a document is tagged, its document is read once and its text merged
 * into the answers (see DocumentAnswers), so that tagging, review and the report treat it as they
 * treat typed text. Answers the submission as it now stands, or undefined when another pass is
 * reading the same document right now.
 *
 * Crash safety: the submission is marked (`extractionStartedAt`) before the file is parsed. A pass
 * that dies while reading (a parser that hangs past the Lambda's timeout, or runs it out of
 * memory) leaves the mark; the next pass to find it, once the reading time has surely passed,
 * records the document as failed (`interrupted`) instead of trying again. A hostile file costs one
 * pass at most, never the queue. Every write is conditional on the version read, so a reviewer's
 * change in between wins and the caller counts a conflict.
 */
export async function documentText(
  deps: DocumentReadingDeps,
  submission: Submission,
): Promise<Submission | undefined> {
  const { document } = submission;
  if (!document || submission.extraction) return submission;
  const limits = deps.limits ?? DOCUMENT_LIMITS;
  const now = deps.now();

  if (submission.extractionStartedAt) {
    const sinceStart = now.getTime() - Date.parse(submission.extractionStartedAt);
    if (sinceStart < 2 * limits.milliseconds) return undefined;
    return record(deps, submission, {
      status: 'failed',
      reason: 'interrupted',
      characters: 0,
      durationMs: 0,
    });
  }

  // Read from S3 before marking: an S3 outage ends the pass with nothing written, not with a mark
  // that the next pass would take for a reader that died.
  let bytes: Uint8Array | undefined;
  try {
    bytes = await deps.documents.read(document.key, limits.bytes);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return record(deps, submission, { status: 'failed', reason: 'too_large', characters: 0, durationMs: 0 });
  }
  if (!bytes)
    return record(deps, submission, { status: 'failed', reason: 'missing', characters: 0, durationMs: 0 });

  const marked = await deps.store.startExtraction(submission.id, submission.version, now.toISOString());
  const { extraction, text } = await extractDocument(bytes, limits);
  if (extraction.status !== 'ok') return record(deps, marked, extraction);
  const questions = deps.catalogue.get(submission.consultationId)?.questions ?? [];
  const split = splitAnswers(text, questions);
  return record(deps, marked, extraction, split.mode, split.answers);
}

async function record(
  deps: DocumentReadingDeps,
  submission: Submission,
  extraction: Omit<Extraction, 'extractedAt'>,
  mode?: DocumentAnswers['mode'],
  fromDocument: Record<string, string> = {},
): Promise<Submission | undefined> {
  const at = deps.now().toISOString();
  const answers = { ...submission.answers };
  const starts: Record<string, number> = {};
  for (const [key, text] of Object.entries(fromDocument)) {
    const typed = answers[key];
    // Typed text first, then the document's: the offsets of evidence in the typed part stay as they were.
    starts[key] = typed ? typed.length + 2 : 0;
    answers[key] = typed ? `${typed}\n\n${text}` : text;
  }
  const write = {
    answers,
    extraction: { ...extraction, extractedAt: at },
    ...(mode ? { documentAnswers: { mode, starts } } : {}),
    updatedAt: at,
  };
  deps.logger.info('document read', {
    submissionId: submission.id,
    kind: submission.document?.kind,
    size: submission.document?.size,
    ...extraction,
    ...(mode ? { mode, answers: Object.keys(starts).length } : {}),
  });
  try {
    return await deps.store.saveExtraction(submission.id, submission.version, write);
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
    // A reviewer changed the submission while its document was read: write the reading onto
    // their version rather than leave the mark behind to be taken for a pass that died.
    const fresh = (await deps.store.get(submission.id))?.submission;
    if (!fresh || fresh.status === 'withdrawn' || (fresh as Submission).extraction) return undefined;
    return record(deps, fresh as Submission, extraction, mode, fromDocument);
  }
}
