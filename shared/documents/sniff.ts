import { DocumentReadError } from './errors.js';
import { DOCUMENT_LIMITS, type DocumentKind, MEDIA_TYPES } from './model.js';
import { locateCentralDirectory, readCentralDirectory, ZIP_MAGIC, ZIP_TAIL_BYTES } from './zip.js';

/** Reads bytes [start, end) of a file: a ranged GET on S3, a slice in memory. */
export type RangeReader = (start: number, end: number) => Promise<Uint8Array>;

export type Sniffed =
  | { kind: DocumentKind }
  /**
   * `protected_or_legacy`: an OLE container, i.e. a password-protected Office file or an old .doc;
   * `archive_too_large`: a zip listing more entries than any document has.
   */
  | { unsupported: 'protected_or_legacy' | 'archive_too_large' | 'unknown' };

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEAD_BYTES = 4096;
/** A central directory larger than this lists far more entries than any document has. */
const MAX_DIRECTORY_BYTES = 1024 * 1024;

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/**
 * What a file is, from its own bytes, never its name: PDF by its header; ODT by the stored
 * `mimetype` entry that the OpenDocument format requires first in the zip; DOCX by its central
 * directory listing `[Content_Types].xml` and `word/document.xml`. Reads at most a few kilobytes
 * from the start and the end (and the central directory), so it suits a file still in S3.
 */
export async function sniffDocument(read: RangeReader, size: number): Promise<Sniffed> {
  const head = await read(0, Math.min(size, HEAD_BYTES));
  if (startsWith(head, PDF_MAGIC)) return { kind: 'pdf' };
  if (startsWith(head, OLE_MAGIC)) return { unsupported: 'protected_or_legacy' };
  if (!startsWith(head, ZIP_MAGIC)) return { unsupported: 'unknown' };
  if (isOdtHead(head)) return { kind: 'odt' };
  try {
    const names = await zipNames(read, size);
    if (names.has('[Content_Types].xml') && names.has('word/document.xml')) return { kind: 'docx' };
  } catch (error) {
    if (!(error instanceof DocumentReadError)) throw error;
    if (error.reason === 'archive_too_large') return { unsupported: 'archive_too_large' };
  }
  return { unsupported: 'unknown' };
}

const decoder = new TextDecoder('latin1');

function isOdtHead(head: Uint8Array): boolean {
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length < 30) return false;
  const method = v.getUint16(8, true);
  const nameLength = v.getUint16(26, true);
  const extraLength = v.getUint16(28, true);
  const size = v.getUint32(18, true);
  const start = 30 + nameLength + extraLength;
  if (method !== 0 || start + size > head.length) return false;
  return (
    decoder.decode(head.subarray(30, 30 + nameLength)) === 'mimetype' &&
    decoder.decode(head.subarray(start, start + size)) === MEDIA_TYPES.odt
  );
}

async function zipNames(read: RangeReader, size: number): Promise<Set<string>> {
  const tailStart = Math.max(0, size - ZIP_TAIL_BYTES);
  const tail = await read(tailStart, size);
  const directory = locateCentralDirectory(tail, tailStart);
  if (directory.size > MAX_DIRECTORY_BYTES || directory.offset + directory.size > size)
    throw new DocumentReadError('malformed');
  const bytes =
    directory.offset >= tailStart
      ? tail.subarray(directory.offset - tailStart, directory.offset - tailStart + directory.size)
      : await read(directory.offset, directory.offset + directory.size);
  const entries = readCentralDirectory(bytes, directory.entries, { entries: DOCUMENT_LIMITS.zipEntries });
  return new Set(entries.map((e) => e.name));
}

/** A range reader over bytes already in memory. */
export const inMemory =
  (bytes: Uint8Array): RangeReader =>
  async (start, end) =>
    bytes.subarray(start, end);
