import { TfIdf } from 'natural/lib/natural/tfidf/index.js';
import type { Language } from '../consultation.js';
import { Reservoir, seededRandom } from './bounded.js';
import { distinctPhrases, logOdds, phrasesOf } from './phrases.js';
import { similarity } from './text.js';

/**
 * Themes: the evidence sentences of one part of the report (a recommendation, a guiding question,
 * the gaps) grouped by what they say, each named by its most distinctive phrase.
 *
 * Memory stays bounded: each part keeps a uniform sample of its sentences (a reservoir), and the
 * clustering runs on the sample at the end. Each sentence is a TF-IDF vector (natural's TfIdf over
 * the sample, on word stems); clusters are merged bottom-up (average linkage on cosine similarity)
 * until no two clusters are similar enough. A theme counts the submissions whose sentences fall in
 * it, and shows the sentence nearest its centre (the medoid) that may be quoted and is not quoted
 * elsewhere in the report.
 */

export const THEMES = {
  /** Sentences kept per part of the report: the clustering is cubic in this at worst. */
  sample: 200,
  /** Two clusters merge while their sentences are at least this similar on average (cosine). */
  mergeAt: 0.12,
  /** A theme needs this many submissions behind it. */
  minimumSubmissions: 2,
  perPart: 5,
  minimumWords: 5,
} as const;

/** A sentence as the sampler keeps it: whose, in which language, and whether it may be quoted. */
export interface ThemeSentence<Q> {
  unit: string;
  reviewed: boolean;
  text: string;
  language: Language;
  stems: string[];
  /** The quote to show, or null where consent or screening forbids quoting it. */
  quote: Q | null;
}

export interface FoundTheme<Q> {
  name: string;
  units: string[];
  reviewed: number;
  representative: Q | null;
}

/** One part's sample of sentences. */
export class ThemeSampler<Q> {
  readonly #sample: Reservoir<ThemeSentence<Q>>;
  #seen = 0;

  constructor(seed: number) {
    this.#sample = new Reservoir(THEMES.sample, seededRandom(seed));
  }

  offer(make: () => ThemeSentence<Q>) {
    this.#seen++;
    this.#sample.offer(make);
  }

  /** How many sentences were offered, and how many the sample holds. */
  get coverage() {
    return { sampled: this.#sample.items.length, of: this.#seen };
  }

  get items(): readonly ThemeSentence<Q>[] {
    return this.#sample.items;
  }
}

type Vector = Map<string, number>;

function vectors(items: readonly { stems: string[] }[]): Vector[] {
  const tfidf = new TfIdf();
  for (const item of items) tfidf.addDocument(item.stems);
  return items.map((_, i) => {
    const v: Vector = new Map();
    for (const t of tfidf.listTerms(i)) v.set(t.term, t.tfidf);
    return v;
  });
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Average-linkage agglomerative clustering: indices grouped, largest first. The similarity of a
 * merged cluster to the others follows Lance and Williams' update (the size-weighted mean of its
 * parts'), so each merge costs one row; the whole is cubic in the sample at worst, which is why
 * the sample is small.
 */
export function cluster(vs: readonly Vector[], mergeAt: number): number[][] {
  const n = vs.length;
  const sim: Float64Array[] = vs.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const s = cosine(vs[i] as Vector, vs[j] as Vector);
      (sim[i] as Float64Array)[j] = s;
      (sim[j] as Float64Array)[i] = s;
    }
  const members: (number[] | null)[] = vs.map((_, i) => [i]);
  while (true) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++) {
      if (!members[i]) continue;
      const row = sim[i] as Float64Array;
      for (let j = i + 1; j < n; j++)
        if (members[j] && (row[j] as number) > best) {
          best = row[j] as number;
          bi = i;
          bj = j;
        }
    }
    if (bi < 0 || best < mergeAt) break;
    const a = members[bi] as number[];
    const b = members[bj] as number[];
    const rowI = sim[bi] as Float64Array;
    const rowJ = sim[bj] as Float64Array;
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bi || k === bj) continue;
      const merged =
        (a.length * (rowI[k] as number) + b.length * (rowJ[k] as number)) / (a.length + b.length);
      rowI[k] = merged;
      (sim[k] as Float64Array)[bi] = merged;
    }
    members[bi] = [...a, ...b];
    members[bj] = null;
  }
  return members
    .filter((m): m is number[] => m !== null)
    .sort((a, b) => b.length - a.length || (a[0] as number) - (b[0] as number));
}

/** Members by closeness to the cluster's centre: the first is its medoid. */
function byCentrality(members: number[], vs: readonly Vector[]): number[] {
  const score = (i: number) => members.reduce((sum, j) => sum + cosine(vs[i] as Vector, vs[j] as Vector), 0);
  return [...members].sort((a, b) => score(b) - score(a) || a - b);
}

/** A cluster's name: its most distinctive phrase against the rest of the part's sample. */
function nameOf<Q>(members: number[], items: readonly ThemeSentence<Q>[]): string | undefined {
  const count = (indices: Iterable<number>) => {
    const counts = new Map<string, number>();
    const surfaces = new Map<string, string>();
    let total = 0;
    for (const i of indices) {
      const item = items[i] as ThemeSentence<Q>;
      for (const { key, surface } of phrasesOf(item.text, item.language)) {
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (!surfaces.has(key)) surfaces.set(key, surface);
        total++;
      }
    }
    return { counts, surfaces, total };
  };
  const group = count(members);
  const all = count(items.keys());
  // A name is said by at least two of its sentences; prefer phrases of two or three words at equal rank.
  const ranked = logOdds(group.counts, group.total, all.counts, all.total, Math.min(2, members.length));
  const [best] = distinctPhrases(
    [...ranked].sort((a, b) => b.z + 0.5 * b.key.split(' ').length - (a.z + 0.5 * a.key.split(' ').length)),
    1,
  );
  return best ? group.surfaces.get(best.key) : undefined;
}

/**
 * The themes of one part's sample. `used` holds the stems of every sentence already shown in the
 * report (quotes, key points, other themes' representatives): no representative repeats one.
 */
export function findThemes<Q>(
  sampler: ThemeSampler<Q>,
  used: Set<string>[],
  nearDuplicate: number,
): FoundTheme<Q>[] {
  const items = sampler.items.filter((i) => i.stems.length >= THEMES.minimumWords);
  if (items.length < THEMES.minimumSubmissions) return [];
  const vs = vectors(items);
  const themes: FoundTheme<Q>[] = [];
  const names = new Set<string>();
  for (const members of cluster(vs, THEMES.mergeAt)) {
    if (themes.length >= THEMES.perPart) break;
    const units = [...new Set(members.map((i) => (items[i] as ThemeSentence<Q>).unit))];
    if (units.length < THEMES.minimumSubmissions) continue;
    const name = nameOf(members, items);
    if (!name || names.has(name)) continue;
    names.add(name);
    const reviewed = new Set(
      members
        .filter((i) => (items[i] as ThemeSentence<Q>).reviewed)
        .map((i) => (items[i] as ThemeSentence<Q>).unit),
    ).size;
    const candidate = byCentrality(members, vs)
      .map((i) => items[i] as ThemeSentence<Q>)
      .find(
        (item) =>
          item.quote !== null &&
          !used.some((stems) => similarity(stems, new Set(item.stems)) >= nearDuplicate),
      );
    if (candidate) used.push(new Set(candidate.stems));
    themes.push({ name, units: units.sort(), reviewed, representative: candidate?.quote ?? null });
  }
  return themes;
}
