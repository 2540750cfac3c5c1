import { z } from 'zod';
import { LANGUAGES, type Language } from '../consultation.js';
import { bestThreshold } from './calibration.js';
import { paragraphs, type Span, sentences, terms } from './text.js';

/**
 * The tagger before issue 11, kept as the reference `npm run bench` compares against (bench/candidates.ts);
 * the tagger itself uses classifier.ts. Multinomial naive Bayes over natural's stems, one model per
 * language, read as a mixture.
 *
 * An answer is cut into passages (its paragraphs, long ones split) and each passage is modelled
 * as sentences drawn from a mix of the recommendations and "none" (off-topic or generic prose).
 * Expectation-maximisation estimates the mix: each sentence's responsibilities (which class it
 * most likely came from) and each class's share of the passage. A share is a proportion, so it
 * does not grow with the text's length the way whole-text Bayes posteriors or per-sentence maxima
 * do, and a passage can hold several recommendations at once: the multi-label case. A label's
 * score is its best share over the passages; it is a tag where the score reaches the label's
 * threshold, learnt by cross-validation on the training set. The sentences most responsible for a
 * label are its evidence.
 *
 * Why not natural's BayesClassifier itself: it counts word presence with ad-hoc smoothing, returns
 * products that underflow, and serialises its training documents; fitted and thresholded the same
 * way it measured lower (see README, "Tagging"). Tokenizers, stemmers and stop words are natural's.
 */

export const NONE = 'none';

export interface TrainingExample {
  text: string;
  labels: readonly string[];
  language: Language;
}

/** How the mixture is estimated; stored with each model so that a model always scores as it was trained. */
const settingsSchema = z.strictObject({
  /** Additive smoothing of term counts per class. */
  smoothing: z.number().positive(),
  /** Tempers a sentence's log-likelihood: words of one sentence are not independent evidence. */
  sentenceWeight: z.number().positive().max(1),
  /** Pseudo-count, in terms, each class gets in every passage: keeps a short passage's shares modest. */
  priorTerms: z.number().nonnegative(),
  /** Passages longer than this many sentences are split evenly, so that they stay training-sized. */
  maxPassageSentences: z.number().int().min(1),
});
export type ClassifierSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: ClassifierSettings = {
  smoothing: 1,
  sentenceWeight: 0.3,
  priorTerms: 4,
  maxPassageSentences: 8,
};

const MODEL_FORMAT = 1;

const modelSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  labels: z.array(z.string().min(1)).min(1),
  settings: settingsSchema,
  thresholds: z.record(z.string(), z.number().min(0).max(1)),
  trainingExamples: z.number().int().nonnegative(),
  /** Per language: each stem's (fractional) count in every class, labels first, then "none". */
  languages: z.partialRecord(z.enum(LANGUAGES), z.record(z.string(), z.array(z.number().nonnegative()))),
});
export type ClassifierData = z.infer<typeof modelSchema>;

/** A passage's mix: each class's share, and each sentence's responsibilities over the classes. */
export interface PassageAnalysis extends Span {
  shares: Float64Array;
  sentences: { span: Span; responsibilities: Float64Array | undefined }[];
}

export interface TextAnalysis {
  language: Language;
  /** The classes in order: the labels, then "none". */
  classes: readonly string[];
  /** Per label: its best share over the passages, in [0, 1]. */
  scores: Record<string, number>;
  passages: PassageAnalysis[];
}

const EM_ITERATIONS = 50;
const EM_TOLERANCE = 1e-5;

interface LanguageModel {
  logProbabilities: Map<string, Float64Array>;
}

export class Classifier {
  readonly labels: readonly string[];
  readonly classes: readonly string[];
  readonly thresholds: Readonly<Record<string, number>>;
  readonly settings: ClassifierSettings;
  readonly languages: readonly Language[];
  readonly #models: Partial<Record<Language, LanguageModel>>;

  constructor(readonly data: ClassifierData) {
    this.labels = data.labels;
    this.classes = [...data.labels, NONE];
    this.thresholds = data.thresholds;
    this.settings = data.settings;
    this.#models = {};
    for (const language of LANGUAGES) {
      const counts = data.languages[language];
      if (counts) this.#models[language] = logProbabilities(counts, this.classes.length, data.settings);
    }
    this.languages = LANGUAGES.filter((l) => this.#models[l]);
    if (this.languages.length === 0) throw new Error('the model has no language');
  }

  /** The language the model scores a text in: the text's own if the model knows it, else its first. */
  languageFor(language: Language): Language {
    return this.#models[language] ? language : (this.languages[0] as Language);
  }

  analyse(text: string, requestedLanguage: Language): TextAnalysis {
    const language = this.languageFor(requestedLanguage);
    const model = this.#models[language] as LanguageModel;
    const passages = splitPassages(text, language, this.settings.maxPassageSentences).map((passage) =>
      this.#mix(passage, model, language),
    );
    const scores: Record<string, number> = {};
    this.labels.forEach((label, k) => {
      scores[label] = Math.max(0, ...passages.map((p) => p.shares[k] ?? 0));
    });
    return { language, classes: this.classes, scores, passages };
  }

  /** The labels whose score reaches their threshold. */
  predict(analysis: TextAnalysis): string[] {
    return this.labels.filter((label) => (analysis.scores[label] ?? 0) >= (this.thresholds[label] ?? 1));
  }

  #mix(
    passage: { span: Span; sentences: Span[] },
    model: LanguageModel,
    language: Language,
  ): PassageAnalysis {
    const K = this.classes.length;
    const { sentenceWeight, priorTerms } = this.settings;
    const scored = passage.sentences.map((span) => ({
      span,
      ...sentenceLikelihood(model, terms(span.text, language), K),
    }));
    const known = scored.filter((s) => s.termCount > 0);
    const shares = new Float64Array(K);
    const responsibilities = new Map<Span, Float64Array>();
    if (known.length === 0) {
      shares[K - 1] = 1;
    } else {
      shares.fill(1 / K);
      const total = known.reduce((sum, s) => sum + s.termCount, 0) + K * priorTerms;
      for (let iteration = 0; iteration < EM_ITERATIONS; iteration++) {
        const next = new Float64Array(K).fill(priorTerms);
        for (const s of known) {
          const r = softmax(
            s.logLikelihood.map((l, k) => sentenceWeight * l + Math.log(shares[k] as number)),
          );
          responsibilities.set(s.span, r);
          for (let k = 0; k < K; k++) next[k] = (next[k] as number) + s.termCount * (r[k] as number);
        }
        let change = 0;
        for (let k = 0; k < K; k++) {
          const share = (next[k] as number) / total;
          change = Math.max(change, Math.abs(share - (shares[k] as number)));
          shares[k] = share;
        }
        if (change < EM_TOLERANCE) break;
      }
    }
    return {
      ...passage.span,
      shares,
      sentences: scored.map((s) => ({ span: s.span, responsibilities: responsibilities.get(s.span) })),
    };
  }
}

/**
 * Trains a model: term counts per language and class, then thresholds learnt on out-of-fold scores.
 *
 * The counts: a text counts towards each of its labels (or "none" when it has none). A text with
 * several labels, or with polite generic sentences around its point, would blur its classes if
 * every sentence counted everywhere, so after a first count each sentence is shared among the
 * text's own labels and "none" by how well each explains it, and the counts are made again.
 *
 * The thresholds: each text is scored by a model trained without it (k-fold), and each label's
 * threshold is the one that maximises its F1 on those scores, so they hold for unseen text.
 */
export function trainClassifier(
  examples: readonly TrainingExample[],
  labels: readonly string[],
  settings: ClassifierSettings = DEFAULT_SETTINGS,
): ClassifierData {
  if (labels.length === 0) throw new Error('training needs at least one label');
  for (const example of examples)
    for (const label of example.labels)
      if (!labels.includes(label)) throw new Error(`a training example has the unknown label "${label}"`);
  const prepared = examples.map((example) => prepare(example, labels));
  const outOfFold = new Array<Record<string, number>>(prepared.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = new Classifier({
      format: MODEL_FORMAT,
      labels: [...labels],
      settings,
      thresholds: {},
      trainingExamples: 0,
      languages: countTerms(
        prepared.filter((_, i) => i % FOLDS !== fold),
        labels.length + 1,
        settings,
      ),
    });
    prepared.forEach((example, i) => {
      if (i % FOLDS === fold) outOfFold[i] = model.analyse(example.text, example.language).scores;
    });
  }
  return {
    format: MODEL_FORMAT,
    labels: [...labels],
    settings,
    thresholds: Object.fromEntries(
      labels.map((label) => [
        label,
        bestThreshold(
          outOfFold.map((scores) => scores[label] ?? 0),
          prepared.map((example) => example.labels.includes(label)),
          SHARE_GRID,
        ),
      ]),
    ),
    trainingExamples: examples.length,
    languages: countTerms(prepared, labels.length + 1, settings),
  };
}

/** The model as a file: term keys sorted, so that the same training gives the same bytes and version. */
export function serialiseClassifier(data: ClassifierData): string {
  const languages: ClassifierData['languages'] = {};
  for (const language of LANGUAGES) {
    const counts = data.languages[language];
    if (counts)
      languages[language] = Object.fromEntries(
        Object.keys(counts)
          .sort()
          .map((t) => [t, counts[t] as number[]]),
      );
  }
  return JSON.stringify({ ...data, languages });
}

const FOLDS = 5;
const ATTRIBUTION_ROUNDS = 2;
/** Shares tried as thresholds, 0.05 to 0.60: a share rarely passes 0.6. */
const SHARE_GRID = Array.from({ length: 56 }, (_, i) => 0.05 + i / 100);

interface PreparedExample extends TrainingExample {
  /** The classes the example's sentences may be attributed to. */
  allowed: number[];
  sentenceTerms: string[][];
}

function prepare(example: TrainingExample, labels: readonly string[]): PreparedExample {
  const none = labels.length;
  const own = example.labels.map((label) => labels.indexOf(label));
  return {
    ...example,
    allowed: [...new Set([...own, none])],
    sentenceTerms: sentences(example.text, example.language).map((s) => terms(s.text, example.language)),
  };
}

function countTerms(
  examples: readonly PreparedExample[],
  K: number,
  settings: ClassifierSettings,
): ClassifierData['languages'] {
  const languages: ClassifierData['languages'] = {};
  for (const language of LANGUAGES) {
    const own = examples.filter((e) => e.language === language);
    if (own.length === 0) continue;
    // First count: every sentence towards each of its text's labels (none only for negatives).
    let counts = accumulate(own, K, (example) => {
      const labelled = example.allowed.length > 1 ? example.allowed.slice(0, -1) : example.allowed;
      const weights = new Float64Array(K);
      for (const k of labelled) weights[k] = 1;
      return () => weights;
    });
    for (let round = 0; round < ATTRIBUTION_ROUNDS; round++) {
      const model = logProbabilities(counts, K, settings);
      counts = accumulate(own, K, (example) => (stems) => {
        const { logLikelihood } = sentenceLikelihood(model, stems, K);
        const z = example.allowed.map((k) => settings.sentenceWeight * (logLikelihood[k] as number));
        const top = Math.max(...z);
        const e = z.map((v) => Math.exp(v - top));
        const sum = e.reduce((a, b) => a + b, 0);
        const weights = new Float64Array(K);
        example.allowed.forEach((k, j) => {
          weights[k] = (e[j] as number) / sum;
        });
        return weights;
      });
    }
    languages[language] = counts;
  }
  return languages;
}

/** Adds each sentence's stems to the classes, weighted as `weigh` says for that example and sentence. */
function accumulate(
  examples: readonly PreparedExample[],
  K: number,
  weigh: (example: PreparedExample) => (stems: string[]) => Float64Array,
): Record<string, number[]> {
  const counts: Record<string, number[]> = {};
  for (const example of examples) {
    const weightsFor = weigh(example);
    for (const stems of example.sentenceTerms) {
      const weights = weightsFor(stems);
      for (const stem of stems) {
        const row = counts[stem] ?? new Array<number>(K).fill(0);
        counts[stem] = row;
        for (let k = 0; k < K; k++) row[k] = (row[k] as number) + (weights[k] as number);
      }
    }
  }
  // Two decimals keep the file small and change no decision; rounding here, before the model is
  // used, makes the cross-validated thresholds and the published model score alike.
  for (const row of Object.values(counts))
    for (let k = 0; k < K; k++) row[k] = Math.round((row[k] as number) * 100) / 100;
  return counts;
}

function logProbabilities(
  counts: Record<string, number[]>,
  K: number,
  settings: ClassifierSettings,
): LanguageModel {
  const totals = new Float64Array(K);
  for (const row of Object.values(counts))
    for (let k = 0; k < K; k++) totals[k] = (totals[k] as number) + (row[k] ?? 0);
  const vocabulary = Object.keys(counts).length;
  const logProbabilities = new Map<string, Float64Array>();
  for (const [term, row] of Object.entries(counts)) {
    const logs = new Float64Array(K);
    for (let k = 0; k < K; k++)
      logs[k] = Math.log(
        ((row[k] ?? 0) + settings.smoothing) / ((totals[k] as number) + settings.smoothing * vocabulary),
      );
    logProbabilities.set(term, logs);
  }
  return { logProbabilities };
}

/** A sentence's log-likelihood under each class; words the model never saw carry no evidence. */
function sentenceLikelihood(model: LanguageModel, stems: string[], K: number) {
  const logLikelihood = new Float64Array(K);
  let termCount = 0;
  for (const stem of stems) {
    const logs = model.logProbabilities.get(stem);
    if (!logs) continue;
    termCount++;
    for (let k = 0; k < K; k++) logLikelihood[k] = (logLikelihood[k] as number) + (logs[k] as number);
  }
  return { logLikelihood, termCount };
}

function softmax(values: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  const out = values.map((v) => Math.exp(v - max));
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((v) => v / sum);
}

/** Paragraphs, each split evenly into runs of at most `max` sentences. */
function splitPassages(text: string, language: Language, max: number): { span: Span; sentences: Span[] }[] {
  const passages: { span: Span; sentences: Span[] }[] = [];
  for (const paragraph of paragraphs(text)) {
    const spans = sentences(paragraph.text, language).map((s) => ({
      start: paragraph.start + s.start,
      end: paragraph.start + s.end,
      text: s.text,
    }));
    const parts = Math.ceil(spans.length / max);
    for (let p = 0; p < parts; p++) {
      const run = spans.slice(
        Math.floor((p * spans.length) / parts),
        Math.floor(((p + 1) * spans.length) / parts),
      );
      const first = run[0] as Span;
      const last = run.at(-1) as Span;
      passages.push({
        span: { start: first.start, end: last.end, text: text.slice(first.start, last.end) },
        sentences: run,
      });
    }
  }
  return passages;
}
