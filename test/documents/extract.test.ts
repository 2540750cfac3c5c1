import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../shared/documents/extract.js';
import { DOCUMENT_LIMITS } from '../../shared/documents/model.js';
import { inMemory, sniffDocument } from '../../shared/documents/sniff.js';
import {
  brokenPdf,
  crowdedZip,
  docx,
  FREE_FORM,
  honestZipBomb,
  lyingZipBomb,
  odt,
  oleContainer,
  pdf,
  TEMPLATE_ANSWERS,
  truncated,
} from './samples.js';

const sniff = (bytes: Uint8Array) => sniffDocument(inMemory(bytes), bytes.length);

describe('sniffing a file from its bytes', () => {
  it('tells DOCX, PDF and ODT apart, whatever the file is called', async () => {
    expect(await sniff(await docx(FREE_FORM))).toEqual({ kind: 'docx' });
    expect(await sniff(await pdf(FREE_FORM))).toEqual({ kind: 'pdf' });
    expect(await sniff(odt(FREE_FORM))).toEqual({ kind: 'odt' });
  });

  it('refuses a password-protected Office file, a zip that is no document, and anything else', async () => {
    expect(await sniff(oleContainer())).toEqual({ unsupported: 'protected_or_legacy' });
    expect(await sniff(crowdedZip(1).subarray(0, 40))).toEqual({ unsupported: 'unknown' });
    expect(await sniff(new TextEncoder().encode('<html><body>Question 1</body></html>'))).toEqual({
      unsupported: 'unknown',
    });
    expect(await sniff(new Uint8Array(0))).toEqual({ unsupported: 'unknown' });
  });
});

describe('extracting text', () => {
  it('reads a DOCX that follows the template, headings and paragraphs apart', async () => {
    const { extraction, text } = await extractDocument(await docx(TEMPLATE_ANSWERS));
    expect(extraction).toMatchObject({ status: 'ok', characters: text.length });
    expect(text).toContain('Question 2\n\nOur one-stop welcome desk offers legal advice in six languages');
    expect(text).toContain('monitors the recruitment of domestic workers.\n\nConsular officers');
  });

  it('reads a PDF with a text layer, page count and paragraphs included', async () => {
    const { extraction, text } = await extractDocument(await pdf(FREE_FORM));
    expect(extraction).toMatchObject({ status: 'ok', pages: 1 });
    // pdfkit wraps the long sentence over two lines; it comes back as one paragraph.
    expect(text).toContain(
      'We ask governments to ratify the ILO conventions on domestic work and on migrant workers, and to let migrant workers change employer without losing their residence permit.',
    );
    expect(text.split('\n\n')).toHaveLength(4);
  });

  it('reads an ODT, spaces written as <text:s/> included', async () => {
    const content = {
      sections: [{ heading: 'Pregunta 1', paragraphs: ['Acuerdos  bilaterales con los países de origen.'] }],
    };
    const { extraction, text } = await extractDocument(odt(content));
    expect(extraction.status).toBe('ok');
    expect(text).toBe('Pregunta 1\n\nAcuerdos bilaterales con los países de origen.');
  });

  it('marks a PDF without a text layer for manual reading instead of returning nothing', async () => {
    const { extraction, text } = await extractDocument(await pdf({ sections: [] }, { pagesOfShapes: 3 }));
    expect(extraction).toMatchObject({ status: 'needs_manual_reading', reason: 'no_text_layer', pages: 3 });
    expect(text).toBe('');
  });

  it('marks an empty DOCX for manual reading', async () => {
    const { extraction } = await extractDocument(await docx({ sections: [] }));
    expect(extraction).toMatchObject({ status: 'needs_manual_reading', reason: 'no_text' });
  });
});

describe('hostile and broken files fail alone, each with its reason', () => {
  it.each([
    ['a zip bomb that lies about its sizes', () => lyingZipBomb(), 'failed', 'archive_too_large'],
    ['a zip bomb that declares its sizes', async () => honestZipBomb(), 'failed', 'archive_too_large'],
    [
      'a zip with thousands of entries',
      async () => crowdedZip(DOCUMENT_LIMITS.zipEntries + 1),
      'failed',
      'archive_too_large',
    ],
    ['an encrypted PDF', () => pdf(FREE_FORM, { userPassword: 'secret' }), 'failed', 'encrypted'],
    ['a password-protected Word file', async () => oleContainer(), 'failed', 'encrypted'],
    ['a PDF that is no PDF', async () => brokenPdf(), 'failed', 'malformed'],
    ['half a DOCX', async () => truncated(await docx(TEMPLATE_ANSWERS)), 'failed', 'malformed'],
    ['half a PDF', async () => truncated(await pdf(FREE_FORM)), 'failed', 'malformed'],
    ['half an ODT', async () => truncated(odt(FREE_FORM)), 'failed', 'malformed'],
  ])('%s', async (_name, make, status, reason) => {
    const { extraction, text } = await extractDocument(await make());
    expect(extraction).toMatchObject({ status, reason, characters: 0 });
    expect(text).toBe('');
  });

  it('leaves a PDF over the page limit to a person, before reading its pages', async () => {
    const long = {
      sections: Array.from({ length: 6 }, (_, i) => ({ paragraphs: [`Page ${i + 1} of a long report.`] })),
    };
    const bytes = await pdf(long, { pageBreakEachSection: true });
    const { extraction } = await extractDocument(bytes, { ...DOCUMENT_LIMITS, pages: 5 });
    expect(extraction).toMatchObject({ status: 'needs_manual_reading', reason: 'too_many_pages' });
  });

  it('leaves a document over the character limit to a person', async () => {
    const { extraction } = await extractDocument(await docx(TEMPLATE_ANSWERS), {
      ...DOCUMENT_LIMITS,
      characters: 100,
    });
    expect(extraction).toMatchObject({ status: 'needs_manual_reading', reason: 'too_many_characters' });
  });

  it('stops a read that outlasts its time limit', async () => {
    const many = { sections: Array.from({ length: 40 }, (_, i) => ({ paragraphs: [`Section ${i} text.`] })) };
    const bytes = await pdf(many, { pageBreakEachSection: true });
    const { extraction } = await extractDocument(bytes, { ...DOCUMENT_LIMITS, milliseconds: 0 });
    expect(extraction).toMatchObject({ status: 'failed', reason: 'timeout' });
  });
});
