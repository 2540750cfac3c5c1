import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app.js';
import { createLogger } from '../../shared/logger.js';
import { runTaggingPass } from '../../shared/tagging/run.js';
import { type BrowserSession, type ReviewFixture, reviewFixture, signInWithForm } from '../review/support.js';
import { postJson, submissionBody, submissionsPath } from '../support/factories.js';
import { docx, lyingZipBomb, TEMPLATE_ANSWERS } from './samples.js';
import { uploadDocument } from './support.js';

const logger = createLogger('test', 'SILENT');

let fx: ReviewFixture;
let app: ReturnType<typeof createApp>;
let session: BrowserSession;

beforeAll(async () => {
  fx = await reviewFixture();
  app = createApp({
    store: fx.runtime.store,
    catalogue: fx.runtime.catalogue,
    documents: fx.runtime.documents,
    logger,
    submissionsPerMinute: 10_000,
    now: () => fx.clock.now,
    review: fx.review,
  });
  session = await signInWithForm(fx, 'reviewer@example.org', 'reviewer');
});

async function sendDocument(bytes: Uint8Array, filename: string, answers: Record<string, string> = {}) {
  const { uploadId } = await uploadDocument(app, bytes, filename);
  const response = await postJson(app, submissionsPath(), {
    ...submissionBody({ answers }),
    document: { uploadId },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const page = (path: string, signedIn = true) =>
  app.request(path, { headers: signedIn ? { cookie: session.cookie } : {} });

describe('the reviewer and a submission’s document', () => {
  it('sees which answers came from the document, the general answer, and can open the original', async () => {
    const bytes = await docx(TEMPLATE_ANSWERS);
    const id = await sendDocument(bytes, 'Ville d’Exemple.docx', { Q1: 'Typed first.' });
    await runTaggingPass({ store: fx.runtime.store, models: fx.runtime.models, reading: fx.runtime, logger });

    const html = await (await page(`/admin/submissions/${id}`)).text();
    expect(html).toContain('Ville d’Exemple.docx (Word (DOCX), 9.8 kB)');
    expect(html).toContain('<strong>Text read</strong>');
    expect(html).toContain('It follows the guiding questions');
    expect(html).toContain('Typed answer, followed by the document’s text');
    expect(html).toContain('From the document');
    expect(html).toContain('General answer, from the document');
    expect(html).toContain(`href="/admin/submissions/${id}/document"`);

    const open = await page(`/admin/submissions/${id}/document`);
    expect(open.status).toBe(302);
    expect(open.headers.get('cache-control')).toBe('no-store');
    const link = new URL(open.headers.get('location') ?? '');
    expect(link.searchParams.get('X-Amz-Expires')).toBe('300');
    const original = await fetch(link);
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(bytes);
    expect(original.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Ville%20d%E2%80%99Exemple.docx",
    );
  });

  it('sees why a document could not be read', async () => {
    const id = await sendDocument(await lyingZipBomb(), 'bomb.docx', { Q2: 'A welcome desk.' });
    await runTaggingPass({ store: fx.runtime.store, models: fx.runtime.models, reading: fx.runtime, logger });
    const html = await (await page(`/admin/submissions/${id}`)).text();
    expect(html).toContain(
      '<strong>Could not be read</strong>: its contents unpack to far more than any document',
    );
  });

  it('gives the original to no one who is not signed in', async () => {
    const id = await sendDocument(await docx(TEMPLATE_ANSWERS), 'x.docx');
    const anonymous = await page(`/admin/submissions/${id}/document`, false);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/admin\/login/);
  });
});
