import { inflateRawSync, inflateSync } from 'node:zlib';
import { loadCatalogue } from '../../shared/consultation.js';
import type { Submission, Tag } from '../../shared/submission.js';

export const consultation = loadCatalogue().default;

let sequence = 0;

/** A stored, tagged submission as the store returns it; override what a test is about. */
export function storedSubmission(overrides: Partial<Submission> = {}): Submission {
  sequence++;
  const id = `01J${String(sequence).padStart(23, '0')}`;
  return {
    id,
    consultationId: consultation.id,
    stakeholder: {
      organization: `Organisation ${sequence}`,
      contactName: `Contact ${sequence}`,
      email: `contact${sequence}@example.org`,
      type: 'civil_society',
      country: 'KE',
    },
    language: 'en',
    languageSource: 'declared',
    answers: { Q1: 'Bilateral agreements protect domestic workers and give them a way to complain.' },
    consent: { quote: true, attribution: true },
    submittedAt: '2026-10-01T10:00:00.000Z',
    updatedAt: '2026-10-01T10:00:00.000Z',
    status: 'tagged',
    version: 2,
    tags: [],
    taggedAt: '2026-10-01T10:05:00.000Z',
    modelVersion: 'm1',
    ...overrides,
  };
}

/** A model tag whose evidence is the given sentences of the given question's answer. */
export function tag(
  recommendationId: string,
  questionId: string,
  sentences: string[],
  overrides: Partial<Tag> = {},
): Tag {
  return {
    recommendationId,
    questionId,
    score: 0.8,
    evidence: sentences.map((text) => ({ questionId, start: 0, end: text.length, text, score: 0.8 })),
    modelVersion: 'm1',
    source: 'model',
    ...overrides,
  };
}

/** The entries of a zip archive by name, inflated: enough of the format to read a DOCX. */
export function unzip(archive: Uint8Array): Map<string, Buffer> {
  const data = Buffer.from(archive);
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = data.readUInt16LE(offset + 10);
    const compressed = data.readUInt32LE(offset + 20);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const local = data.readUInt32LE(offset + 42);
    const name = data.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The words of a DOCX body, XML entities decoded, one paragraph a line. */
export function docxText(archive: Uint8Array): string {
  const xml = unzip(archive).get('word/document.xml')?.toString('utf8');
  if (!xml) throw new Error('no word/document.xml');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The text a PDF shows, recovered as a reader's copy-and-paste would: each font's ToUnicode map
 * applied to the glyph codes of the page content. Covers what pdfkit writes (Type0 fonts with
 * two-byte codes, hex strings in TJ arrays); enough to check what a report says.
 */
export function pdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf);
  const text = raw.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  const objectPattern = /(\d+) 0 obj\s*/g;
  for (let match = objectPattern.exec(text); match; match = objectPattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(dict.match(/\/Length (\d+)/)?.[1] ?? 0);
    let dataStart = start + streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart++;
    if (text[dataStart] === '\n') dataStart++;
    const bytes = raw.subarray(dataStart, dataStart + length);
    objects.set(Number(match[1]), {
      dict,
      stream: dict.includes('/FlateDecode') ? inflateSync(bytes) : bytes,
    });
  }

  const cmapOf = (fontRef: number): Map<string, string> => {
    const map = new Map<string, string>();
    const toUnicode = objects.get(fontRef)?.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
    const cmap = toUnicode ? objects.get(Number(toUnicode))?.stream?.toString('latin1') : undefined;
    const decode = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');
    for (const block of cmap?.matchAll(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
      for (const [, from, to, target] of (block[1] ?? '').matchAll(
        /<(\w+)>\s*<(\w+)>\s*(\[[^\]]*\]|<[\w ]+>)/g,
      )) {
        const first = Number.parseInt(from ?? '0', 16);
        const last = Number.parseInt(to ?? '0', 16);
        const targets = (target ?? '').startsWith('[')
          ? [...(target ?? '').matchAll(/<([\w ]+)>/g)].map((m) => decode(m[1] ?? ''))
          : undefined;
        for (let code = first; code <= last; code++) {
          const key = code.toString(16).padStart(4, '0');
          if (targets) map.set(key, targets[code - first] ?? '');
          else {
            const base = Number.parseInt((target ?? '<0>').slice(1, -1), 16) + (code - first);
            map.set(key, String.fromCodePoint(base));
          }
        }
      }
    }
    for (const block of cmap?.matchAll(/beginbfchar([\s\S]*?)endbfchar/g) ?? [])
      for (const [, code, target] of (block[1] ?? '').matchAll(/<(\w+)>\s*<(\w+)>/g))
        map.set((code ?? '').toLowerCase().padStart(4, '0'), decode(target ?? ''));
    return map;
  };

  const lines: string[] = [];
  for (const object of objects.values()) {
    if (!/\/Type \/Page\b/.test(object.dict)) continue;
    const fonts = new Map<string, Map<string, string>>();
    const resources = object.dict.match(/\/Resources (\d+) 0 R/)?.[1];
    const resourceDict = resources ? (objects.get(Number(resources))?.dict ?? '') : object.dict;
    const fontDict = resourceDict.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1] ?? '';
    for (const [, name, ref] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g))
      fonts.set(name ?? '', cmapOf(Number(ref)));
    const contentRef = object.dict.match(/\/Contents (\d+) 0 R/)?.[1];
    const content = contentRef ? (objects.get(Number(contentRef))?.stream?.toString('latin1') ?? '') : '';
    let cmap = new Map<string, string>();
    for (const [, font, array, single] of content.matchAll(
      /\/(\w+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ|<(\w*)>\s*Tj/g,
    )) {
      if (font) cmap = fonts.get(font) ?? new Map();
      const hexes = array
        ? [...array.matchAll(/<(\w*)>/g)].map((m) => m[1] ?? '')
        : single !== undefined
          ? [single]
          : [];
      if (hexes.length === 0) continue;
      let line = '';
      for (const hex of hexes)
        for (let i = 0; i < hex.length; i += 4) line += cmap.get(hex.slice(i, i + 4).toLowerCase()) ?? '';
      lines.push(line);
    }
  }
  return lines.join('\n');
}
