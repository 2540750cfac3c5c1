import type { Language } from '../consultation.js';
import { terms as stemsOf } from '../tagging/text.js';
import { isStopWord } from './stopwords.js';

/**
 * The report's text handling on top of the tagger's (tokens, stems, sentences): words as written
 * for showing, stems for comparing. What a quote must lose before it is published is in
 * ../redaction.ts.
 */

const WORD = /\p{L}[\p{L}\p{M}]*/gu;

// Stemming is most of the report's CPU time, and answers repeat the same few thousand words.
const CACHE_LIMIT = 100_000;
const stemCache: Record<Language, Map<string, string | null>> = {
  en: new Map(),
  fr: new Map(),
  es: new Map(),
};

/** A word's stem, or null for a word that carries no meaning in a report; cached per language. */
export function stemOf(word: string, language: Language): string | null {
  const cache = stemCache[language];
  let stem = cache.get(word);
  if (stem === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    // Stop words of all three languages: answers mix them, and none carries meaning in a report.
    stem = isStopWord(word) ? null : (stemsOf(word, language)[0] ?? null);
    cache.set(word, stem);
  }
  return stem;
}

/** A meaningful word of a text: its stem for comparing, and the word as written for showing. */
export interface Term {
  stem: string;
  word: string;
}

export function terms(text: string, language: Language): Term[] {
  const found: Term[] = [];
  // Intake stores text NFC-normalised already.
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (word.length < 3) continue;
    const stem = stemOf(word, language);
    if (stem) found.push({ stem, word });
  }
  return found;
}

export function stems(text: string, language: Language): Set<string> {
  return new Set(terms(text, language).map((t) => t.stem));
}

/** Jaccard similarity of two stem sets: 1 for the same words, 0 for none in common. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const stem of a) if (b.has(stem)) shared++;
  return shared / (a.size + b.size - shared);
}
