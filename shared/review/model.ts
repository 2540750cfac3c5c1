/** The secretariat's records: who may sign in, their sessions, what they changed, and the jobs they ran. */

export const ROLES = ['reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  /** Lower-cased: it is the account's key, and people type their address in any case. */
  email: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash`: the cost travels with the hash so it can be raised later. */
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Set by a password reset: sessions begun before it no longer count. */
  passwordChangedAt?: string;
}

/** A sign-in: the browser's cookie or a script's bearer token. Only the token's hash is stored. */
export interface Session {
  tokenHash: string;
  email: string;
  kind: 'cookie' | 'bearer';
  createdAt: string;
  expiresAt: string;
}

/** The signed-in person a request acts for. */
export interface Principal {
  email: string;
  role: Role;
  via: 'cookie' | 'bearer';
  /** Bound to the cookie session; every form post must carry it. Absent for bearer tokens. */
  csrfToken?: string;
}

export type AuditAction =
  | 'review'
  | 'campaign'
  | 'account_created'
  | 'account_disabled'
  | 'account_enabled'
  | 'password_reset'
  | 'report_published'
  | 'model_made_current';

/**
 * One change: who, when, the state before and after. `scope` is the consultation for submission
 * changes and `accounts` for account changes; it picks the admin log the entry appears in.
 */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  scope: string;
  action: AuditAction;
  submissionId?: string;
  /** The submission version this change produces; an entry whose version never landed is an orphan. */
  version?: number;
  /** The entry the submission carried before this one: the chain that tells applied entries from orphans. */
  previousAuditId?: string;
  account?: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export const ACCOUNTS_SCOPE = 'accounts';

export const JOB_KINDS = ['tag', 'report', 'train'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const isJobKind = (value: unknown): value is JobKind => JOB_KINDS.includes(value as JobKind);

/** The last run of one kind of job, as the dashboard shows it. */
export interface JobRecord {
  kind: JobKind;
  /** `invoked`: handed to another function (on AWS), whose own logs hold the outcome. */
  state: 'running' | 'invoked' | 'succeeded' | 'failed';
  startedAt: string;
  startedBy: string;
  finishedAt?: string;
  /** A short outcome a person can read, such as how many submissions were tagged. */
  summary?: string;
}
