import { words as stopwordsEn } from 'natural/lib/natural/util/stopwords.js';
import { words as stopwordsEs } from 'natural/lib/natural/util/stopwords_es.js';
import { words as stopwordsFr } from 'natural/lib/natural/util/stopwords_fr.js';
import { LANGUAGES, type Language } from './consultation.js';
import { TRIGRAMS } from './language-trigrams.js';

/** Below this margin between the best and second-best language, a detection is not trusted. */
export const MIN_CONFIDENCE = 0.2;
/** Fewer letters than this, and no detection is trusted: a few words share too much across languages. */
const MIN_LETTERS = 12;

export interface LanguageGuess {
  language: Language;
  /** The margin of the chosen language over the next, in [0, 1]; 0 when it is a fallback. */
  confidence: number;
  /** `detected` from the text itself, `fallback` the language given for an unsure text. */
  source: 'detected' | 'fallback';
}

// Stop words that belong to one language only: "de", "a", "en" say nothing between French and Spanish.
const STOPWORDS: Record<Language, Set<string>> = (() => {
  const lists = { en: stopwordsEn, fr: stopwordsFr, es: stopwordsEs };
  const sets = Object.fromEntries(
    LANGUAGES.map((l) => [l, new Set(lists[l].map((w) => w.toLowerCase()))]),
  ) as Record<Language, Set<string>>;
  return Object.fromEntries(
    LANGUAGES.map((l) => [
      l,
      new Set([...sets[l]].filter((w) => LANGUAGES.every((other) => other === l || !sets[other].has(w)))),
    ]),
  ) as Record<Language, Set<string>>;
})();

/** Each language's trigrams by rank, 0 the most frequent. */
const RANKS: Record<Language, Map<string, number>> = {
  en: new Map(TRIGRAMS.en.split('|').map((trigram, rank) => [trigram, rank])),
  fr: new Map(TRIGRAMS.fr.split('|').map((trigram, rank) => [trigram, rank])),
  es: new Map(TRIGRAMS.es.split('|').map((trigram, rank) => [trigram, rank])),
};
/** What a trigram absent from a language's model adds to its distance; and the longest text read. */
const MISSING = 300;
const MAX_CHARS = 2048;

/**
 * franc's trigram score for English, French and Spanish alone (franc 6.2.0's algorithm, same figures):
 * each language's distance from the text's trigram counts, turned into a score where the nearest
 * language has 1. A text mostly in another script than Latin scores 0 everywhere, as franc answers `und`.
 */
function trigramScores(text: string): Record<Language, number> {
  const value = text.slice(0, MAX_CHARS);
  const latin = value.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const letters = value.match(/\p{L}/gu)?.length ?? 0;
  if (latin === 0 || latin <= letters - latin) return { en: 0, fr: 0, es: 0 };
  const cleaned = ` ${value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= cleaned.length; i++) {
    const trigram = cleaned.slice(i, i + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  const distance = (language: Language) => {
    let sum = 0;
    // franc compares a trigram's count in the text with its rank in the model; kept as it is, so
    // detections match the ones the tagger was evaluated with.
    for (const [trigram, count] of counts) {
      const rank = RANKS[language].get(trigram);
      sum += rank === undefined ? MISSING : Math.abs(count - rank - 1);
    }
    return sum;
  };
  const distances = { en: distance('en'), fr: distance('fr'), es: distance('es') };
  const min = Math.min(distances.en, distances.fr, distances.es);
  const max = value.length * MISSING - min;
  const score = (language: Language) => 1 - (distances[language] - min) / max || 0;
  return { en: score('en'), fr: score('fr'), es: score('es') };
}

/**
 * How sure each of English, French and Spanish is for a text: the mean of the trigram score
 * (relative to the best) and each language's share of the text's exclusive stop words. Trigrams
 * alone read a short English sentence as French ("Trade unions should give migrant domestic workers
 * legal aid."); function words are what a short sentence has most of, and they tell it apart.
 */
function languageScores(text: string): Record<Language, number> {
  const trigram = trigramScores(text);
  const hits: Record<Language, number> = { en: 0, fr: 0, es: 0 };
  for (const word of text.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [])
    for (const language of LANGUAGES) if (STOPWORDS[language].has(word)) hits[language]++;
  const totalHits = hits.en + hits.fr + hits.es;
  const scores = { en: 0, fr: 0, es: 0 };
  for (const language of LANGUAGES)
    scores[language] =
      (trigram[language] + (totalHits === 0 ? trigram[language] : hits[language] / totalHits)) / 2;
  return scores;
}

/**
 * The language of a text with how sure the guess is, or `fallback` (the language of the page the
 * submitter used, or the one they declared) where the text is short or the margin small.
 */
export function detectLanguageWithFallback(text: string, fallback: Language): LanguageGuess {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return { language: fallback, confidence: 0, source: 'fallback' };
  const ranked = Object.entries(languageScores(text)).sort((a, b) => b[1] - a[1]) as [Language, number][];
  const [best, second] = ranked as [[Language, number], [Language, number]];
  const confidence = Math.round((best[1] - second[1]) * 1000) / 1000;
  return confidence >= MIN_CONFIDENCE
    ? { language: best[0], confidence, source: 'detected' }
    : { language: fallback, confidence: 0, source: 'fallback' };
}

/** The language of a text where the detection is sure; undefined where it is too short or unclear to say. */
export function detectLanguage(text: string): Language | undefined {
  const guess = detectLanguageWithFallback(text, 'en');
  return guess.source === 'detected' ? guess.language : undefined;
}
