import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadKey } from '../../shared/documents/model.js';
import type { Runtime } from '../../shared/runtime.js';
import type { Submission } from '../../shared/submission.js';
import { CONSULTATION_ID, testApp } from '../support/factories.js';
import { FREE_FORM, pdf } from './samples.js';
import { documentsApp } from './support.js';

const ORIGIN = 'http://localhost';
const formPath = `/consultations/${CONSULTATION_ID}/submit`;

let runtime: Runtime;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  ({ runtime, app } = await documentsApp());
});
afterAll(() => runtime.dynamo.destroy());

const htmlDecode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"');

/** The document step's form as a browser sees it: where it posts, and its hidden fields in order. */
function uploadFormOf(html: string) {
  const form = html.match(
    /<form method="post" action="([^"]+)" enctype="multipart\/form-data">([\s\S]*?)<\/form>/,
  );
  if (!form) throw new Error('no upload form on the page');
  const fields = [...(form[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(
    ([, name, value]) => [name ?? '', htmlDecode(value ?? '')] as const,
  );
  return { action: htmlDecode(form[1] ?? ''), fields, body: form[2] ?? '' };
}

/** A browser without JavaScript: posts the form and the file straight to the store, then follows its redirect. */
async function attach(
  bytes: Uint8Array,
  filename: string,
): Promise<{ location: URL; html: string; status: number }> {
  const page = await (await app.request(formPath)).text();
  const { action, fields } = uploadFormOf(page);
  const multipart = new FormData();
  for (const [name, value] of fields) multipart.append(name, value);
  multipart.append('file', new Blob([new Uint8Array(bytes)]), filename);
  const stored = await fetch(action, { method: 'POST', body: multipart, redirect: 'manual' });
  expect(stored.status).toBe(303);
  const location = new URL(stored.headers.get('location') ?? '');
  const back = await app.request(location.pathname + location.search);
  return { location, html: await back.text(), status: back.status };
}

function mainForm(uploadId: string) {
  return new URLSearchParams({
    idempotencyKey: crypto.randomUUID(),
    'stakeholder.organization': 'Association des femmes migrantes',
    'stakeholder.email': 'contact@example.org',
    'stakeholder.type': 'civil_society',
    'stakeholder.country': 'SN',
    'consent.quote': 'yes',
    'document.uploadId': uploadId,
  });
}

describe('the form without JavaScript, with a document', () => {
  it('offers a document step that posts straight to the store, which the page’s policy allows', async () => {
    const response = await app.request(formPath);
    const html = await response.text();
    const { action, fields, body } = uploadFormOf(html);
    expect(new URL(action).origin).toBe(runtime.documents.uploadOrigin);
    const names = fields.map(([name]) => name);
    expect(names).toContain('key');
    expect(names).toContain('success_action_redirect');
    expect(fields.find(([name]) => name === 'key')?.[1]).toMatch(
      new RegExp(`^uploads/${CONSULTATION_ID}/[\\w-]{22}$`),
    );
    // The file is the form's last field: S3 ignores whatever follows it.
    expect(body.indexOf('type="file"')).toBeGreaterThan(body.lastIndexOf('type="hidden"'));
    expect(response.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${runtime.documents.uploadOrigin}`,
    );
  });

  it('attaches a document, sends it with no typed answer, and shows it on the receipt', async () => {
    const bytes = await pdf(FREE_FORM);
    const { location, html, status } = await attach(bytes, 'lettre.pdf');
    expect(status).toBe(200);
    expect(location.pathname).toBe(formPath);
    const uploadId = location.searchParams.get('upload') ?? '';
    expect(html).toContain('role="status">Attached: a PDF document of 1.7 kB.');
    expect(html).toContain(`<input type="hidden" name="document.uploadId" value="${uploadId}"/>`);

    const sent = await app.request(formPath, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: mainForm(uploadId).toString(),
    });
    expect(sent.status).toBe(303);
    const receipt = new URL(sent.headers.get('location') ?? '', ORIGIN);
    const id = receipt.pathname.split('/').at(-1) ?? '';
    const stored = (await runtime.store.get(id))?.submission as Submission;
    expect(stored.document).toMatchObject({
      key: uploadKey(CONSULTATION_ID, uploadId),
      kind: 'pdf',
      size: bytes.length,
    });
    // The store never learns a file's name from a form without JavaScript: the kind names it.
    expect(stored.document?.filename).toBe('document.pdf');
    const page = await (await app.request(receipt.pathname + receipt.search)).text();
    expect(page).toContain('<dt>Document</dt><dd>document.pdf (PDF, 1.7 kB)</dd>');
  });

  it('says in the person’s language what is wrong with a file that is no document', async () => {
    const { html, status } = await attach(
      new TextEncoder().encode('plain text, not a document'),
      'notes.txt',
    );
    expect(status).toBe(400);
    expect(html).toContain('This file is not a DOCX, PDF or ODT document.');
    expect(html).not.toContain('name="document.uploadId"');
    const french = await app.request(`${formPath}?upload=AAAAAAAAAAAAAAAAAAAAAA&lang=fr`);
    expect(await french.text()).toContain('Nous ne trouvons pas ce fichier');
  });

  it('keeps the document attached when the rest of the form needs correcting', async () => {
    const { location } = await attach(await pdf(FREE_FORM), 'lettre.pdf');
    const uploadId = location.searchParams.get('upload') ?? '';
    const form = mainForm(uploadId);
    form.set('stakeholder.email', 'not-an-email');
    const refused = await app.request(formPath, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: form.toString(),
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Please enter a valid e-mail address.');
    expect(html).toContain(`name="document.uploadId" value="${uploadId}"`);
  });

  it('has no document step where the deployment takes no documents', async () => {
    const plain = testApp(runtime);
    const response = await plain.request(formPath);
    expect(await response.text()).not.toContain('multipart/form-data');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self';");
  });
});
