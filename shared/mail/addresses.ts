import { createHash } from 'node:crypto';

/**
 * One spelling per mailbox for lookups: trimmed and lower-cased. (The local part may in theory be
 * case-sensitive; no mail service a stakeholder uses treats it so, and a lookup that missed
 * "Office@" for "office@" would lose someone's links.)
 */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** What the table and the logs keep of an address: its SHA-256, never the address itself. */
export function addressHash(address: string): string {
  return createHash('sha256').update(normalizeAddress(address)).digest('hex');
}

/**
 * Text that goes into a header (the subject): one line, whatever the submitter typed. Line breaks
 * in an organisation's name must never start a header of their own ("\r\nBcc: ..."), so every run
 * of line-breaking or other whitespace becomes one space.
 */
export function headerText(text: string, maxChars = 200): string {
  const line = text.replace(/[\s\u2028\u2029\u0085]+/g, ' ').trim();
  return line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line;
}
