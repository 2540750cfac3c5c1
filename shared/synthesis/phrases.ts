import type { Language } from '../consultation.js';
import { BoundedCounter } from './bounded.js';
import { isStopWord } from './stopwords.js';
import { stemOf } from './text.js';

/**
 * Distinctive phrases: words, and pairs and triples of words, that one part of the consultation
 * (a recommendation's evidence, the gaps, a theme) uses more than the rest of it does.
 *
 * Scored by the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn,
 * "Fightin' Words", 2008): the whole consultation's counts are the prior, so a phrase everyone
 * uses scores near zero and a rare one needs several uses to count; the z-score of the difference
 * ranks them. A phrase never starts, ends or runs across a stop word of any of the three languages,
 * nor across punctuation, so "recruitment fees" and "domestic workers" come out, not "rather".
 */

const MAX_WORDS = 3;
const WORD = /\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L}/gu;
const BREAK = /[.,;:!?()[\]{}"«»“”„—–…/\\|]+/;

/** The phrases of a text: each key is its words' stems joined by spaces, with the words as written. */
export function phrasesOf(text: string, language: Language): { key: string; surface: string }[] {
  const found: { key: string; surface: string }[] = [];
  for (const chunk of text.toLowerCase().split(BREAK)) {
    let run: { stem: string; word: string }[] = [];
    const flush = () => {
      for (let i = 0; i < run.length; i++)
        for (let n = 1; n <= MAX_WORDS && i + n <= run.length; n++) {
          const words = run.slice(i, i + n);
          found.push({
            key: words.map((w) => w.stem).join(' '),
            surface: words.map((w) => w.word).join(' '),
          });
        }
      run = [];
    };
    for (const match of chunk.matchAll(WORD)) {
      const word = match[0];
      const stem = word.length < 3 || isStopWord(word) ? null : stemOf(word, language);
      if (stem) run.push({ stem, word });
      else flush();
    }
    flush();
  }
  return found;
}

export interface Scored {
  key: string;
  count: number;
  z: number;
}

/**
 * Log-odds z-scores of the group's phrases against the rest, the prior being the background
 * (the whole consultation, the group included). Only phrases used at least `minimum` times.
 */
export function logOdds(
  group: ReadonlyMap<string, number>,
  groupTotal: number,
  background: ReadonlyMap<string, number>,
  backgroundTotal: number,
  minimum: number,
): Scored[] {
  const a0 = backgroundTotal;
  const restTotal = Math.max(backgroundTotal - groupTotal, 1);
  const scored: Scored[] = [];
  for (const [key, y] of group) {
    if (y < minimum) continue;
    const b = Math.max(background.get(key) ?? 0, y);
    const alpha = b; // the prior's pseudo-count for this phrase: its count in the whole consultation
    const rest = Math.max(b - y, 0);
    const inGroup = Math.log((y + alpha) / Math.max(groupTotal + a0 - y - alpha, 1));
    const inRest = Math.log((rest + alpha) / Math.max(restTotal + a0 - rest - alpha, 1));
    const variance = 1 / (y + alpha) + 1 / (rest + alpha);
    scored.push({ key, count: y, z: (inGroup - inRest) / Math.sqrt(variance) });
  }
  const words = (key: string) => key.split(' ').length;
  return scored.sort(
    (p, q) => q.z - p.z || q.count - p.count || words(q.key) - words(p.key) || (p.key < q.key ? -1 : 1),
  );
}

/**
 * The best phrases that do not repeat one another: "recruitment" is dropped for "recruitment fees",
 * and a longer phrase said nearly as often as a shorter one in it replaces it (it says more).
 */
export function distinctPhrases(ranked: readonly Scored[], limit: number): Scored[] {
  const chosen: Scored[] = [];
  const contains = (long: string, short: string) => ` ${long} `.includes(` ${short} `);
  for (const phrase of ranked) {
    if (phrase.z <= 0) break;
    if (chosen.some((c) => contains(c.key, phrase.key))) continue;
    const inside = chosen.filter((c) => contains(phrase.key, c.key));
    if (inside.length > 0) {
      if (inside.every((c) => phrase.count >= 0.75 * c.count)) {
        const at = chosen.indexOf(inside[0] as Scored);
        chosen.splice(at, 1, phrase);
        for (const other of inside.slice(1)) chosen.splice(chosen.indexOf(other), 1);
      }
      continue;
    }
    if (chosen.length < limit) chosen.push(phrase);
  }
  return chosen;
}

/**
 * Phrase counts per group and language, and the background they are scored against, in bounded
 * memory: each counter drops its rarest phrases when full, and a phrase that rare is never shown.
 */
export class PhraseCounts {
  readonly #groups = new Map<string, BoundedCounter>();
  readonly #background = new Map<Language, BoundedCounter>();
  /** The spelling shown for a phrase: the first seen, kept while the phrase is counted somewhere. */
  readonly #surface = new Map<string, string>();

  constructor(
    private readonly capacity: number,
    private readonly minimum: number,
  ) {}

  #counter(map: Map<string, BoundedCounter>, key: string): BoundedCounter {
    let counter = map.get(key);
    if (!counter) {
      counter = new BoundedCounter(this.capacity);
      map.set(key, counter);
    }
    return counter;
  }

  #remember(language: Language, key: string, surface: string) {
    const id = `${language}|${key}`;
    if (!this.#surface.has(id)) this.#surface.set(id, surface);
    if (this.#surface.size > this.capacity * 4) this.#prune();
  }

  #prune() {
    for (const id of this.#surface.keys()) {
      const [language, key] = id.split('|') as [Language, string];
      if (!this.#background.get(language)?.counts.has(key)) this.#surface.delete(id);
    }
  }

  /** Text of the whole consultation: every answer counted in the report. */
  addBackground(text: string, language: Language) {
    const counter = this.#counter(this.#background as Map<string, BoundedCounter>, language);
    for (const { key, surface } of phrasesOf(text, language)) {
      counter.add(key);
      this.#remember(language, key, surface);
    }
  }

  /** Text of one group (a recommendation's evidence, the gaps). */
  add(group: string, text: string, language: Language) {
    const counter = this.#counter(this.#groups, `${language}|${group}`);
    for (const { key } of phrasesOf(text, language)) counter.add(key);
  }

  /** Words counted for a group in a language: below the report's minimum, it has no terms there. */
  total(group: string, language: Language): number {
    return this.#groups.get(`${language}|${group}`)?.total ?? 0;
  }

  distinctive(group: string, language: Language, limit: number): { term: string; weight: number }[] {
    const counter = this.#groups.get(`${language}|${group}`);
    const background = this.#background.get(language);
    if (!counter || !background) return [];
    const ranked = logOdds(counter.counts, counter.total, background.counts, background.total, this.minimum);
    return distinctPhrases(ranked, limit).map((p) => ({
      term: this.#surface.get(`${language}|${p.key}`) ?? p.key,
      weight: Math.round(p.z * 100) / 100,
    }));
  }
}
