import type { Submission, Tag, Tombstone } from '../submission.js';

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
  /** Ids waiting for the tagger in one shard of the pending index, oldest first. */
  listPending(shard: number, limit: number, cursor?: string): Promise<Page<string>>;
  /** Writes the model's tags if the version is still the one read; reviewer tags are kept as they are. */
  saveModelTags(id: string, expectedVersion: number, result: TaggingResult): Promise<Submission>;
  /** Every submission of a consultation, a page at a time, across all listing shards. */
  listByConsultation(consultationId: string, pageSize?: number): AsyncIterable<StoredSubmission[]>;
}

/** Measured quality of a model on a labelled set, as `npm run eval` computes it. */
export interface ModelEvaluation {
  dataset: string;
  macroF1: number;
  microF1: number;
  perLabel: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  byLanguage?: Record<string, { macroF1: number; microF1: number; count: number }>;
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
  evaluation?: ModelEvaluation;
}

export interface ModelStore {
  /** The manifest of the current model, or undefined when none was ever trained and stored. */
  current(): Promise<ModelManifest | undefined>;
  /** The serialised model a manifest points to. */
  load(manifest: ModelManifest): Promise<string>;
  /** Writes the model under its content-hash key, then moves the pointer: a reader never sees half. */
  publish(serialisedModel: string, manifest: ModelManifest): Promise<void>;
}
