import { z } from 'zod';
import { addressHash } from './addresses.js';
import type { MailStore } from './ports.js';

/**
 * SES's bounce and complaint events, as its configuration set's event destination puts them on the
 * default EventBridge bus. Only a permanent bounce or a complaint suppresses an address: a transient
 * bounce (a full mailbox) says nothing about the next message.
 */
const recipients = z.array(z.looseObject({ emailAddress: z.string().min(3) }));
const sesEventSchema = z.looseObject({
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  detail: z.looseObject({
    eventType: z.string(),
    bounce: z.looseObject({ bounceType: z.string(), bouncedRecipients: recipients }).optional(),
    complaint: z.looseObject({ complainedRecipients: recipients }).optional(),
  }),
});

export function isSesEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { source?: unknown }).source === 'aws.ses';
}

/** Records the addresses an SES event says must not be written to again; answers how many. */
export async function recordSesEvent(mail: MailStore, event: unknown, at: string): Promise<number> {
  const { detail } = sesEventSchema.parse(event);
  const suppressed =
    detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent'
      ? detail.bounce.bouncedRecipients.map((r) => ({ address: r.emailAddress, reason: 'bounce' }))
      : detail.eventType === 'Complaint'
        ? (detail.complaint?.complainedRecipients ?? []).map((r) => ({
            address: r.emailAddress,
            reason: 'complaint',
          }))
        : [];
  for (const { address, reason } of suppressed) await mail.suppress(addressHash(address), reason, at);
  return suppressed.length;
}
