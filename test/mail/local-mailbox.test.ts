import { describe, expect, it } from 'vitest';
import { startLocalMail } from '../../functions/local/mail.js';
import { mailboxRoutes } from '../../functions/local/mailbox.js';
import { createLogger } from '../../shared/logger.js';
import { CONSULTATION_ID, testApp } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';
import { eventually, uniqueAddress } from './support.js';

interface Listed {
  to: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

describe('the local runner’s mail', () => {
  it('delivers a form submission’s receipt to the local mailbox by itself, with a link that opens it', async () => {
    const runtime = await createTestRuntime({ MAIL_INTERVAL_SECONDS: 0 });
    const mail = await startLocalMail(runtime, {
      publicBaseUrl: 'http://localhost:3999',
      logger: createLogger('test', 'SILENT'),
      onError: (error) => expect.fail(String(error)),
    });
    try {
      const app = testApp(runtime, { mail: mail.deps });
      const mailbox = mailboxRoutes(mail.catcher);
      const email = uniqueAddress('local');
      const form = new URLSearchParams({
        idempotencyKey: `local-${email}`,
        'stakeholder.organization': 'Ayuntamiento de Ejemplo',
        'stakeholder.email': email,
        'stakeholder.type': 'local_authority',
        'stakeholder.country': 'ES',
        language: 'es',
        'answers.Q2': 'Una ventanilla única con asesoría jurídica en seis idiomas.',
        'consent.quote': 'yes',
      });
      const posted = await app.request(`/consultations/${CONSULTATION_ID}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: form.toString(),
      });
      expect(posted.status).toBe(303);

      // No timer runs (MAIL_INTERVAL_SECONDS=0): only the wake-up after the submission delivers it.
      const receipt = await eventually(async () => {
        const listed = (await (await mailbox.request('/local/mailbox.json')).json()) as Listed[];
        return listed.find((m) => m.to === email);
      }, 'the receipt in the local mailbox');
      expect(Object.keys(receipt).sort()).toEqual(['html', 'receivedAt', 'subject', 'text', 'to']);
      expect(receipt.subject).toBe('Hemos recibido su aportación: Ayuntamiento de Ejemplo');

      const link = receipt.text.match(/http:\/\/localhost:3999(\/submissions\/\S+)/)?.[1];
      expect(link).toBeDefined();
      const page = await app.request(link ?? '');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Ayuntamiento de Ejemplo');

      const html = await (await mailbox.request('/local/mailbox')).text();
      expect(html).toContain(`href="http://localhost:3999${link?.replace('&', '&amp;')}"`);
      // The app the Lambda runs has no such route.
      expect((await app.request('/local/mailbox.json')).status).toBe(404);
    } finally {
      await mail.stop();
    }
  });
});
