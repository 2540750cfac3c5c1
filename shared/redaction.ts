/**
 * What a text must lose before it leaves the secretariat's hands: e-mail addresses, phone numbers
 * and the submitter's own contact name. The tagger (document answers), the report (quotes) and the
 * reviewers' exports all call this module, so a fix here reaches every one of them.
 *
 * Every search here is linear in the text's length: documents may hold 200,000 characters of
 * anyone's choosing, and a pattern that backtracks over them stalls the tagger (issue 13, item 3).
 */

export const REDACTED = {
  email: '[e-mail removed]',
  phone: '[phone number removed]',
  name: '[name removed]',
} as const;

/** Counts the characters a search looked at: the tests bound the work with it, not the clock. */
export interface Meter {
  steps: number;
}

type Span = [start: number, end: number];

const LOCAL = /^[\p{L}\p{N}._%+-]$/u;
const DOMAIN = /^[\p{L}\p{N}.-]$/u;
const LETTER = /^\p{L}$/u;

/** The code point that ends just before `index`, as a string (one or two UTF-16 units). */
function charBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text.charAt(index - 1);
}

/** The code point that starts at `index`, as a string. */
function charAt(text: string, index: number): string {
  const code = text.codePointAt(index) ?? 0;
  return code > 0xffff ? text.slice(index, index + 2) : text.charAt(index);
}

/**
 * E-mail addresses, as `local@domain.tld` with a top-level domain of two letters or more: the same
 * matches as the pattern `[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`, found without
 * backtracking. From each `@` it reads left over the local part and right over the domain; neither
 * class holds `@`, so each character is read at most once leftwards and once rightwards.
 */
export function findEmails(text: string, meter?: Meter): Span[] {
  const spans: Span[] = [];
  // A match never starts inside the previous one, as with a global regular expression.
  let floor = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > floor) {
      const ch = charBefore(text, start);
      if (!LOCAL.test(ch)) break;
      start -= ch.length;
      if (meter) meter.steps++;
    }
    // The domain ends after the letters that follow its last dot, when they are two or more.
    let end = -1;
    let letters = -1;
    let i = at + 1;
    while (i < text.length) {
      const ch = charAt(text, i);
      if (meter) meter.steps++;
      if (!DOMAIN.test(ch)) break;
      if (ch === '.') letters = i > at + 1 ? 0 : -1;
      else if (letters >= 0 && LETTER.test(ch)) {
        letters++;
        if (letters >= 2) end = i + ch.length;
      } else letters = -1;
      i += ch.length;
    }
    if (start < at && end > 0) {
      spans.push([start, end]);
      floor = end;
    }
    at = text.indexOf('@', Math.max(at + 1, i));
  }
  return spans;
}

// An international number, or a run of at least nine digits broken only by phone-style separators:
// years ("2015-2017") and amounts ("2,500,000", "9 000") stay. The run is bounded (no phone number
// is 40 characters long), so a long run of digits and spaces costs a bounded look per start.
const PHONE = /(?:\+|\(0?\d)[\d\s().-]{6,40}\d|\b\d[\d\s().-]{7,40}\d\b/g;
const isPhone = (match: string) => match.startsWith('+') || match.replace(/\D/g, '').length >= 9;

export function findPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(PHONE))
    if (isPhone(match[0])) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

// How each character other than ASCII folds: texts repeat a small alphabet, and normalising one
// character at a time is most of the cost of folding a long text.
const FOLDED = new Map<string, string>();

function foldChar(ch: string): string {
  let plain = FOLDED.get(ch);
  if (plain === undefined) {
    plain = /^\s$/u.test(ch) ? ' ' : ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (FOLDED.size < 10_000) FOLDED.set(ch, plain);
  }
  return plain;
}

/**
 * A text folded for comparing names: lower case, accents and other marks dropped, each run of
 * white space one space. `origin[i]` is where the folded character `i` came from in the text.
 */
function fold(text: string): { folded: string; origin: number[] } {
  const parts: string[] = [];
  const origin: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    let plain: string;
    let width = 1;
    if (code < 0x80) {
      // ASCII white space is tab to carriage return, and the space.
      plain =
        code === 32 || (code >= 9 && code <= 13)
          ? ' '
          : code >= 65 && code <= 90
            ? String.fromCharCode(code + 32)
            : (text[i] as string);
    } else {
      const ch = charAt(text, i);
      width = ch.length;
      plain = foldChar(ch);
    }
    if (plain === ' ') {
      if (!space) {
        parts.push(' ');
        origin.push(i);
      }
      space = true;
    } else {
      space = false;
      for (let k = 0; k < plain.length; k++) {
        parts.push(plain[k] as string);
        origin.push(i);
      }
    }
    i += width;
  }
  origin.push(text.length);
  return { folded: parts.join(''), origin };
}

const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;

/**
 * Where the contact name appears in a text whatever its case and accents ("john smith", "JOHN
 * SMITH" and "Jöhn Smith" for "John Smith"), as whole words only: "Ann" is not taken out of "Annual".
 */
export function findName(text: string, name: string | undefined): Span[] {
  const wanted = fold(name?.trim() ?? '').folded.trim();
  if (wanted.length < 3) return [];
  const { folded, origin } = fold(text);
  const spans: Span[] = [];
  for (let at = folded.indexOf(wanted); at !== -1; at = folded.indexOf(wanted, at + 1)) {
    const after = at + wanted.length;
    if (at > 0 && WORD_CHARACTER.test(charBefore(folded, at))) continue;
    if (after < folded.length && WORD_CHARACTER.test(charAt(folded, after))) continue;
    spans.push([origin[at] as number, origin[after] as number]);
    at = after - 1;
  }
  return spans;
}

/** Replaces spans with their placeholders; a span that overlaps one already kept is dropped. */
function replaceSpans(text: string, spans: [Span, string][]): string {
  // A stable sort: at the same start, the earlier kind in the list (e-mail, phone, name) wins.
  spans.sort((a, b) => a[0][0] - b[0][0]);
  let out = '';
  let from = 0;
  for (const [[start, end], placeholder] of spans) {
    if (start < from) continue;
    out += text.slice(from, start) + placeholder;
    from = end;
  }
  return out + text.slice(from);
}

export function redactEmails(text: string): string {
  return replaceSpans(
    text,
    findEmails(text).map((span) => [span, REDACTED.email]),
  );
}

/**
 * Takes out what identifies a person even where the submitter allowed quoting: e-mail addresses
 * and phone numbers anyone typed, and the submitter's own contact name.
 */
export function redact(text: string, contactName?: string): string {
  // Where spans overlap, the one that starts first is kept: the digits of an address stay in it.
  return replaceSpans(text, [
    ...findEmails(text).map((span): [Span, string] => [span, REDACTED.email]),
    ...findPhones(text).map((span): [Span, string] => [span, REDACTED.phone]),
    ...findName(text, contactName).map((span): [Span, string] => [span, REDACTED.name]),
  ]);
}
