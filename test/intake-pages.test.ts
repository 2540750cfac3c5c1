import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../shared/consultation.js';
import type { Runtime } from '../shared/runtime.js';
import { CONSULTATION_ID, testApp } from './support/factories.js';
import { createTestRuntime } from './support/runtime.js';

let runtime: Runtime;
let app: ReturnType<typeof testApp>;
const ORIGIN = 'http://localhost';
const formPath = `/consultations/${CONSULTATION_ID}/submit`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  app = testApp(runtime);
});
afterAll(() => runtime.dynamo.destroy());

function validForm(overrides: Record<string, string> = {}) {
  return new URLSearchParams({
    idempotencyKey: crypto.randomUUID(),
    'stakeholder.organization': 'Association des femmes migrantes',
    'stakeholder.contactName': '',
    'stakeholder.email': 'contact@example.org',
    'stakeholder.type': 'civil_society',
    'stakeholder.country': 'SN',
    language: '',
    'answers.Q1': '',
    'answers.Q2': 'Des permanences juridiques gratuites dans chaque mairie, avec des interprètes.',
    'answers.Q3': '',
    'consent.quote': 'yes',
    ...overrides,
  });
}

function postForm(form: URLSearchParams, headers: Record<string, string> = { origin: ORIGIN }) {
  return app.request(formPath, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form.toString(),
  });
}

describe('the landing page', () => {
  it('shows the session, its eight recommendations and three questions, and links onward', async () => {
    const response = await app.request('/');
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Working Session I');
    expect(html).toContain('Palais des Nations');
    expect(html.match(/<li id="R\d"/g)).toHaveLength(8);
    expect(html.match(/<li id="Q\d"/g)).toHaveLength(3);
    expect(html).toContain(`href="${formPath}"`);
    expect(html).toContain(`href="/consultations/${CONSULTATION_ID}/report"`);
  });

  it('follows the language switch, then remembers it in a cookie', async () => {
    const response = await app.request('/?lang=es');
    const html = await response.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Preguntas orientativas');
    expect(response.headers.get('set-cookie')).toMatch(/lang=es/);
    const again = await (await app.request('/', { headers: { cookie: 'lang=es' } })).text();
    expect(again).toContain('Preguntas orientativas');
  });

  it('describes the session in French and Spanish too, every text of every shipped consultation', async () => {
    expect(await (await app.request('/?lang=fr')).text()).toContain(
      'Cette séance porte sur le groupe thématique 1',
    );
    expect(await (await app.request('/?lang=es')).text()).toContain(
      'Esta sesión se centra en el grupo temático 1',
    );
    const untranslated: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (value && typeof value === 'object' && 'en' in value) {
        for (const lang of ['fr', 'es']) if (!(lang in value)) untranslated.push(`${path} ${lang}`);
      } else if (value && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    };
    for (const consultation of loadCatalogue().all()) walk(consultation, consultation.id);
    expect(untranslated).toEqual([]);
  });

  it('takes the language from Accept-Language when no switch was used', async () => {
    const html = await (
      await app.request('/', { headers: { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' } })
    ).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Questions directrices');
  });

  it('has an icon, linked from every page and at /favicon.ico where browsers look anyway', async () => {
    const html = await (await app.request('/')).text();
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('answers an unknown page with a 404 page, not JSON', async () => {
    const response = await app.request('/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});

describe('the submission form', () => {
  it('has a labelled field for everything the API takes, and the privacy notice', async () => {
    const html = await (await app.request(formPath)).text();
    for (const name of [
      'stakeholder.organization',
      'stakeholder.contactName',
      'stakeholder.email',
      'stakeholder.type',
      'stakeholder.country',
      'language',
      'answers.Q1',
      'answers.Q2',
      'answers.Q3',
      'consent.quote',
      'consent.attribution',
    ]) {
      const id = `f-${name.replaceAll('.', '-')}`;
      expect(html).toContain(`name="${name}"`);
      expect(html).toContain(`for="${id}"`);
    }
    expect(html).toContain('never appear in any report');
    expect(html).toContain('<option value="PH">Philippines</option>');
  });

  it('re-shows the form with the input kept and each error beside its field', async () => {
    const form = validForm({
      'stakeholder.organization': 'Org <script>alert(1)</script>',
      'stakeholder.email': 'not-an-email',
      'answers.Q2': '',
    });
    const response = await postForm(form);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('id="f-stakeholder-email-error"');
    expect(html).toContain('Please enter a valid e-mail address.');
    expect(html).toContain('Please answer at least one question, or attach a document.');
    expect(html).toContain('value="Org &lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('aria-invalid="true"');
  });

  it('names each field in the error summary, links it to the field, and focuses the summary', async () => {
    const html = await (
      await postForm(
        validForm({ 'stakeholder.organization': '', 'stakeholder.email': 'not-an-email', 'answers.Q2': '' }),
      )
    ).text();
    const start = html.indexOf('class="panel error error-summary"');
    const summary = html.slice(start, html.indexOf('</ul>', start));
    // Focus lands on the summary without a script: autofocus on an element that can take focus.
    expect(html).toMatch(
      /<div class="panel error error-summary" role="alert" aria-labelledby="error-summary" tabindex="-1" autofocus="">/,
    );
    expect(summary).toContain('<a href="#f-stakeholder-organization">Organisation: This is required.</a>');
    expect(summary).toContain(
      '<a href="#f-stakeholder-email">E-mail address: Please enter a valid e-mail address.</a>',
    );
    // "Answer at least one" leads to the first answer box.
    expect(summary).toContain('<a href="#f-answers-Q1">Your answers: Please answer at least one question');
    expect(html).toContain('<title>Error: Send your written input');
    // Each target exists, so every link lands on its field.
    for (const id of ['f-stakeholder-organization', 'f-stakeholder-email', 'f-answers-Q1'])
      expect(html).toContain(`id="${id}"`);

    const french = await (
      await app.request(`${formPath}?lang=fr`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: validForm({ 'answers.Q2': '', 'answers.Q3': 'x'.repeat(20_001) }).toString(),
      })
    ).text();
    expect(french).toMatch(/<a href="#f-answers-Q3">Question 3 : [^<]+<\/a>/);
  });

  it('keeps what was typed when the language is switched, without JavaScript', async () => {
    const blank = await (await app.request(formPath)).text();
    // The switch is buttons that submit the form itself, to the same form in the other language.
    expect(blank).toContain('<form id="submission-form" method="post"');
    expect(blank).toContain(
      `<button type="submit" form="submission-form" formaction="${formPath}?lang=fr" name="switchLanguage" value="fr" lang="fr">Français</button>`,
    );

    const key = crypto.randomUUID();
    const typed = validForm({
      idempotencyKey: key,
      'stakeholder.organization': 'Réseau <b>des villes</b>',
      'stakeholder.email': '',
      'answers.Q1': 'Half of my answer, and',
      switchLanguage: 'es',
    });
    const response = await app.request(`${formPath}?lang=es`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: typed.toString(),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('value="Réseau &lt;b&gt;des villes&lt;/b&gt;"');
    expect(html).toContain('>Half of my answer, and</textarea>');
    expect(html).toContain('<option value="civil_society" selected="">');
    expect(html).toContain('<option value="SN" selected="">');
    expect(html).toContain(`name="idempotencyKey" value="${key}"`);
    expect(html).toMatch(/name="consent.quote" value="yes" checked=""/);
    // Nothing was sent, so nothing is refused yet: no error for the empty e-mail.
    expect(html).not.toContain('error-summary');
    expect(html).not.toContain('switchLanguage" value="es" lang="es"><');
    // And nothing was stored: the same key still makes one submission.
    const sent = await postForm(validForm({ idempotencyKey: key }));
    expect(sent.status).toBe(303);
  });

  it('says a blank choice is required instead of listing codes', async () => {
    const html = await (
      await postForm(validForm({ 'stakeholder.type': '', 'stakeholder.country': '' }))
    ).text();
    expect(html).toContain('id="f-stakeholder-type-error"');
    expect(html).not.toContain('member_state, local_authority');
    expect(html.match(/This is required\./g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('stores a valid form and redirects to the receipt, which escapes what the user wrote', async () => {
    const form = validForm({ 'stakeholder.organization': 'Collectif <script>alert("x")</script> & co' });
    const response = await postForm(form);
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/submissions\/[0-9A-Z]{26}\?token=[\w-]+&sent=1$/);
    const receipt = await app.request(location);
    const html = await receipt.text();
    expect(receipt.status).toBe(200);
    expect(html).toContain('Thank you. We have received your input.');
    expect(html).toContain('Collectif &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Des permanences juridiques gratuites');
  });

  it('stores a double-clicked form once', async () => {
    const form = validForm({ 'answers.Q2': 'double click marker' });
    const first = (await postForm(form)).headers.get('location');
    const second = (await postForm(form)).headers.get('location');
    expect(first?.split('?')[0]).toBe(second?.split('?')[0]);
  });

  it('refuses a form posted from another site', async () => {
    const response = await postForm(validForm(), { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('sent from another site');
  });

  it('asks for confirmation before withdrawing, with plain forms that need no JavaScript', async () => {
    const location =
      (await postForm(validForm({ 'answers.Q2': 'withdraw me' }))).headers.get('location') ?? '';
    const [path, query] = location.split('?');
    const token = new URLSearchParams(query).get('token') ?? '';
    const withdrawUrl = `${path}/withdraw?token=${encodeURIComponent(token)}`;

    // The private page's button is a GET form that leads to the question, not the erasure.
    const receipt = await (await app.request(location)).text();
    expect(receipt).toMatch(new RegExp(`<form method="get" action="${path}/withdraw">`));
    expect(receipt).not.toMatch(/<form method="post" action="[^"]*\/withdraw"/);

    // A post without the confirmation (an old page, a stray click) is asked first and erases nothing.
    const unconfirmed = await app.request(`${path}/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.get('location')).toBe(withdrawUrl);
    expect(await (await app.request(location)).text()).toContain('withdraw me');

    const question = await app.request(withdrawUrl);
    expect(question.status).toBe(200);
    const html = await question.text();
    expect(html).toContain('<h1>Withdraw your input?</h1>');
    expect(html).toContain('<input type="hidden" name="confirm" value="yes"/>');
    expect(html).toContain('Yes, withdraw and erase my input');
    expect(html).toContain(`href="${location.replace('&sent=1', '').replace(/&/g, '&amp;')}"`);
    expect((await app.request(`${path}/withdraw?token=wrong`)).status).toBe(404);

    const response = await app.request(`${path}/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ token, confirm: 'yes' }).toString(),
    });
    expect(response.status).toBe(303);
    const page = await (await app.request(response.headers.get('location') ?? '')).text();
    expect(page).toContain('Your input has been withdrawn and erased.');
    expect(page).not.toContain('withdraw me');
    // Once withdrawn, the question leads back to the private page.
    expect((await app.request(withdrawUrl)).status).toBe(303);
  });

  it('shows a 404 page for a private link with a wrong token', async () => {
    const location = (await postForm(validForm())).headers.get('location') ?? '';
    const response = await app.request(location.replace(/token=[\w-]+/, 'token=wrong'));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Check the link in your receipt');
  });
});

describe('the API reference page', () => {
  it('lists the public operations from the OpenAPI document', async () => {
    const html = await (await app.request('/api-reference')).text();
    expect(html).toContain('/api/consultations/{id}/submissions');
    expect(html).toContain('<code>DELETE</code>');
    expect(html).toContain('href="/api/openapi.json"');
  });
});
