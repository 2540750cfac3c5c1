import type { Consultation, Language } from '../consultation.js';
import type { Submission } from '../submission.js';
import { addressHash } from './addresses.js';
import type { MailStore } from './ports.js';

/**
 * The request side of the outbox: what intake, withdrawal and "send me my link again" write. Nothing
 * here talks to a mail server: a worker (shared/mail/delivery.ts) sends after the answer has gone.
 */
export interface MailDeps {
  mail: MailStore;
  /**
   * Tells the worker there is mail, so it need not wait for its next round: the local timer's
   * "run now", an asynchronous invoke of the mailer function on AWS. A lost wake-up only delays
   * the mail until that round.
   */
  wake?: () => Promise<void>;
}

/** Ids that make each mail once: a retried request finds its mail already there and adds nothing. */
export const mailIds = {
  receipt: (submissionId: string) => `receipt.${submissionId}`,
  withdrawal: (submissionId: string) => `withdrawal.${submissionId}`,
  resend: (consultationId: string, hash: string, window: number, slot: number) =>
    `resend.${consultationId}.${hash.slice(0, 32)}.${window}.${slot}`,
};

/** "Send me my link again" mails one address may get per hour and consultation, however often it is asked. */
export const RESENDS_PER_ADDRESS_PER_HOUR = 3;

/**
 * Written before the submission itself, so that every stored submission has its receipt waiting:
 * a crash after this and before the submission leaves a receipt for a submission that does not
 * exist, which the worker cancels. Both writes are idempotent (the contact is a plain put of the
 * same item, the mail a conditional put under an id made from the submission's).
 */
export async function prepareReceipt(deps: MailDeps, submission: Submission): Promise<void> {
  await deps.mail.saveContact(
    submission.consultationId,
    addressHash(submission.stakeholder.email),
    submission.id,
  );
  await deps.mail.enqueue({
    mailId: mailIds.receipt(submission.id),
    kind: 'receipt',
    consultationId: submission.consultationId,
    submissionId: submission.id,
    language: submission.language,
    createdAt: submission.submittedAt,
  });
}

/**
 * After a withdrawal: the confirmation carries the address itself, since the tombstone no longer
 * does, and the address stops finding the submission. Best effort: the withdrawal has happened, and
 * a store that fails now must not make it look as if it had not.
 */
export async function confirmWithdrawal(deps: MailDeps, submission: Submission, withdrawnAt: string) {
  try {
    await deps.mail.enqueue({
      mailId: mailIds.withdrawal(submission.id),
      kind: 'withdrawal',
      consultationId: submission.consultationId,
      submissionId: submission.id,
      to: submission.stakeholder.email,
      language: submission.language,
      createdAt: withdrawnAt,
      withdrawnAt,
    });
    await deps.mail.forgetContact(
      submission.consultationId,
      addressHash(submission.stakeholder.email),
      submission.id,
    );
    await wake(deps);
  } catch {
    // The worker's cancelled receipt and the missing confirmation are the only traces; see above.
  }
}

/**
 * Queues "send me my links" for an address. The answer is the same whether or not the address sent
 * anything (the worker finds out, and sends nothing to an unknown one). Past the hourly allowance the
 * request is dropped with the same answer: a refusal would tell the asker that someone else had
 * asked for this address, and the allowance is what stops the form from flooding a mailbox.
 */
export async function requestResend(
  deps: MailDeps,
  consultation: Consultation,
  email: string,
  language: Language,
  now: Date,
): Promise<'queued' | 'limited'> {
  const hash = addressHash(email);
  const window = Math.floor(now.getTime() / 3_600_000);
  for (let slot = 0; slot < RESENDS_PER_ADDRESS_PER_HOUR; slot++) {
    const outcome = await deps.mail.enqueue({
      mailId: mailIds.resend(consultation.id, hash, window, slot),
      kind: 'resend',
      consultationId: consultation.id,
      to: email,
      language,
      createdAt: now.toISOString(),
    });
    if (outcome === 'created') {
      await wake(deps);
      return 'queued';
    }
  }
  return 'limited';
}

/** Wakes the worker; a failure only delays the mail until the worker's next round. */
export async function wake(deps: MailDeps): Promise<void> {
  await deps.wake?.().catch(() => {});
}
