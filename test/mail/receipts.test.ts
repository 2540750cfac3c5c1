import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../shared/http/i18n/index.js';
import { addressHash } from '../../shared/mail/addresses.js';
import { deliverDue } from '../../shared/mail/delivery.js';
import { mailIds } from '../../shared/mail/outbox.js';
import { recordSesEvent } from '../../shared/mail/ses-events.js';
import { docx } from '../documents/samples.js';
import { uploadDocument } from '../documents/support.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath } from '../support/factories.js';
import { drainOutbox, linkIn, type MailWorld, mailTo, mailWorld, uniqueAddress } from './support.js';

/** An SES event as the configuration set's EventBridge destination delivers it (trimmed to what is read). */
function sesEvent(eventType: 'Bounce' | 'Complaint', address: string, bounceType?: string) {
  const recipients = [{ emailAddress: address }];
  return {
    version: '0',
    source: 'aws.ses',
    'detail-type': eventType === 'Bounce' ? 'Email Bounced' : 'Email Complaint Received',
    detail: {
      eventType,
      mail: { messageId: 'example', destination: [address] },
      ...(eventType === 'Bounce'
        ? { bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: recipients } }
        : { complaint: { complainedRecipients: recipients } }),
    },
  };
}

let world: MailWorld;
beforeAll(async () => {
  world = await mailWorld();
});
afterAll(async () => {
  await world.close();
});

async function submit(overrides: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await postJson(world.app, submissionsPath(), submissionBody(overrides), headers);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; receiptToken: string };
}

const stakeholder = (email: string, organization = 'Ministry of Labour') => ({
  organization,
  email,
  type: 'member_state',
  country: 'PH',
});

describe('the receipt e-mail', () => {
  const closes = () => world.runtime.catalogue.get(CONSULTATION_ID)?.submissionWindow.closesAt ?? '';

  it.each([
    ['en', 'We received your input: Ministry of Labour', '2 guiding questions answered', 'Withdraw my input'],
    [
      'fr',
      'Nous avons reçu votre contribution : Ministry of Labour',
      '2 questions directrices traitées',
      'Retirer ma contribution',
    ],
    [
      'es',
      'Hemos recibido su aportación: Ministry of Labour',
      '2 preguntas orientativas respondidas',
      'Retirar mi aportación',
    ],
  ] as const)(
    'arrives in %s with a private link that opens the submission',
    async (language, subject, answered, button) => {
      const email = uniqueAddress(language);
      const { id } = await submit({
        language,
        stakeholder: stakeholder(email),
        answers: { Q1: 'A joint committee on labour migration.', Q2: 'A welcome desk with legal advice.' },
        consent: { quote: true, attribution: false },
      });
      expect(mailTo(world.catcher, email)).toEqual([]);

      await drainOutbox(world);
      const [receipt, ...more] = mailTo(world.catcher, email);
      expect(more).toEqual([]);
      expect(receipt?.to).toBe(email);
      expect(receipt?.subject).toBe(subject);
      const text = receipt?.text ?? '';
      expect(text).toContain(answered);
      expect(text).toContain(id);
      expect(text).toContain(button);
      // The time it arrived and the closing date, both with their zone.
      const submitted = (await world.runtime.store.get(id))?.submission.submittedAt ?? '';
      expect(text).toContain(formatDateTime(submitted, language));
      expect(text).toContain(formatDateTime(closes(), language));
      expect(formatDateTime(closes(), language)).toMatch(/UTC/);

      // The link is built from the public address and opens this submission, through the API and the page.
      const link = linkIn(receipt ?? expect.fail('no receipt'));
      expect(link.id).toBe(id);
      const viewed = await world.app.request(`/api/submissions/${id}`, {
        headers: { authorization: `Bearer ${link.token}` },
      });
      expect(viewed.status).toBe(200);
      expect(((await viewed.json()) as { id: string }).id).toBe(id);
      // It opens in the message's language, whatever the browser that opens it prefers.
      expect(link.lang).toBe(language);
      const page = await world.app.request(`${link.url.pathname}${link.url.search}`, {
        headers: { 'accept-language': language === 'en' ? 'es' : 'en' },
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`lang="${language}"`);
      // And the HTML part carries the same link.
      expect(receipt?.html).toContain(`href="${link.url.toString().replace('&', '&amp;')}"`);
    },
  );

  it('says what will be published under the consent given', async () => {
    const email = uniqueAddress('consent');
    await submit({ stakeholder: stakeholder(email), consent: { quote: false, attribution: true } });
    await drainOutbox(world);
    const text = mailTo(world.catcher, email)[0]?.text ?? '';
    expect(text).toContain('Your words will not be quoted.');
    expect(text).toContain('Your organisation may be named.');
    expect(text).toContain('Your e-mail address and contact name are never published.');
  });

  it('names the document sent with the submission', async () => {
    const email = uniqueAddress('document');
    const bytes = await docx({
      sections: [{ paragraphs: ['Labour migration needs bilateral agreements.'] }],
    });
    const upload = await uploadDocument(world.app, bytes, 'our-input.docx');
    await submit({
      stakeholder: stakeholder(email),
      answers: undefined,
      document: { uploadId: upload.uploadId },
    });
    await drainOutbox(world);
    const text = mailTo(world.catcher, email)[0]?.text ?? '';
    expect(text).toContain('our-input.docx');
    expect(text).toContain('No typed answers');
  });

  it('the receipt page says the e-mail is on its way', async () => {
    const email = uniqueAddress('page');
    const { id, receiptToken } = await submit({ stakeholder: stakeholder(email) });
    const page = await world.app.request(`/submissions/${id}?token=${receiptToken}&sent=1`);
    expect(await page.text()).toContain(`is on its way to ${email}`);
  });

  it('is sent once for a retried POST with the same Idempotency-Key', async () => {
    const email = uniqueAddress('idempotent');
    const body = submissionBody({ stakeholder: stakeholder(email) });
    const headers = { 'Idempotency-Key': `mail-${email}` };
    const first = await postJson(world.app, submissionsPath(), body, headers);
    await drainOutbox(world);
    const again = await postJson(world.app, submissionsPath(), body, headers);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    await drainOutbox(world);
    expect(mailTo(world.catcher, email)).toHaveLength(1);
  });

  it('is retried while the mail server is down, and sent once when it is back', async () => {
    const email = uniqueAddress('outage');
    await world.smtp.cut();
    const { id } = await submit({ stakeholder: stakeholder(email) });
    try {
      const first = await deliverDue(world.delivery);
      expect(first.retried).toBeGreaterThanOrEqual(1);
      const queued = await world.mail.get(mailIds.receipt(id));
      expect(queued).toMatchObject({ state: 'pending', attempts: 1 });
      expect(queued?.lastError).toBeDefined();
      // Not due again yet: a round now leaves it alone.
      expect((await deliverDue(world.delivery)).retried).toBe(0);
      world.clock.aheadMs += 60_000;
      expect((await deliverDue(world.delivery)).retried).toBeGreaterThanOrEqual(1);
      expect((await world.mail.get(mailIds.receipt(id)))?.attempts).toBe(2);
    } finally {
      await world.smtp.restore();
    }
    expect(mailTo(world.catcher, email)).toEqual([]);
    world.clock.aheadMs += 10 * 60_000;
    await drainOutbox(world);
    await drainOutbox(world);
    expect(mailTo(world.catcher, email)).toHaveLength(1);
    expect(await world.mail.get(mailIds.receipt(id))).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('is not written to an address that bounced or complained, as SES reports them', async () => {
    const bounced = uniqueAddress('bounced');
    const complained = uniqueAddress('complained');
    const softly = uniqueAddress('full-mailbox');
    const at = new Date().toISOString();
    expect(await recordSesEvent(world.mail, sesEvent('Bounce', bounced, 'Permanent'), at)).toBe(1);
    expect(await recordSesEvent(world.mail, sesEvent('Complaint', complained), at)).toBe(1);
    // A full mailbox says nothing about the next message.
    expect(await recordSesEvent(world.mail, sesEvent('Bounce', softly, 'Transient'), at)).toBe(0);
    const ids = [];
    for (const email of [bounced, complained, softly])
      ids.push((await submit({ stakeholder: stakeholder(email) })).id);
    await drainOutbox(world);
    const states = await Promise.all(
      ids.map(async (id) => (await world.mail.get(mailIds.receipt(id)))?.state),
    );
    expect(states).toEqual(['suppressed', 'suppressed', 'sent']);
    expect(mailTo(world.catcher, bounced)).toEqual([]);
    expect(mailTo(world.catcher, complained)).toEqual([]);
    expect(mailTo(world.catcher, softly)).toHaveLength(1);
    expect(await world.mail.isSuppressed(addressHash(bounced.toUpperCase()))).toBe(true);
  });

  it('escapes what the submitter typed in the HTML and keeps it out of the headers', async () => {
    const email = uniqueAddress('hostile');
    const victim = uniqueAddress('victim');
    const organization = `<script>alert(1)</script> <img src="https://tracker.example/x.gif"> & Co\r\nBcc: ${victim}\r\nX-Injected: yes`;
    await submit({ stakeholder: stakeholder(email, organization) });
    await drainOutbox(world);
    const [receipt] = mailTo(world.catcher, email);
    expect(receipt?.envelopeTo).toEqual([email]);
    expect(mailTo(world.catcher, victim)).toEqual([]);
    expect(receipt?.headerNames).not.toContain('bcc');
    expect(receipt?.headerNames).not.toContain('x-injected');
    expect(receipt?.subject).not.toMatch(/[\r\n]/);
    expect(receipt?.subject).toContain(`Bcc: ${victim}`);
    const html = receipt?.html ?? '';
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&amp; Co');
    // No remote image, style or pixel: the only URLs are the private link's.
    for (const [url] of html.matchAll(/https?:\/\/[^"'\s<]+/g))
      expect(
        url.startsWith('https://consult.example.org/') || url.startsWith('https://tracker.example/x.gif'),
      ).toBe(true);
    expect(html).not.toMatch(/<(img|link|script|iframe)\b/i);
  });
});

describe('the withdrawal confirmation', () => {
  it('follows a withdrawal, and a receipt still queued for it is cancelled', async () => {
    const email = uniqueAddress('withdraw');
    const { id, receiptToken } = await submit({ stakeholder: stakeholder(email) });
    const gone = await world.app.request(`/api/submissions/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${receiptToken}` },
    });
    expect(gone.status).toBe(200);
    await drainOutbox(world);
    const messages = mailTo(world.catcher, email);
    expect(messages.map((m) => m.subject)).toEqual([expect.stringContaining('Your input was withdrawn')]);
    expect(messages[0]?.text).toContain(id);
    expect(await world.mail.get(mailIds.receipt(id))).toMatchObject({ state: 'cancelled' });
    // The confirmation's record no longer holds the address.
    expect((await world.mail.get(mailIds.withdrawal(id)))?.to).toBeUndefined();
  });
});
