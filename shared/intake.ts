import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Consultation, type ConsultationCatalogue, isWindowOpen } from './consultation.js';
import type { DocumentRef } from './documents/model.js';
import { inspectUpload } from './documents/uploads.js';
import {
  IdempotencyKeyReusedError,
  NotFoundError,
  StateConflictError,
  SubmissionClosedError,
  ValidationError,
} from './errors.js';
import { detectLanguage } from './language.js';
import { confirmWithdrawal, type MailDeps, prepareReceipt, wake } from './mail/outbox.js';
import type { MailStore } from './mail/ports.js';
import type { DocumentStore, StoredSubmission, SubmissionStore } from './stores/ports.js';
import {
  type Submission,
  type SubmissionInput,
  submissionInputSchema,
  type Tombstone,
} from './submission.js';
import { monotonicUlid } from './ulid.js';
import { parseOrThrow } from './validation.js';

/**
 * Intake: a stakeholder's submission, from a parsed body to a durable item and a receipt.
 *
 * Input: the consultation id, the body as the client sent it (JSON value), and an optional
 * Idempotency-Key. Output: the stored submission, its receipt token (shown once, stored as a hash),
 * and whether this was a replay of an earlier request.
 *
 * With a key, the writes are ordered so that a crash between them loses and doubles nothing:
 * 1. the key's record is claimed (conditional put) with the submission id chosen for it;
 * 2. the submission is put under that id (conditional put).
 * A retry after a crash between 1 and 2 finds the record and completes step 2 with the same id.
 * A submission with a document checks the upload in the store before any write, and claims it
 * for its id just before step 2: a retry claims it again for the same id, and no second
 * submission can send the same upload.
 * The receipt token is derived from the client's key and a stored salt, so a retry can return the
 * same token while the table holds neither the token nor the key.
 */
export interface IntakeDeps {
  store: SubmissionStore;
  /** Uploaded documents; without it a submission cannot name one. */
  documents?: DocumentStore;
  catalogue: ConsultationCatalogue;
  now: () => Date;
  /** The outbox; without it no mail is written (a receipt, a withdrawal confirmation). */
  mail?: MailDeps;
}

export interface Receipt {
  submission: Submission;
  receiptToken: string;
  replayed: boolean;
}

const newId = monotonicUlid();

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function consultationOr404(catalogue: ConsultationCatalogue, id: string): Consultation {
  const consultation = catalogue.get(id);
  if (!consultation) throw new NotFoundError('consultation');
  return consultation;
}

/** Checks a body against a consultation's schema and its window, without storing anything. */
export function validateSubmission(consultation: Consultation, body: unknown, now: Date): SubmissionInput {
  const input = parseOrThrow(submissionInputSchema(consultation), body);
  if (!isWindowOpen(consultation.submissionWindow, now))
    throw new SubmissionClosedError(consultation.submissionWindow);
  return input;
}

/** Key order must not change a request's identity, so the hash is over a canonical form. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function buildSubmission(
  consultationId: string,
  id: string,
  input: SubmissionInput,
  at: string,
  document: DocumentRef | undefined,
): Submission {
  const detected = input.language ? undefined : detectLanguage(Object.values(input.answers).join('\n'));
  return {
    id,
    consultationId,
    stakeholder: input.stakeholder,
    language: input.language ?? detected ?? 'en',
    languageSource: input.language ? 'declared' : 'detected',
    answers: input.answers,
    consent: input.consent,
    submittedAt: at,
    updatedAt: at,
    status: 'received',
    version: 1,
    tags: [],
    ...(document ? { document } : {}),
  };
}

async function inspectDocument(deps: IntakeDeps, consultationId: string, input: SubmissionInput) {
  if (!input.document) return undefined;
  if (!deps.documents) throw new ValidationError([{ path: 'document', code: 'unknown_field' }]);
  return inspectUpload(deps.documents, consultationId, input.document.uploadId);
}

async function claimDocument(
  deps: IntakeDeps,
  document: DocumentRef | undefined,
  submissionId: string,
  at: string,
) {
  if (!document) return;
  const holder = await deps.store.claimUpload(document.uploadId, submissionId, at);
  if (holder !== submissionId) throw new StateConflictError('document_already_submitted');
}

export async function submit(
  deps: IntakeDeps,
  consultationId: string,
  body: unknown,
  idempotencyKey?: string,
): Promise<Receipt> {
  const consultation = consultationOr404(deps.catalogue, consultationId);
  const now = deps.now();
  const input = validateSubmission(consultation, body, now);
  const at = now.toISOString();
  const document = await inspectDocument(deps, consultation.id, input);

  if (!idempotencyKey) {
    const receiptToken = randomBytes(32).toString('base64url');
    const submission = buildSubmission(consultation.id, newId(now.getTime()), input, at, document);
    await claimDocument(deps, document, submission.id, at);
    if (deps.mail) await prepareReceipt(deps.mail, submission);
    await deps.store.create(submission, sha256(receiptToken));
    if (deps.mail) await wake(deps.mail);
    return { submission, receiptToken, replayed: false };
  }

  const claim = await deps.store.claimIdempotencyKey({
    consultationId: consultation.id,
    keyHash: sha256(idempotencyKey),
    requestHash: sha256(canonicalJson(input)),
    submissionId: newId(now.getTime()),
    salt: randomBytes(32).toString('hex'),
    createdAt: at,
  });
  if (claim.requestHash !== sha256(canonicalJson(input))) throw new IdempotencyKeyReusedError();

  const receiptToken = createHmac('sha256', idempotencyKey).update(claim.salt).digest('base64url');
  const fresh = buildSubmission(consultation.id, claim.submissionId, input, claim.createdAt, document);
  await claimDocument(deps, document, fresh.id, at);
  // A retry finds the receipt already queued under the submission's id and queues nothing.
  if (deps.mail) await prepareReceipt(deps.mail, fresh);
  const outcome = await deps.store.create(fresh, sha256(receiptToken));
  if (outcome === 'created') {
    if (deps.mail) await wake(deps.mail);
    return { submission: fresh, receiptToken, replayed: claim.createdAt !== at };
  }
  const stored = await deps.store.get(claim.submissionId);
  if (!stored || stored.submission.status === 'withdrawn') throw new NotFoundError('submission');
  return { submission: stored.submission as Submission, receiptToken, replayed: true };
}

/**
 * The submission a receipt token opens: the one the receipt page showed, or one a mail carried
 * (`links`). Unknown ids and wrong tokens look the same to the caller.
 */
export async function openWithReceipt(
  store: SubmissionStore,
  id: string,
  receiptToken: string | undefined,
  links?: Pick<MailStore, 'hasLink'>,
): Promise<StoredSubmission> {
  const record = receiptToken ? await store.get(id) : undefined;
  if (!record || !receiptToken) throw new NotFoundError('submission');
  const expected = Buffer.from(record.receiptHash, 'hex');
  const actual = Buffer.from(sha256(receiptToken), 'hex');
  if (expected.length === actual.length && timingSafeEqual(expected, actual)) return record.submission;
  // A mailed link is found by its hash: a lookup by key, which reveals nothing about other tokens.
  if (links && (await links.hasLink(id, sha256(receiptToken)))) return record.submission;
  throw new NotFoundError('submission');
}

/** Withdrawal by the submitter: while the window is open, the content is erased and a tombstone stays. */
export async function withdraw(
  deps: IntakeDeps,
  id: string,
  receiptToken: string | undefined,
): Promise<Tombstone> {
  const submission = await openWithReceipt(deps.store, id, receiptToken, deps.mail?.mail);
  if (submission.status === 'withdrawn') return submission;
  const consultation = consultationOr404(deps.catalogue, submission.consultationId);
  const now = deps.now();
  if (!isWindowOpen(consultation.submissionWindow, now))
    throw new SubmissionClosedError(consultation.submissionWindow);
  const tombstone = await deps.store.withdraw(id, submission.version, now.toISOString());
  // The tombstone first, the file second: a crash between them leaves a file that no live
  // submission names, which the upload sweep deletes, never a live submission without its file.
  // So a failed delete does not undo a withdrawal that has happened: the sweep retries it.
  const { document } = submission as Submission;
  if (document && deps.documents) await deps.documents.delete(document.key).catch(() => {});
  if (deps.mail)
    await confirmWithdrawal(deps.mail, submission as Submission, tombstone.withdrawnAt ?? now.toISOString());
  return tombstone;
}
