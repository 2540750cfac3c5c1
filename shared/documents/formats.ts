import { DOMParser } from '@xmldom/xmldom';
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { DocumentReadError } from './errors.js';
import { type DocumentLimits, MEDIA_TYPES } from './model.js';
import { readEntries } from './zip.js';

// pdf.js as unpdf ships it calls Promise.try, which Node has only from 22 (the Lambda runs 24);
// Node 20 needs it for `npm start` and the tests.
if (typeof (Promise as { try?: unknown }).try !== 'function') {
  Object.defineProperty(Promise, 'try', {
    value: <T>(fn: (...args: unknown[]) => T | PromiseLike<T>, ...args: unknown[]) =>
      new Promise<T>((resolve) => resolve(fn(...args))),
    configurable: true,
    writable: true,
  });
}

/** What a reader found: paragraphs separated by blank lines, and the page count where the format has pages. */
export interface RawText {
  text: string;
  pages?: number;
}

type Limits = Pick<DocumentLimits, 'pages' | 'zipEntries' | 'inflatedBytes'>;

/**
 * DOCX through mammoth, given only the archive's XML parts, re-packed without compression once
 * they were inflated within the limits: mammoth's own unzipping never meets the original archive,
 * so a bomb in it cannot reach mammoth, and images (irrelevant to text) are never inflated.
 */
export async function readDocx(bytes: Uint8Array, limits: Limits): Promise<RawText> {
  const parts = readEntries(bytes, (name) => /\.(xml|rels)$/i.test(name), {
    entries: limits.zipEntries,
    inflatedBytes: limits.inflatedBytes,
  });
  if (!parts.has('word/document.xml')) throw new DocumentReadError('malformed');
  const repacked = zipSync(Object.fromEntries(parts), { level: 0 });
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(repacked) });
    return { text: value };
  } catch {
    throw new DocumentReadError('malformed');
  }
}

const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';

/** ODT: the stored mimetype must say so; the text is content.xml's headings and paragraphs, in order. */
export async function readOdt(bytes: Uint8Array, limits: Limits): Promise<RawText> {
  const parts = readEntries(bytes, (name) => name === 'mimetype' || name === 'content.xml', {
    entries: limits.zipEntries,
    inflatedBytes: limits.inflatedBytes,
  });
  const mimetype = parts.get('mimetype');
  const content = parts.get('content.xml');
  if (!mimetype || !content || new TextDecoder().decode(mimetype).trim() !== MEDIA_TYPES.odt)
    throw new DocumentReadError('malformed');
  let failed = false;
  const flag = () => {
    failed = true;
  };
  let body: XmlElement | undefined;
  try {
    const document = new DOMParser({
      errorHandler: { warning: () => {}, error: flag, fatalError: flag },
    }).parseFromString(new TextDecoder().decode(content), 'application/xml');
    body = document.getElementsByTagNameNS(OFFICE_NS, 'text')[0] as XmlElement | undefined;
  } catch {
    flag();
  }
  if (failed || !body) throw new DocumentReadError('malformed');
  const paragraphs: string[] = [];
  collectParagraphs(body, paragraphs);
  return { text: paragraphs.join('\n\n') };
}

type XmlNode = { nodeType: number; namespaceURI?: string | null; localName?: string | null };
type XmlElement = XmlNode & {
  childNodes: ArrayLike<XmlNode>;
  getAttributeNS(ns: string, name: string): string;
};

function collectParagraphs(node: XmlElement, out: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType !== 1) continue;
    const element = child as XmlElement;
    const inText = element.namespaceURI === TEXT_NS;
    if (inText && (element.localName === 'p' || element.localName === 'h')) out.push(inlineText(element));
    // Notes and tracked deletions are not the body's text; office:annotation is a reviewer's comment.
    else if (!(inText && (element.localName === 'note' || element.localName === 'tracked-changes')))
      if (!(element.namespaceURI === OFFICE_NS && element.localName === 'annotation'))
        collectParagraphs(element, out);
  }
}

function inlineText(node: XmlElement): string {
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3 || child.nodeType === 4) text += (child as { data?: string }).data ?? '';
    if (child.nodeType !== 1) continue;
    const element = child as XmlElement;
    if (element.namespaceURI === TEXT_NS) {
      if (element.localName === 's')
        text += ' '.repeat(Math.min(Number(element.getAttributeNS(TEXT_NS, 'c')) || 1, 100));
      else if (element.localName === 'tab' || element.localName === 'line-break') text += ' ';
      else if (element.localName !== 'note') text += inlineText(element);
    } else if (!(element.namespaceURI === OFFICE_NS && element.localName === 'annotation')) {
      text += inlineText(element);
    }
  }
  return text;
}

interface PdfLine {
  text: string;
  y: number;
  size: number;
}

/**
 * PDF through pdf.js (unpdf's build): pages one at a time, the deadline checked between them. A
 * PDF has lines, not paragraphs: a line starts a new paragraph where the gap above it is clearly
 * more than a line's height, otherwise it joins the previous line (a hyphen at a line's end before
 * a lower-case letter is taken for a word broken across lines).
 */
export async function readPdf(bytes: Uint8Array, limits: Limits, signal: AbortSignal): Promise<RawText> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes over (detaches) the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, stopAtErrors: false });
  } catch (error) {
    throw new DocumentReadError((error as Error).name === 'PasswordException' ? 'encrypted' : 'malformed');
  }
  try {
    if (pdf.numPages > limits.pages) throw new DocumentReadError('too_many_pages');
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      if (signal.aborted) throw new DocumentReadError('timeout');
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      page.cleanup();
      const lines: PdfLine[] = [];
      let current: PdfLine | undefined;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        if (!current) {
          current = {
            text: '',
            y: item.transform[5] ?? 0,
            size: Math.abs(item.transform[3] ?? 0) || item.height,
          };
          lines.push(current);
        }
        current.text += item.str;
        if (item.hasEOL) current = undefined;
      }
      pages.push(paragraphsOf(lines));
    }
    return { text: pages.join('\n\n'), pages: pdf.numPages };
  } catch (error) {
    if (error instanceof DocumentReadError) throw error;
    throw new DocumentReadError('malformed');
  } finally {
    await pdf.destroy();
  }
}

function paragraphsOf(lines: PdfLine[]): string {
  let text = '';
  let previous: PdfLine | undefined;
  for (const line of lines) {
    const words = line.text.trim();
    if (!words) continue;
    if (previous) {
      const gap = previous.y - line.y;
      const newParagraph = gap > 1.6 * Math.max(previous.size, line.size) || gap < 0;
      if (newParagraph) text += '\n\n';
      else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(words)) text = text.slice(0, -1);
      else text += ' ';
    }
    text += words;
    previous = line;
  }
  return text;
}
