import type { Language } from '../consultation.js';

/** One message, ready to hand to a mail server: one recipient, a plain-text and an HTML body. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Hands a message to a mail service (SES on AWS, SMTP elsewhere). Throws MailSendError: `permanent`
 * when the service refused this message for good (a retry would be refused again), otherwise the
 * outbox tries again later.
 */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

export class MailSendError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(`mail not sent: ${code}`, options);
    this.name = 'MailSendError';
  }
}

/** A receipt after a submission, the links again on request, a confirmation after a withdrawal. */
export const MAIL_KINDS = ['receipt', 'resend', 'withdrawal'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Where a mail stands. `pending` waits in the outbox; the rest are final: `sent`; `failed` (refused
 * for good, or out of attempts); `cancelled` (nothing to say any more: the submission was withdrawn
 * or never stored); `suppressed` (the address bounced or complained); `nothing` (a resend for an
 * address with no live submission: nothing is sent, and the asker is told the same as anyone).
 */
export type MailState = 'pending' | 'sent' | 'failed' | 'cancelled' | 'suppressed' | 'nothing';

/** What a new outbox entry says. The receipt names only its submission; the others carry their address. */
export interface NewMail {
  mailId: string;
  kind: MailKind;
  consultationId: string;
  submissionId?: string;
  /** Only for mails whose address is not in a live submission: a resend, a withdrawal confirmation. */
  to?: string;
  language: Language;
  createdAt: string;
  /** For a withdrawal confirmation: when it happened. */
  withdrawnAt?: string;
}

export interface MailRecord extends NewMail {
  state: MailState;
  attempts: number;
  dueAt: string;
  leaseUntil?: string;
  finishedAt?: string;
  /** The last failure's code (never its message, which can quote the address). */
  lastError?: string;
}

/** The outbox and what mail needs beside it, in the submissions' table. */
export interface MailStore {
  /** Writes a mail unless one with its id exists: the id makes a retried request enqueue nothing new. */
  enqueue(mail: NewMail): Promise<'created' | 'exists'>;
  get(mailId: string): Promise<MailRecord | undefined>;
  /** Ids of pending mails due at `now`, oldest due first, at most `limit`. */
  listDue(now: string, limit: number): Promise<string[]>;
  /**
   * Takes a pending, due mail until `until` and counts an attempt; undefined when it is no longer
   * pending and due, or another worker holds it.
   */
  lease(mailId: string, now: string, until: string): Promise<MailRecord | undefined>;
  /** Gives a leased mail back to the outbox, due again at `dueAt`. */
  retryLater(mailId: string, dueAt: string, error: string): Promise<void>;
  /** Ends a mail: it leaves the outbox, and its address (if it carried one) is erased. */
  finish(mailId: string, state: Exclude<MailState, 'pending'>, at: string, error?: string): Promise<void>;
  /** Records a private link sent by mail (its token's hash): it opens the submission like the first one. */
  addLink(submissionId: string, tokenHash: string, at: string): Promise<void>;
  hasLink(submissionId: string, tokenHash: string): Promise<boolean>;
  /** The submissions an address sent to a consultation, by the address's hash. */
  saveContact(consultationId: string, addressHash: string, submissionId: string): Promise<void>;
  listContacts(consultationId: string, addressHash: string): Promise<string[]>;
  forgetContact(consultationId: string, addressHash: string, submissionId: string): Promise<void>;
  /** Marks an address that bounced or complained: nothing is written to it again. */
  suppress(addressHash: string, reason: string, at: string): Promise<void>;
  isSuppressed(addressHash: string): Promise<boolean>;
}
