import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESENDS_PER_ADDRESS_PER_HOUR } from '../../shared/mail/outbox.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath, testApp } from '../support/factories.js';
import { drainOutbox, linkIn, type MailWorld, mailTo, mailWorld, uniqueAddress } from './support.js';

let world: MailWorld;
beforeAll(async () => {
  world = await mailWorld();
});
afterAll(async () => {
  await world.close();
});

const resendPath = `/api/consultations/${CONSULTATION_ID}/receipts/resend`;

async function submitAs(email: string, organization: string) {
  const body = submissionBody({
    stakeholder: { organization, email, type: 'civil_society', country: 'SN' },
  });
  const response = await postJson(world.app, submissionsPath(), body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('send me my link again', () => {
  it('answers the same for an address that sent input and one that did not, and writes only to the first', async () => {
    const known = uniqueAddress('known');
    const unknown = uniqueAddress('unknown');
    const first = await submitAs(known, 'Migrant Rights Network');
    const second = await submitAs(known.toUpperCase(), 'Migrant Rights Network, Dakar office');
    await drainOutbox(world);
    const receipts = mailTo(world.catcher, known).length + mailTo(world.catcher, known.toUpperCase()).length;

    const answers = [];
    for (const email of [known, unknown]) {
      const response = await postJson(world.app, resendPath, { email });
      answers.push({ status: response.status, body: await response.json() });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.status).toBe(202);

    await drainOutbox(world);
    expect(mailTo(world.catcher, unknown)).toEqual([]);
    const sent = mailTo(world.catcher, known);
    expect(sent.length + mailTo(world.catcher, known.toUpperCase()).length).toBe(receipts + 1);
    const resent = sent.find((m) => m.subject.startsWith('Your private links'));
    expect(resent?.envelopeTo).toEqual([known]);
    expect(resent?.text).toContain('2 inputs');
    // Each link is new, and opens its own submission.
    const links = [
      ...(resent?.text ?? '').matchAll(/https:\/\/consult\.example\.org\/submissions\/\S+/g),
    ].map(([url]) => new URL(url));
    expect(links.map((l) => l.pathname.split('/').pop()).sort()).toEqual([first, second].sort());
    for (const link of links) {
      const id = link.pathname.split('/').pop();
      const viewed = await world.app.request(`/api/submissions/${id}`, {
        headers: { authorization: `Bearer ${link.searchParams.get('token')}` },
      });
      expect(viewed.status).toBe(200);
    }
  });

  it('leaves out withdrawn input, and sends nothing when none is left', async () => {
    const email = uniqueAddress('withdrawn');
    const id = await submitAs(email, 'Diaspora Forum');
    await drainOutbox(world);
    const receipt = mailTo(world.catcher, email)[0];
    const { token } = linkIn(receipt ?? expect.fail('no receipt'));
    // Withdrawn through the mailed link, which works as the first one does.
    const gone = await world.app.request(`/api/submissions/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(gone.status).toBe(200);
    await drainOutbox(world);
    const before = mailTo(world.catcher, email).length;
    expect((await postJson(world.app, resendPath, { email })).status).toBe(202);
    await drainOutbox(world);
    expect(mailTo(world.catcher, email)).toHaveLength(before);
  });

  it(`sends at most ${RESENDS_PER_ADDRESS_PER_HOUR} an hour to one address, answering every request the same`, async () => {
    const email = uniqueAddress('flood');
    await submitAs(email, 'City of Example');
    await drainOutbox(world);
    for (let i = 0; i < RESENDS_PER_ADDRESS_PER_HOUR + 2; i++) {
      const response = await postJson(world.app, resendPath, { email });
      expect(response.status).toBe(202);
    }
    await drainOutbox(world);
    const resent = mailTo(world.catcher, email).filter((m) => m.subject.startsWith('Your private links'));
    expect(resent).toHaveLength(RESENDS_PER_ADDRESS_PER_HOUR);
  });

  it('limits one client to a few requests a minute', async () => {
    const app = testApp(world.runtime, { mail: { mail: world.mail }, resendsPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await postJson(app, resendPath, { email: uniqueAddress() })).status);
    expect(statuses).toEqual([202, 202, 429]);
  });

  it('names the field when the address is not one', async () => {
    const response = await postJson(world.app, resendPath, { email: 'not an address' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { fields: { path: string }[] } };
    expect(body.error.fields.map((f) => f.path)).toEqual(['email']);
  });

  it('works as a page without JavaScript, in the page’s language', async () => {
    const email = uniqueAddress('page');
    await submitAs(email, 'Observatorio de Migraciones');
    await drainOutbox(world);
    const form = await world.app.request(`/consultations/${CONSULTATION_ID}/receipts/resend?lang=es`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Recibir de nuevo mi enlace');
    const sent = await world.app.request(`/consultations/${CONSULTATION_ID}/receipts/resend?lang=es`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email }).toString(),
    });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('un mensaje con sus enlaces privados está en camino');
    await drainOutbox(world);
    const subjects = mailTo(world.catcher, email).map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith('Sus enlaces privados: '))).toHaveLength(1);
  });
});
