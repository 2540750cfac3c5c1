import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type Consultation, isWindowOpen } from '../consultation.js';
import { SubmissionClosedError, ValidationError } from '../errors.js';
import { stripInvisible } from '../invisible.js';
import type { DocumentStore, UploadForm } from '../stores/ports.js';
import { userText } from '../submission.js';
import { parseOrThrow } from '../validation.js';
import { DOCUMENT_LIMITS, type DocumentRef, MEDIA_TYPES, uploadKey } from './model.js';
import { sniffDocument } from './sniff.js';

/**
 * Uploads: a stakeholder asks for an upload, sends the file straight to the store, and names the
 * upload in their submission; intake then checks what actually arrived. The key is the server's
 * choice (`uploads/<consultationId>/<random id>`), so a submitter can neither pick nor guess one.
 */

export const uploadRequestSchema = z.strictObject({
  filename: userText(DOCUMENT_LIMITS.filenameChars).pipe(z.string().min(1)),
  contentType: z.enum([MEDIA_TYPES.docx, MEDIA_TYPES.pdf, MEDIA_TYPES.odt]).optional().meta({
    description:
      'What the client believes the file is; the type that counts is read from the bytes at submission.',
  }),
  size: z
    .number()
    .int()
    .min(1)
    .meta({ description: `In bytes, at most ${DOCUMENT_LIMITS.bytes}.` }),
});
export type UploadRequest = z.output<typeof uploadRequestSchema>;

export interface IssuedUpload extends UploadForm {
  uploadId: string;
  maxBytes: number;
}

const MB = 1024 * 1024;
const tooLarge = (path: string) =>
  new ValidationError(
    [{ path, code: 'document_too_large', params: { limit: DOCUMENT_LIMITS.bytes / MB } }],
    true,
  );

function openWindowOrThrow(consultation: Consultation, now: Date) {
  if (!isWindowOpen(consultation.submissionWindow, now))
    throw new SubmissionClosedError(consultation.submissionWindow);
}

/** An upload for the JSON API: the declared size is exact, so the store refuses any other. */
export async function issueUpload(
  documents: DocumentStore,
  consultation: Consultation,
  body: unknown,
  now: Date,
): Promise<IssuedUpload> {
  const request = parseOrThrow(uploadRequestSchema, body);
  if (request.size > DOCUMENT_LIMITS.bytes) throw tooLarge('size');
  openWindowOrThrow(consultation, now);
  const uploadId = randomBytes(16).toString('base64url');
  const form = await documents.presignUpload(uploadKey(consultation.id, uploadId), {
    maxBytes: DOCUMENT_LIMITS.bytes,
    exactBytes: request.size,
    expiresSeconds: DOCUMENT_LIMITS.uploadSeconds,
    filename: request.filename,
  });
  return { uploadId, maxBytes: DOCUMENT_LIMITS.bytes, ...form };
}

/**
 * An upload for the form without JavaScript: the browser posts the file straight to the store,
 * which sends it back to `redirect(uploadId)`. The size is unknown until then: up to the limit.
 */
export async function issueFormUpload(
  documents: DocumentStore,
  consultation: Consultation,
  redirect: (uploadId: string) => string,
): Promise<IssuedUpload> {
  const uploadId = randomBytes(16).toString('base64url');
  const form = await documents.presignUpload(uploadKey(consultation.id, uploadId), {
    maxBytes: DOCUMENT_LIMITS.bytes,
    expiresSeconds: DOCUMENT_LIMITS.uploadSeconds,
    redirect: redirect(uploadId),
  });
  return { uploadId, maxBytes: DOCUMENT_LIMITS.bytes, ...form };
}

/**
 * What an upload turned out to be, read from the store before anything is written: it must
 * exist, be within the size limit, and be a DOCX, PDF or ODT by its own bytes. Each refusal
 * names the field `document.uploadId`.
 */
export async function inspectUpload(
  documents: DocumentStore,
  consultationId: string,
  uploadId: string,
): Promise<DocumentRef> {
  const path = 'document.uploadId';
  const key = uploadKey(consultationId, uploadId);
  const stored = await documents.head(key);
  if (!stored) throw new ValidationError([{ path, code: 'upload_not_found' }]);
  if (stored.size > DOCUMENT_LIMITS.bytes) throw tooLarge(path);
  const sniffed = await sniffDocument((start, end) => documents.readRange(key, start, end), stored.size);
  if (!('kind' in sniffed))
    throw new ValidationError([
      { path, code: sniffed.unsupported === 'protected_or_legacy' ? 'document_protected' : 'document_type' },
    ]);
  return {
    uploadId,
    key,
    kind: sniffed.kind,
    contentType: MEDIA_TYPES[sniffed.kind],
    size: stored.size,
    filename: displayName(stored.filename, sniffed.kind),
  };
}

/** The declared name, or a plain one: it is shown and offered on download, never used as a path. */
function displayName(declared: string | undefined, kind: DocumentRef['kind']): string {
  const parsed =
    declared === undefined ? undefined : userText(DOCUMENT_LIMITS.filenameChars).safeParse(declared);
  // "report\u202Efdp.exe" shows as "reportexe.pdf": a file name loses its bidi controls too.
  const name = parsed?.success ? stripInvisible(parsed.data).replace(/[/\\]/g, '_').trim() : '';
  return name || `document.${kind}`;
}

/**
 * A short-lived link to a submission's original document, for the secretariat: the caller has
 * checked that a signed-in reviewer asks. Undefined when there is no document (or no longer one).
 */
export async function documentDownloadUrl(
  documents: DocumentStore,
  submission: { document?: DocumentRef },
): Promise<string | undefined> {
  const { document } = submission;
  if (!document || !(await documents.head(document.key))) return undefined;
  return documents.downloadUrl(
    document.key,
    document.filename,
    document.contentType,
    DOCUMENT_LIMITS.downloadSeconds,
  );
}
