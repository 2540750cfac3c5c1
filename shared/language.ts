import { francAll } from 'franc';
import { words as stopwordsEn } from 'natural/lib/natural/util/stopwords.js';
import { words as stopwordsEs } from 'natural/lib/natural/util/stopwords_es.js';
import { words as stopwordsFr } from 'natural/lib/natural/util/stopwords_fr.js';
import { LANGUAGES, type Language } from './consultation.js';

const FROM_ISO_639_3: Record<string, Language> = { eng: 'en', fra: 'fr', spa: 'es' };

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

/**
 * How sure each of English, French and Spanish is for a text: the mean of franc's trigram score
 * (relative to its best) and each language's share of the text's exclusive stop words. franc alone
 * reads a short English sentence as French ("Trade unions should give migrant domestic workers
 * legal aid."); function words are what a short sentence has most of, and they tell it apart.
 */
function languageScores(text: string): Record<Language, number> {
  const trigram: Record<Language, number> = { en: 0, fr: 0, es: 0 };
  for (const [code, score] of francAll(text, { only: Object.keys(FROM_ISO_639_3), minLength: 1 })) {
    const language = FROM_ISO_639_3[code];
    if (language) trigram[language] = score;
  }
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
