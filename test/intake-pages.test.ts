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

  it('lets the submitter withdraw from the private page', async () => {
    const location =
      (await postForm(validForm({ 'answers.Q2': 'withdraw me' }))).headers.get('location') ?? '';
    const [path, query] = location.split('?');
    const token = new URLSearchParams(query).get('token') ?? '';
    const response = await app.request(`${path}/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(response.status).toBe(303);
    const page = await (await app.request(response.headers.get('location') ?? '')).text();
    expect(page).toContain('Your input has been withdrawn and erased.');
    expect(page).not.toContain('withdraw me');
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
