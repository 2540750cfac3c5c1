import type { Language } from '../consultation.js';
import type { Account, AuditEntry, JobRecord, Session } from '../review/model.js';
import type { ReviewState, Submission, SubmissionStatus, Tag, Tombstone } from '../submission.js';

/** A stored submission as the stores return it: the live one, or what withdrawal left. */
export type StoredSubmission = Submission | Tombstone;

export interface SubmissionRecord {
  submission: StoredSubmission;
  /** SHA-256 of the receipt token, hex: the token itself is never stored. */
  receiptHash: string;
}

/** What a retried create must find again to answer as the first time did. */
export interface IdempotencyRecord {
  consultationId: string;
  keyHash: string;
  requestHash: string;
  submissionId: string;
  /** Random bytes, hex, mixed with the client's key to derive the receipt token again on a retry. */
  salt: string;
  createdAt: string;
}

/** What a tagging pass writes back: the full tag list (reviewer tags carried over) and the new status. */
export interface TaggingResult {
  tags: Tag[];
  modelVersion: string;
  taggedAt: string;
  language: Submission['language'];
  status: Submission['status'];
  /** Signs of an advert or off-topic text, for the triage list and the report's screening. */
  screening?: Submission['screening'];
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface SubmissionStore {
  /** Stores a new submission unless one with its id exists; answers which happened. */
  create(submission: Submission, receiptHash: string): Promise<'created' | 'exists'>;
  get(id: string): Promise<SubmissionRecord | undefined>;
  /** Erases the content and leaves a tombstone, if the version is still the one read. */
  withdraw(id: string, expectedVersion: number, at: string): Promise<Tombstone>;
  /** Records the key's first use, or returns the record of its first use. */
  claimIdempotencyKey(record: IdempotencyRecord): Promise<IdempotencyRecord>;
  /**
   * The segments of the pending index: each can be read on its own, by its own worker, and together
   * they hold every waiting id once. How the index is split is the adapter's business.
   */
  pendingSegments(): string[];
  /** Ids waiting for the tagger in one segment of the pending index, oldest first. */
  listPending(segment: string, limit: number, cursor?: string): Promise<Page<string>>;
  /**
   * Takes a segment for one worker until `until`, unless another holder's lease on it has not yet
   * expired at `now`; answers whether it did. A worker that dies keeps it only until `until`.
   */
  leaseSegment(segment: string, holder: string, until: Date, now: Date): Promise<boolean>;
  /** Gives the segment back, if this holder still holds it. */
  releaseSegment(segment: string, holder: string): Promise<void>;
  /** Writes the model's tags if the version is still the one read; reviewer tags are kept as they are. */
  saveModelTags(id: string, expectedVersion: number, result: TaggingResult): Promise<Submission>;
  /** Every submission of a consultation, a page at a time, across all listing shards. */
  listByConsultation(consultationId: string, pageSize?: number): AsyncIterable<StoredSubmission[]>;
  /** Writes a secretariat decision if the version is still the one read; withdrawn submissions refuse it. */
  saveReview(id: string, expectedVersion: number, write: ReviewWrite): Promise<Submission>;
  /** Binds an upload to the submission that sends it; the first claim wins. Answers the id that holds it. */
  claimUpload(uploadId: string, submissionId: string, at: string): Promise<string>;
  /** The id of the submission that claimed an upload, if one did. */
  uploadClaim(uploadId: string): Promise<string | undefined>;
  /** Marks that the tagger has started reading the document, if the version is still the one read. */
  startExtraction(id: string, expectedVersion: number, at: string): Promise<Submission>;
  /** Writes what was read from the document, merged into the answers, if the version is still the one read. */
  saveExtraction(id: string, expectedVersion: number, write: ExtractionWrite): Promise<Submission>;
}

/** A document's reading as written back: the answers with its text merged in, and where that text is. */
export interface ExtractionWrite {
  answers: Submission['answers'];
  extraction: NonNullable<Submission['extraction']>;
  documentAnswers?: Submission['documentAnswers'];
  updatedAt: string;
}

/** A secretariat decision as written back: the whole review state, so absent fields are cleared. */
export interface ReviewWrite extends ReviewState {
  tags: Tag[];
  status: SubmissionStatus;
  campaign?: Submission['campaign'];
  updatedAt: string;
  lastAuditId: string;
  /** A decision on tags or status is final for the tagger: the submission leaves its queue for good. */
  final: boolean;
}

/** The secretariat's own records, in the same table under their own keys. */
export interface ReviewStore {
  /** Stores a new account unless one with its e-mail exists; answers which happened. */
  createAccount(account: Account): Promise<'created' | 'exists'>;
  getAccount(email: string): Promise<Account | undefined>;
  /** Every account: a secretariat has a handful, kept in one partition. */
  listAccounts(): Promise<Account[]>;
  setAccountDisabled(email: string, disabled: boolean, at: string): Promise<Account>;
  /** Replaces the password's hash and records when, which ends the sessions begun before. */
  setAccountPassword(email: string, passwordHash: string, at: string): Promise<Account>;
  createSession(session: Session): Promise<void>;
  getSession(tokenHash: string): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Stores an entry in its submission's history and in its scope's daily log; never overwrites one. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** A submission's history, oldest first. */
  listSubmissionAudit(submissionId: string): Promise<AuditEntry[]>;
  /** One day (`yyyy-mm-dd`, UTC) of a scope's log, oldest first. */
  listAuditLog(scope: string, day: string): Promise<AuditEntry[]>;
  putJob(job: JobRecord): Promise<void>;
  listJobs(): Promise<JobRecord[]>;
}

/** Measured quality of a model on a labelled set, as `npm run eval` computes it. */
export interface ModelEvaluation {
  dataset: string;
  macroF1: number;
  microF1: number;
  perLabel: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  byLanguage?: Record<string, { macroF1: number; microF1: number; ece?: number; count: number }>;
  /** Expected calibration error of every label's probability on every text (10 equal bins). */
  ece?: number;
  /** Texts with two or more labels whose labels were all found. */
  multiLabelAllFound?: { found: number; of: number; rate: number };
  /** Texts with no label that got a tag anyway. */
  noLabelFalsePositives?: { tagged: number; of: number; rate: number };
}

/**
 * The pointer `models/current.json` holds: which model the tagger uses, and what is known of it.
 * The report's methodology annex reads it; the model itself lives at `key`.
 */
export interface ModelManifest {
  version: string;
  key: string;
  trainedAt: string;
  trainingExamples: number;
  languages: string[];
  thresholds: Record<string, number>;
  /** Measured on fixtures/validation/validation.jsonl (the set the report has always cited). */
  evaluation?: ModelEvaluation;
  /** Everything measured about the model, for the methodology annex: see ModelQuality. */
  quality?: ModelQuality;
  /** The consultation it was trained for; manifests written before it was recorded are the default consultation's. */
  consultationId?: string;
}

/** A model's measured quality: grouped cross-validation on its training data, and both validation sets. */
export interface ModelQuality {
  crossValidation: Omit<ModelEvaluation, 'dataset' | 'byLanguage'> & { folds: number; groups: number };
  validation?: ModelEvaluation;
  /** The independent set: never used to choose a method or threshold, only to measure and to gate. */
  independent?: ModelEvaluation;
  /** Tags with a probability in [low, high) are marked uncertain for a reviewer. */
  uncertainBand: { low: number; high: number };
  /** Why the model is, or is not, current (a lower independent score keeps the previous one). */
  promotion?: string;
}

/** Where a model version lives: its content hash names it, so a key never holds two different models. */
export const modelKey = (version: string) => `models/${version}.json`;
/** Where a stored version's manifest lives, so it can be made current later. */
export const manifestKey = (version: string) => `models/${version}.manifest.json`;

export interface ModelStore {
  /** The manifest of the current model, or undefined when none was ever trained and stored. */
  current(): Promise<ModelManifest | undefined>;
  /** The serialised model a manifest points to. */
  load(manifest: ModelManifest): Promise<string>;
  /** Writes the model under its content-hash key, then moves the pointer: a reader never sees half. */
  publish(serialisedModel: string, manifest: ModelManifest): Promise<void>;
  /** Stores a model and its manifest without making it current. */
  save(serialisedModel: string, manifest: ModelManifest): Promise<void>;
  /** The manifest a stored version was saved with, or undefined when no such version is stored. */
  manifest(version: string): Promise<ModelManifest | undefined>;
}

export const REPORT_FORMATS = ['html', 'md', 'json', 'docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/**
 * A value for every file of a run: each format in each language. The JSON is data, the same in every
 * language: one file, which every language's entry names.
 */
export type ReportFiles<T> = Record<Language, Record<ReportFormat, T>>;

/** One file of a run: a format in a language (none for the JSON, which has no language). */
export interface ReportFileId {
  format: ReportFormat;
  language?: Language;
}

/** Submissions behind a number, and how many of them a reviewer has reviewed. */
export interface Coverage {
  reviewed: number;
  total: number;
}

/**
 * One compiled report: where its files are (each format in each language), how large, and what
 * it was built from. Every compile writes a draft; an admin publishes one, and only published
 * ones are public.
 */
export interface ReportManifest {
  consultationId: string;
  /** The run's folder name, sortable as text: the cut-off time, compacted (`20261128T184800123Z`). */
  stamp: string;
  generatedAt: string;
  keys: ReportFiles<string>;
  sizes: ReportFiles<number>;
  submissions: number;
  /** A hash of the report's content, without its dates: an unchanged report is not written again. */
  fingerprint: string;
  /** Review coverage of the submissions the report analyses. */
  coverage: Coverage;
  /** The model versions that set the tags the report counts, with how many tags each. */
  modelVersions: { version: string; tags: number }[];
  /** Set once an admin published it: who and when. */
  published?: { at: string; by: string };
}

/** What the public report page shows of a run. */
export type StoredReport = Pick<ReportManifest, 'stamp' | 'generatedAt' | 'keys' | 'sizes'>;

export type ReportStatus = 'draft' | 'published';
export const reportStatus = (manifest: ReportManifest): ReportStatus =>
  manifest.published ? 'published' : 'draft';

/** A stored report file, ready to send. */
export interface ReportFile {
  body: ReadableStream<Uint8Array>;
  size: number;
}

/**
 * Where compiled reports live: `reports/<consultationId>/<stamp>/synthesis-<lang>.<ext>` (the JSON
 * once, as `synthesis.json`), beside them
 * `secretariat.json` (the model with the submission ids behind every count, never public),
 * `draft.json` (the run's manifest, written once its files are all there) and, once published,
 * `published.json`; and the pointer `reports/<consultationId>/latest.json` to the latest
 * published run, moved only by a publication.
 */
export interface ReportStore {
  /** Stores one file of a run and answers its key. */
  put(consultationId: string, stamp: string, file: ReportFileId, body: Uint8Array): Promise<string>;
  /** Deletes the files of a run that failed half-way; no manifest ever named them. */
  discard(keys: string[]): Promise<void>;
  /** Records a complete run as a draft: its secretariat JSON first, its manifest last. */
  saveDraft(manifest: ReportManifest, secretariat: Uint8Array): Promise<void>;
  /** Marks a draft published and moves `latest.json` to it; answers the published manifest. */
  publish(consultationId: string, stamp: string, by: string, at: string): Promise<ReportManifest>;
  /** The latest published report, or undefined before the first publication. */
  latest(consultationId: string): Promise<ReportManifest | undefined>;
  /** Every complete run, drafts and published, newest first. */
  list(consultationId: string): Promise<ReportManifest[]>;
  /** One run's manifest, with its publication if any. */
  get(consultationId: string, stamp: string): Promise<ReportManifest | undefined>;
  /** A run's secretariat JSON (the model and its trace), parsed. */
  secretariat(consultationId: string, stamp: string): Promise<unknown | undefined>;
  open(key: string): Promise<ReportFile | undefined>;
  /** A short-lived link to download a file directly from the store, under the given file name. */
  downloadUrl(key: string, fileName: string, contentType: string): Promise<string>;
}

/** A short-lived HTML-form upload straight to the store: post `fields`, then the file as `file`, to `url`. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/**
 * An upload form's terms: exactly `exactBytes` long when given, otherwise 1 to `maxBytes`; with
 * `redirect`, the store sends the browser there afterwards.
 */
export interface UploadOptions {
  maxBytes: number;
  exactBytes?: number;
  expiresSeconds: number;
  filename?: string;
  redirect?: string;
}

export interface StoredDocument {
  size: number;
  /** The file name the uploader declared, when the upload carried one. */
  filename?: string;
}

/** Uploaded documents, under keys the server chose (`uploads/<consultationId>/<uploadId>`). */
export interface DocumentStore {
  /** The origin upload forms post to: the pages' Content-Security-Policy must allow it as a form action. */
  readonly uploadOrigin: string;
  /** A form that can store one file under `key` until it expires. */
  presignUpload(key: string, options: UploadOptions): Promise<UploadForm>;
  head(key: string): Promise<StoredDocument | undefined>;
  /** Bytes [start, end) of a stored file. */
  readRange(key: string, start: number, end: number): Promise<Uint8Array>;
  /** A whole file, or undefined when it is missing; a file over `maxBytes` is refused unread. */
  read(key: string, maxBytes: number): Promise<Uint8Array | undefined>;
  /** Removes a file; removing a missing one is no error. */
  delete(key: string): Promise<void>;
  /** A short-lived link to download a file under its own name and type. */
  downloadUrl(key: string, filename: string, contentType: string, expiresSeconds: number): Promise<string>;
  /** Keys under `prefix` last written before `before`, a page at a time. */
  listWrittenBefore(prefix: string, before: Date): AsyncIterable<string[]>;
}
