import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getPage,
  type ReviewFixture,
  reviewFixture,
  seed,
  signInWithForm,
  untilListed,
} from '../review/support.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath } from '../support/factories.js';

let fx: ReviewFixture;

beforeAll(async () => {
  fx = await reviewFixture();
});
afterAll(() => fx.runtime.dynamo.destroy());

describe('counts and dates in the pages', () => {
  it('writes one submission in the singular, in each language', async () => {
    await seed(fx, { organization: 'Only One' });
    await untilListed(fx, 1);
    const session = await signInWithForm(fx, 'reviewer@example.org', 'reviewer');
    const page = (lang: string) =>
      getPage(fx, `/admin/consultations/${CONSULTATION_ID}?lang=${lang}`, session);
    expect(await (await page('en')).text()).toContain('1 of 1 submission matches.');
    expect(await (await page('fr')).text()).toContain('1 contribution sur 1 correspond.');
    expect(await (await page('es')).text()).toContain('1 de 1 contribución coincide.');
  });

  it('shows the deadline day first with its time zone, never the US style', async () => {
    const en = await (await fx.app.request('/?lang=en')).text();
    expect(en).toContain('Written input is open until 31 December 2027 at 23:59 UTC.');
    expect(en).not.toMatch(/December \d+, \d{4}/);
    const fr = await (await fx.app.request('/?lang=fr')).text();
    expect(fr).toContain('31 décembre 2027 à 23:59 UTC');
  });

  it('states the receipt time once with its zone', async () => {
    const response = await postJson(fx.app, submissionsPath(), submissionBody());
    const receipt = (await response.json()) as { id: string; receiptToken: string };
    const html = await (
      await fx.app.request(
        `/submissions/${receipt.id}?token=${encodeURIComponent(receipt.receiptToken)}&lang=en`,
      )
    ).text();
    expect(html).toContain('28 November 2026 at 09:00 UTC');
    expect(html).not.toContain('UTC UTC');
  });

  it('counts characters in the limits the form and the errors state', async () => {
    const form = await (await fx.app.request(`/consultations/${CONSULTATION_ID}/submit?lang=en`)).text();
    expect(form).toContain('Up to 10,000 characters for each answer.');
    const response = await postJson(
      fx.app,
      `${submissionsPath()}?lang=fr`,
      submissionBody({ answers: { Q1: 'x'.repeat(10_001) } }),
    );
    const body = (await response.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields[0]?.message).toBe('C’est trop long : 10\u202f000 caractères au plus.');
  });
});
