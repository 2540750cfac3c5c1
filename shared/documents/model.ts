/**
 * Written input sent as a document: what intake records about the file, what extraction found in
 * it, and where its text went among the answers. Domain terms only: the S3 side is
 * shared/stores/s3-documents.ts.
 */

export const DOCUMENT_KINDS = ['docx', 'pdf', 'odt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const MEDIA_TYPES: Record<DocumentKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
};

export const DOCUMENT_LIMITS = {
  /** The largest file a stakeholder may upload. */
  bytes: 10 * 1024 * 1024,
  filenameChars: 200,
  /** A longer document is left to a person: the secretariat can open the original. */
  pages: 200,
  characters: 200_000,
  /**
   * The text is stored in the submission's item: DynamoDB refuses items over 400 KB, and scripts
   * beyond Latin take two or three bytes a character.
   */
  textBytes: 300_000,
  /** Wall-clock budget for reading one document. */
  milliseconds: 20_000,
  /** A DOCX or ODT is a zip: what its central directory may declare before anything is inflated. */
  zipEntries: 2_000,
  inflatedBytes: 40 * 1024 * 1024,
  /** How long a presigned upload stays usable. */
  uploadSeconds: 15 * 60,
  /** How long a presigned download of the original stays usable. */
  downloadSeconds: 5 * 60,
} as const;
export type DocumentLimits = { [K in keyof typeof DOCUMENT_LIMITS]: number };

/** What intake records once it has seen the uploaded object: its type is sniffed from its bytes. */
export interface DocumentRef {
  uploadId: string;
  key: string;
  kind: DocumentKind;
  contentType: string;
  size: number;
  /** The name the submitter's file had, for display only: never part of a key or a path. */
  filename: string;
}

export const EXTRACTION_STATUSES = ['ok', 'needs_manual_reading', 'failed'] as const;
export type ExtractionStatus = (typeof EXTRACTION_STATUSES)[number];

/**
 * Why a document was not read in full. `needs_manual_reading`: no text layer (a scan), no text at
 * all, or over a size limit: a person should read the original. `failed`: the file cannot be
 * read by anyone as it is (encrypted, malformed, a zip bomb, over 10 MB), took too long, or is
 * gone (`interrupted`: a pass died while reading it; `missing`: the object is no longer stored).
 */
export const EXTRACTION_REASONS = [
  'no_text_layer',
  'no_text',
  'too_many_pages',
  'too_many_characters',
  'encrypted',
  'malformed',
  'archive_too_large',
  'too_large',
  'timeout',
  'interrupted',
  'missing',
] as const;
export type ExtractionReason = (typeof EXTRACTION_REASONS)[number];

export interface Extraction {
  status: ExtractionStatus;
  reason?: ExtractionReason;
  pages?: number;
  characters: number;
  durationMs: number;
  extractedAt: string;
}

/**
 * Where a document's text went. Its text is merged into the submission's `answers` (so tagging,
 * review and the report read it like typed text) and stored once: `starts[key]` is the offset in
 * `answers[key]` from which the text came from the document (0 when all of it did).
 * `by_question`: the document followed the guiding questions; `whole`: it did not, and all of it is
 * the general answer under DOCUMENT_ANSWER_KEY.
 */
export interface DocumentAnswers {
  mode: 'by_question' | 'whole';
  starts: Record<string, number>;
}

/** Where an upload is stored: the server chooses every part of the key. */
export const uploadKey = (consultationId: string, uploadId: string) =>
  `uploads/${consultationId}/${uploadId}`;
export const UPLOAD_PREFIX = 'uploads/';

/** The answer key of a document's text that answers no particular question. */
export const DOCUMENT_ANSWER_KEY = 'document';
