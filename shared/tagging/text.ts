import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import PorterStemmerEs from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import PorterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';
import AggressiveTokenizerEs from 'natural/lib/natural/tokenizers/aggressive_tokenizer_es.js';
import AggressiveTokenizerFr from 'natural/lib/natural/tokenizers/aggressive_tokenizer_fr.js';
import { knownAbbreviations as abbreviationsEn } from 'natural/lib/natural/util/abbreviations_en.js';
import { knownAbbreviations as abbreviationsEs } from 'natural/lib/natural/util/abbreviations_es.js';
import { words as stopwordsEn } from 'natural/lib/natural/util/stopwords.js';
import { words as stopwordsEs } from 'natural/lib/natural/util/stopwords_es.js';
import { words as stopwordsFr } from 'natural/lib/natural/util/stopwords_fr.js';
import type { Language } from '../consultation.js';

/** A stretch of a text, by offsets into it, so that evidence can point back at what was written. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

interface LanguageTools {
  tokenizer: { tokenize(text: string): string[] };
  stemmer: { stem(token: string): string };
  stopwords: ReadonlySet<string>;
  abbreviations: ReadonlySet<string>;
  segmenter: Intl.Segmenter;
}

const lowerSet = (words: readonly string[]) => new Set(words.map((w) => w.toLowerCase()));

const TOOLS: Record<Language, LanguageTools> = {
  en: {
    tokenizer: new AggressiveTokenizer(),
    stemmer: PorterStemmer,
    stopwords: lowerSet(stopwordsEn),
    abbreviations: lowerSet(abbreviationsEn),
    segmenter: new Intl.Segmenter('en', { granularity: 'sentence' }),
  },
  fr: {
    tokenizer: new AggressiveTokenizerFr(),
    stemmer: PorterStemmerFr,
    stopwords: lowerSet(stopwordsFr),
    // natural has no French list: the titles and references that take a full stop mid-sentence.
    abbreviations: new Set(['m.', 'mm.', 'dr.', 'pr.', 'me.', 'cf.', 'art.']),
    segmenter: new Intl.Segmenter('fr', { granularity: 'sentence' }),
  },
  es: {
    tokenizer: new AggressiveTokenizerEs(),
    stemmer: PorterStemmerEs,
    stopwords: lowerSet(stopwordsEs),
    abbreviations: lowerSet(abbreviationsEs),
    segmenter: new Intl.Segmenter('es', { granularity: 'sentence' }),
  },
};

// The English tokenizer keeps apostrophes, slashes and hyphens inside tokens ("migrants'",
// "migration/integration", "anti-discrimination"): split them so each word meets its stem.
const JOINERS = /['’/\-‐–]/g;

/**
 * The stems a text's words reduce to, stop words and numbers left out. Lower-cased before the
 * stemmer sees it: natural's Spanish stemmer checks stop words before lower-casing.
 */
export function terms(text: string, language: Language): string[] {
  const { tokenizer, stemmer, stopwords } = TOOLS[language];
  const out: string[] = [];
  for (const token of tokenizer.tokenize(text.normalize('NFC').toLowerCase().replace(JOINERS, ' '))) {
    if (token.length < 2 || stopwords.has(token) || /^\d+$/.test(token)) continue;
    out.push(stemmer.stem(token));
  }
  return out;
}

/**
 * The sentences of a text with their offsets, by ICU's sentence rules (which keep "e.g. the"
 * together, unlike natural's SentenceTokenizer), rejoined where a split follows a known abbreviation.
 */
export function sentences(text: string, language: Language): Span[] {
  const { segmenter, abbreviations } = TOOLS[language];
  const spans: Span[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const previous = spans.at(-1);
    const lastWord = previous?.text.split(/\s+/).at(-1)?.toLowerCase();
    if (previous && lastWord && abbreviations.has(lastWord)) {
      previous.end = index + segment.trimEnd().length;
      previous.text = text.slice(previous.start, previous.end);
      continue;
    }
    const lead = segment.length - segment.trimStart().length;
    const body = segment.trim();
    if (body) spans.push({ start: index + lead, end: index + lead + body.length, text: body });
  }
  return spans;
}

/** Paragraphs: the blank-line-separated blocks a person writes, with their offsets. */
export function paragraphs(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(/\S(?:[\s\S]*?\S)?(?=\s*\n\s*\n|\s*$)/g)) {
    spans.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return spans;
}
