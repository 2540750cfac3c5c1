import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import { MEDIA_TYPES } from '../../shared/documents/model.js';

/**
 * Sample documents made here, by the project's own code, for the tests and for
 * `npm run sample-documents` (which writes them to fixtures/documents/). Nothing is taken from
 * elsewhere.
 */

/** A document's content: an optional title, then sections of a heading and paragraphs. */
export interface SampleContent {
  title?: string;
  sections: { heading?: string; paragraphs: string[] }[];
}

export async function docx(content: SampleContent): Promise<Uint8Array> {
  const children: Paragraph[] = [];
  if (content.title)
    children.push(
      new Paragraph({ text: content.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
    );
  for (const section of content.sections) {
    if (section.heading)
      children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const text of section.paragraphs) children.push(new Paragraph({ children: [new TextRun(text)] }));
  }
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

export function pdf(
  content: SampleContent,
  options: { userPassword?: string; pagesOfShapes?: number; pageBreakEachSection?: boolean } = {},
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: content.title ?? 'Sample', CreationDate: new Date(0) },
    ...(options.userPassword ? { userPassword: options.userPassword, pdfVersion: '1.7' as const } : {}),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (content.title) doc.fontSize(18).text(content.title).moveDown();
  content.sections.forEach((section, i) => {
    if (i > 0 && options.pageBreakEachSection) doc.addPage();
    if (section.heading) doc.fontSize(14).text(section.heading).moveDown(0.5);
    for (const text of section.paragraphs) doc.fontSize(11).text(text).moveDown();
  });
  // A scan: pages of marks and no text layer, as a scanner's images would be.
  for (let page = 0; page < (options.pagesOfShapes ?? 0); page++) {
    if (page > 0 || content.sections.length > 0 || content.title) doc.addPage();
    for (let line = 0; line < 30; line++)
      doc.rect(56, 80 + line * 22, 300 + ((line * 37) % 180), 8).fill('#333');
  }
  doc.end();
  return finished;
}

const ODT_NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
].join(' ');

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An ODT as the OpenDocument format lays it out: a stored `mimetype` first, then content.xml. */
export function odt(content: SampleContent): Uint8Array {
  const body: string[] = [];
  if (content.title) body.push(`<text:h text:outline-level="1">${xmlEscape(content.title)}</text:h>`);
  for (const section of content.sections) {
    if (section.heading) body.push(`<text:h text:outline-level="2">${xmlEscape(section.heading)}</text:h>`);
    for (const text of section.paragraphs) {
      // Two spaces are written as ODF writes them: one, then <text:s/> for the rest.
      const encoded = xmlEscape(text).replace(/ {2}/g, ' <text:s/>');
      body.push(`<text:p>${encoded}</text:p>`);
    }
  }
  const contentXml = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${ODT_NS} office:version="1.3"><office:body><office:text>${body.join('')}</office:text></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${MEDIA_TYPES.odt}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return zipSync({
    mimetype: [strToU8(MEDIA_TYPES.odt), { level: 0 }],
    'content.xml': strToU8(contentXml),
    'META-INF/manifest.xml': strToU8(manifest),
  });
}

/**
 * A DOCX whose document.xml inflates far past what its central directory declares: the zip bomb
 * that slips past a check of declared sizes alone.
 */
export async function lyingZipBomb(): Promise<Uint8Array> {
  const padding = `<w:p><w:r><w:t>${'A'.repeat(1000)}</w:t></w:r></w:p>`.repeat(5_000);
  const documentXml = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${padding}</w:body></w:document>`;
  const zip = zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': [strToU8(documentXml), { level: 9 }],
  });
  return setDeclaredSize(zip, 'word/document.xml', 4096);
}

/** A DOCX that declares, honestly, more inflated bytes than any document needs. */
export function honestZipBomb(): Uint8Array {
  const huge = new Uint8Array(41 * 1024 * 1024).fill(0x41);
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': [huge, { level: 9 }],
  });
}

/** A zip listing more entries than a document has. */
export function crowdedZip(entries: number): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'word/document.xml': strToU8('<x/>'),
  };
  for (let i = 0; i < entries; i++) files[`word/media/${i}.bin`] = new Uint8Array(0);
  return zipSync(files);
}

/** Rewrites the uncompressed size that the central directory declares for one entry. */
function setDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(zip);
  const v = new DataView(out.buffer);
  const target = new TextEncoder().encode(name);
  for (let at = 0; at + 46 < out.length; at++) {
    if (v.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = v.getUint16(at + 28, true);
    const candidate = out.subarray(at + 46, at + 46 + nameLength);
    if (candidate.length === target.length && candidate.every((b, i) => b === target[i])) {
      v.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}

/** The start of an OLE compound file: how a password-protected DOCX (or an old .doc) begins. */
export function oleContainer(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set(new TextEncoder().encode('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'), 1024);
  return bytes;
}

/** A file that says it is a PDF and is not one. */
export const brokenPdf = () =>
  new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\ntrailer garbage');

/** The first half of a document: what an interrupted upload or a damaged disk leaves. */
export const truncated = (bytes: Uint8Array) => bytes.subarray(0, Math.floor(bytes.length / 2));

/** The consultation's template, answered: what a stakeholder who used the Word template sends. */
export const TEMPLATE_ANSWERS: SampleContent = {
  title: 'GFMD 2017 – Working Session I: written input from the City of Example',
  sections: [
    {
      paragraphs: ['The City of Example welcomes this consultation. Contact: office@example.org.'],
    },
    {
      heading:
        'Question 1: What partnerships and collaboration between source and destination countries can be organized to protect the rights and wellbeing of migrants, in particular for migrants in vulnerable situations?',
      paragraphs: [
        'Bilateral labour agreements between countries of origin and destination should include a joint committee that monitors the recruitment of domestic workers.',
        'Consular officers of the country of origin should visit workplaces together with labour inspectors.',
      ],
    },
    {
      heading: 'Question 2',
      paragraphs: [
        'Our one-stop welcome desk offers legal advice in six languages and enrols newcomers in language classes within their first month.',
      ],
    },
    {
      heading: 'Question 3',
      paragraphs: [
        'Local newspapers and the chamber of commerce run a joint campaign against racism and xenophobia in hiring, with a hotline for victims of discrimination.',
      ],
    },
  ],
};

/** Free-form input: a letter that answers no question in particular. */
export const FREE_FORM: SampleContent = {
  title: 'Contribution of the Migrant Workers Union',
  sections: [
    {
      paragraphs: [
        'Our union represents domestic and construction workers in twelve countries.',
        'We ask governments to ratify the ILO conventions on domestic work and on migrant workers, and to let migrant workers change employer without losing their residence permit.',
        'Trade unions in countries of origin and destination should share information on abusive recruiters.',
      ],
    },
  ],
};
