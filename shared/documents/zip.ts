import { inflateRawSync } from 'node:zlib';
import { DocumentReadError } from './errors.js';

/**
 * Just enough of the zip format to read a DOCX or ODT safely: the central directory is read and
 * judged (entry count, declared sizes) before a single byte is inflated, and inflation stops at
 * the size an entry declared, so an archive that lies about its sizes fails instead of filling
 * memory.
 */
export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

/** How many bytes from the end of a file hold the end-of-central-directory record, at most. */
export const ZIP_TAIL_BYTES = EOCD_SIZE + MAX_COMMENT + 20;

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Where the central directory is, read from the last bytes of the file (`tail` starts at `tailStart`). */
export function locateCentralDirectory(
  tail: Uint8Array,
  tailStart: number,
): { offset: number; size: number; entries: number } {
  const v = view(tail);
  const lowest = Math.max(0, tail.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = tail.length - EOCD_SIZE; at >= lowest; at--) {
    if (v.getUint32(at, true) !== EOCD) continue;
    let entries = v.getUint16(at + 10, true);
    let size = v.getUint32(at + 12, true);
    let offset = v.getUint32(at + 16, true);
    const locator = at - 20;
    if (locator >= 0 && v.getUint32(locator, true) === ZIP64_LOCATOR) {
      const record = Number(v.getBigUint64(locator + 8, true)) - tailStart;
      if (record < 0 || record + 56 > tail.length || v.getUint32(record, true) !== ZIP64_EOCD)
        throw new DocumentReadError('malformed');
      entries = Number(v.getBigUint64(record + 32, true));
      size = Number(v.getBigUint64(record + 40, true));
      offset = Number(v.getBigUint64(record + 48, true));
    }
    return { offset, size, entries };
  }
  throw new DocumentReadError('malformed');
}

/** The entries a central directory lists; `limits.entries` is checked before any is read. */
export function readCentralDirectory(
  directory: Uint8Array,
  expectedEntries: number,
  limits: { entries: number },
): ZipEntry[] {
  if (expectedEntries > limits.entries) throw new DocumentReadError('archive_too_large');
  const v = view(directory);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < expectedEntries; i++) {
    if (at + 46 > directory.length || v.getUint32(at, true) !== CENTRAL_HEADER)
      throw new DocumentReadError('malformed');
    const flags = v.getUint16(at + 8, true);
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw new DocumentReadError('malformed');
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(
      directory.subarray(at + 46, at + 46 + nameLength),
    );
    const sizes = zip64Sizes(
      directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
      v.getUint32(at + 24, true),
      v.getUint32(at + 20, true),
      v.getUint32(at + 42, true),
    );
    entries.push({
      name,
      method: v.getUint16(at + 10, true),
      encrypted: (flags & 0x1) !== 0,
      ...sizes,
    });
    at = end;
  }
  return entries;
}

/** A 32-bit field of all ones means the real value is in the zip64 extra field, in this order. */
function zip64Sizes(extra: Uint8Array, size: number, compressedSize: number, localHeaderOffset: number) {
  const out = { size, compressedSize, localHeaderOffset };
  const v = view(extra);
  for (let at = 0; at + 4 <= extra.length; at += 4 + v.getUint16(at + 2, true)) {
    if (v.getUint16(at, true) !== 0x0001) continue;
    let field = at + 4;
    for (const key of ['size', 'compressedSize', 'localHeaderOffset'] as const) {
      if (out[key] !== 0xffffffff) continue;
      if (field + 8 > extra.length) throw new DocumentReadError('malformed');
      out[key] = Number(v.getBigUint64(field, true));
      field += 8;
    }
  }
  return out;
}

/** Every entry of a whole archive in memory. */
export function listEntries(archive: Uint8Array, limits: { entries: number }): ZipEntry[] {
  const tailStart = Math.max(0, archive.length - ZIP_TAIL_BYTES);
  const { offset, size, entries } = locateCentralDirectory(archive.subarray(tailStart), tailStart);
  if (offset + size > archive.length) throw new DocumentReadError('malformed');
  return readCentralDirectory(archive.subarray(offset, offset + size), entries, limits);
}

/** An entry's content, inflated no further than its declared size. */
export function readEntry(archive: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.encrypted) throw new DocumentReadError('encrypted');
  const v = view(archive);
  const at = entry.localHeaderOffset;
  if (at + 30 > archive.length || v.getUint32(at, true) !== LOCAL_HEADER)
    throw new DocumentReadError('malformed');
  const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
  const data = archive.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new DocumentReadError('malformed');
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) throw new DocumentReadError('malformed');
    return data;
  }
  if (entry.method !== 8) throw new DocumentReadError('malformed');
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    // More output than declared is how a zip bomb hides from a size check; anything else is damage.
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new DocumentReadError('archive_too_large');
    throw new DocumentReadError('malformed');
  }
  if (inflated.length !== entry.size) throw new DocumentReadError('malformed');
  return inflated;
}

/**
 * The entries `wanted` picks, read within the limits: the declared sizes of what will be inflated
 * are summed and checked first, so nothing is inflated from an archive that would break them.
 */
export function readEntries(
  archive: Uint8Array,
  wanted: (name: string) => boolean,
  limits: { entries: number; inflatedBytes: number },
): Map<string, Uint8Array> {
  const picked = listEntries(archive, limits).filter((e) => wanted(e.name));
  const declared = picked.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.inflatedBytes) throw new DocumentReadError('archive_too_large');
  return new Map(picked.map((e) => [e.name, readEntry(archive, e)]));
}
