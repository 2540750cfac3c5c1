import { DocumentReadError } from './errors.js';
import { type RawText, readDocx, readOdt, readPdf } from './formats.js';
import {
  DOCUMENT_LIMITS,
  type DocumentKind,
  type DocumentLimits,
  type Extraction,
  type ExtractionReason,
} from './model.js';
import { inMemory, type Sniffed, sniffDocument } from './sniff.js';

export interface ExtractedDocument {
  extraction: Omit<Extraction, 'extractedAt'>;
  /** The document's text, paragraphs apart; empty unless the status is `ok`. */
  text: string;
}

/** Fewer visible characters than this per page, and a PDF is taken for a scan without a text layer. */
const MIN_CHARACTERS_PER_PAGE = 25;

const NEEDS_A_PERSON: ReadonlySet<ExtractionReason> = new Set([
  'no_text_layer',
  'no_text',
  'too_many_pages',
  'too_many_characters',
]);

const UNSUPPORTED: Record<Exclude<Sniffed, { kind: DocumentKind }>['unsupported'], ExtractionReason> = {
  protected_or_legacy: 'encrypted',
  archive_too_large: 'archive_too_large',
  unknown: 'malformed',
};

/**
 * The text of one document, or why there is none. Never throws for what the file holds: a
 * hostile or broken file ends as a status, so that one document never fails a batch.
 *
 * The type is sniffed again from the bytes: the object could have been replaced after intake
 * while its upload link was still valid. The time limit covers the whole read; a PDF also
 * stops between pages once it is spent. (A reader stuck inside one synchronous call cannot be
 * interrupted in-process: the caller marks a document before reading it, so a pass that dies
 * on it leaves a mark instead of a poison pill.)
 */
export async function extractDocument(
  bytes: Uint8Array,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): Promise<ExtractedDocument> {
  const started = performance.now();
  const done = (result: { reason?: ExtractionReason; text?: string; pages?: number }): ExtractedDocument => {
    const text = result.reason ? '' : (result.text ?? '');
    return {
      extraction: {
        status: result.reason
          ? NEEDS_A_PERSON.has(result.reason)
            ? 'needs_manual_reading'
            : 'failed'
          : 'ok',
        ...(result.reason ? { reason: result.reason } : {}),
        ...(result.pages !== undefined ? { pages: result.pages } : {}),
        characters: text.length,
        durationMs: Math.round(performance.now() - started),
      },
      text,
    };
  };

  if (bytes.length > limits.bytes) return done({ reason: 'too_large' });
  const sniffed = await sniffDocument(inMemory(bytes), bytes.length);
  if (!('kind' in sniffed)) return done({ reason: UNSUPPORTED[sniffed.unsupported] });

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DocumentReadError('timeout'));
    }, limits.milliseconds);
  });
  try {
    const raw = await Promise.race([read(sniffed.kind, bytes, limits, controller.signal), deadline]);
    const text = normalise(raw.text);
    const pages = raw.pages;
    if (text.length > limits.characters || Buffer.byteLength(text) > limits.textBytes)
      return done({ reason: 'too_many_characters', pages });
    const visible = text.replace(/\s/g, '').length;
    if (visible === 0 || (pages !== undefined && visible < MIN_CHARACTERS_PER_PAGE * pages))
      return done({ reason: sniffed.kind === 'pdf' ? 'no_text_layer' : 'no_text', pages });
    return done({ text, pages });
  } catch (error) {
    if (error instanceof DocumentReadError) return done({ reason: error.reason });
    // Whatever else a parser throws on a hostile file is a broken file, not a broken pass.
    return done({ reason: 'malformed' });
  } finally {
    clearTimeout(timer);
  }
}

function read(
  kind: DocumentKind,
  bytes: Uint8Array,
  limits: DocumentLimits,
  signal: AbortSignal,
): Promise<RawText> {
  switch (kind) {
    case 'docx':
      return readDocx(bytes, limits);
    case 'odt':
      return readOdt(bytes, limits);
    case 'pdf':
      return readPdf(bytes, limits, signal);
  }
}

// Control characters other than line breaks have no place in prose (see shared/submission.ts).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\uFEFF]/g;

/** Well-formed NFC text, spaces collapsed, paragraphs one blank line apart: what typed answers look like. */
export function normalise(text: string): string {
  return text
    .toWellFormed()
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARACTERS, '')
    .replace(/[\t\u00A0 ]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
