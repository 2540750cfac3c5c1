import { randomBytes } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConsultationCatalogue, Language } from '../consultation.js';
import { sha256 } from '../intake.js';
import type { SubmissionStore } from '../stores/ports.js';
import type { Submission } from '../submission.js';
import { addressHash } from './addresses.js';
import { receiptMail, resendMail, withdrawalMail } from './messages.js';
import {
  type MailRecord,
  MailSendError,
  type MailSender,
  type MailState,
  type MailStore,
  type OutgoingMail,
} from './ports.js';

/**
 * The outbox worker: takes each due mail (a lease, so two workers never send the same one at once),
 * composes it from what is stored now, sends it, and records the outcome. A failed send is tried
 * again later with a growing delay, up to a number of attempts. A crash after a send and before its
 * record leaves the lease to expire and the mail to be sent again: mail is at least once, never lost.
 */
export interface DeliveryDeps {
  mail: MailStore;
  store: SubmissionStore;
  sender: MailSender;
  catalogue: ConsultationCatalogue;
  /** Where the private links point (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  logger: Logger;
  now: () => Date;
  retry?: RetryPolicy;
}

export interface RetryPolicy {
  /** The wait after the first failure; each further failure doubles it, up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** Attempts in all, the first included; after the last failure the mail is marked failed. */
  maxAttempts: number;
  /** How long a worker holds a mail: longer than a send can take (the senders time out well before). */
  leaseMs: number;
  /** A receipt whose submission is still missing after this was never stored: it is cancelled. */
  orphanAfterMs: number;
}

/** 15 s, 30 s, 1 min … 15 min: twelve attempts cover about two and a half hours of a mail service being down. */
export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 15_000,
  maxMs: 15 * 60_000,
  maxAttempts: 12,
  leaseMs: 2 * 60_000,
  orphanAfterMs: 10 * 60_000,
};

export function retryDelayMs(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, failedAttempts - 1), policy.maxMs);
}

export interface DeliverySummary {
  sent: number;
  retried: number;
  /** Failed for good, cancelled, suppressed, or nothing to send. */
  settled: number;
  /** Taken by another worker meanwhile. */
  busy: number;
}

/** One round: every mail due now, in due order, at most `limit`. */
export async function deliverDue(deps: DeliveryDeps, limit = 50): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retried: 0, settled: 0, busy: 0 };
  for (const mailId of await deps.mail.listDue(deps.now().toISOString(), limit)) {
    const outcome = await deliverMail(deps, mailId);
    if (outcome === 'sent') summary.sent++;
    else if (outcome === 'pending') summary.retried++;
    else if (outcome === 'busy') summary.busy++;
    else summary.settled++;
  }
  return summary;
}

/** A mail's composition: a message to send, or the final state it ends in without one. */
type Composed = { message: OutgoingMail } | { final: Exclude<MailState, 'pending' | 'sent'>; reason: string };

class NotYet extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Sends one mail if it is due and no other worker holds it; answers where it stands afterwards. */
export async function deliverMail(deps: DeliveryDeps, mailId: string): Promise<MailState | 'busy'> {
  const policy = deps.retry ?? DEFAULT_RETRY;
  const started = deps.now();
  const record = await deps.mail.lease(
    mailId,
    started.toISOString(),
    new Date(started.getTime() + policy.leaseMs).toISOString(),
  );
  if (!record) return 'busy';
  const log = { mailId, kind: record.kind, attempt: record.attempts };
  try {
    const composed = await compose(deps, record, policy);
    if ('final' in composed) {
      await deps.mail.finish(mailId, composed.final, deps.now().toISOString(), composed.reason);
      deps.logger.info('mail not sent', { ...log, state: composed.final, reason: composed.reason });
      return composed.final;
    }
    await deps.sender.send(composed.message);
    await deps.mail.finish(mailId, 'sent', deps.now().toISOString());
    deps.logger.info('mail sent', { ...log, to: addressHash(composed.message.to).slice(0, 16) });
    return 'sent';
  } catch (error) {
    const code =
      error instanceof MailSendError || error instanceof NotYet ? error.code : (error as Error).name;
    const permanent = error instanceof MailSendError && error.permanent;
    if (permanent || record.attempts >= policy.maxAttempts) {
      await deps.mail.finish(mailId, 'failed', deps.now().toISOString(), code);
      deps.logger.error('mail failed for good', { ...log, error: code, permanent });
      return 'failed';
    }
    const dueAt = new Date(deps.now().getTime() + retryDelayMs(policy, record.attempts)).toISOString();
    await deps.mail.retryLater(mailId, dueAt, code);
    deps.logger.warn('mail will be retried', { ...log, error: code, dueAt });
    return 'pending';
  }
}

async function compose(deps: DeliveryDeps, record: MailRecord, policy: RetryPolicy): Promise<Composed> {
  const consultation = deps.catalogue.get(record.consultationId);
  if (!consultation) return { final: 'cancelled', reason: 'unknown_consultation' };

  if (record.kind === 'withdrawal') {
    if (!record.to || !record.submissionId || !record.withdrawnAt)
      return { final: 'failed', reason: 'incomplete' };
    if (await deps.mail.isSuppressed(addressHash(record.to)))
      return { final: 'suppressed', reason: 'suppressed' };
    return {
      message: withdrawalMail(
        consultation,
        record.to,
        record.language,
        record.submissionId,
        record.withdrawnAt,
      ),
    };
  }

  if (record.kind === 'receipt') {
    const stored = record.submissionId ? await deps.store.get(record.submissionId) : undefined;
    if (!stored) {
      // Written just before its submission: wait for it a while, then accept it was never stored.
      const age = deps.now().getTime() - Date.parse(record.createdAt);
      if (age < policy.orphanAfterMs) throw new NotYet('submission_not_stored_yet');
      return { final: 'cancelled', reason: 'no_submission' };
    }
    if (stored.submission.status === 'withdrawn') return { final: 'cancelled', reason: 'withdrawn' };
    const submission = stored.submission as Submission;
    if (await deps.mail.isSuppressed(addressHash(submission.stakeholder.email)))
      return { final: 'suppressed', reason: 'suppressed' };
    return {
      message: receiptMail(
        consultation,
        submission,
        await mintLink(deps, submission.id, submission.language),
      ),
    };
  }

  // A resend: the address's live submissions to this consultation, each with a fresh link.
  if (!record.to) return { final: 'failed', reason: 'incomplete' };
  const hash = addressHash(record.to);
  if (await deps.mail.isSuppressed(hash)) return { final: 'suppressed', reason: 'suppressed' };
  const live: Submission[] = [];
  for (const id of await deps.mail.listContacts(consultation.id, hash)) {
    const stored = await deps.store.get(id);
    if (stored && stored.submission.status !== 'withdrawn') live.push(stored.submission as Submission);
  }
  if (live.length === 0) return { final: 'nothing', reason: 'no_live_submission' };
  live.sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  const links = [];
  for (const submission of live)
    links.push({ submission, link: await mintLink(deps, submission.id, record.language) });
  return { message: resendMail(consultation, record.to, record.language, links) };
}

/**
 * A private link of its own for this mail. The first receipt token is stored only as a hash, so it
 * cannot be sent again: each mail carries a new token, recorded (as a hash) before the mail leaves,
 * so a link that arrives always works. A link minted for a send that then failed is never seen.
 * The link names the mail's language: a link opened in another browser would otherwise show the
 * page in that browser's language, not the one the message was written in.
 */
async function mintLink(deps: DeliveryDeps, submissionId: string, language: Language): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await deps.mail.addLink(submissionId, sha256(token), deps.now().toISOString());
  const url = new URL(`/submissions/${submissionId}`, deps.publicBaseUrl);
  url.search = new URLSearchParams({ token, lang: language }).toString();
  return url.toString();
}
