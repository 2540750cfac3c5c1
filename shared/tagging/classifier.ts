import { z } from 'zod';
import { LANGUAGES, type Language } from '../consultation.js';
import { bestThreshold, fitPlatt, type Platt, plattProbability, type UncertainBand } from './calibration.js';
import { type Measured, measurePredictions, type Prediction, scoreLabels } from './evaluate.js';
import { groupedFolds } from './folds.js';
import { dot, type LogisticModel, type SparseVector, trainLogistic } from './logistic.js';
import { MODEL_FORMAT } from './promotion.js';
import { paragraphs, type Span, sentences, terms } from './text.js';

/**
 * The recommendation classifier: one decision per recommendation (one-vs-rest logistic
 * regression over natural's stems and stem bigrams), read over passages as well as the whole text.
 *
 * An answer is cut into passages: its paragraphs, and windows of a few sentences inside long
 * ones. Every passage and the whole text get a raw score per recommendation; a recommendation's
 * raw score is its best, so one paragraph of a long answer can earn its tag alone and a text can
 * carry several. Raw scores become probabilities by Platt scaling fitted on out-of-fold scores
 * (grouped cross-validation on the training data), and each recommendation's threshold is the
 * probability that maximised its F1 on those folds. A tag whose probability lies in the uncertain
 * band is for a reviewer to decide. The sentences of the winning passage that score highest for
 * the recommendation are its evidence.
 *
 * Training sees whole texts with their labels, and each passage of a text as a negative for every
 * recommendation the text does not carry (by the codebook, a passage that advanced it would have
 * earned the text its tag): that teaches the model that a passage about municipalities or
 * partnership in general is not R8, and keeps a short passage from scoring on a word or two.
 *
 * The tagger may abstain. A ninth model, over the whole text, learns the texts the codebook gives
 * no tag (adverts, hostile or generic statements, complaints about the form) against all the
 * others; calibrated like the rest, its probability `none` is the chance that the text advances no
 * recommendation. Where it reaches the gate, chosen like the thresholds by F1 on the grouped
 * cross-validation's out-of-fold scores, the text gets no tag, and no recommendation's probability
 * may exceed 1 - none. Eight one-vs-rest models each see one recommendation's positives against
 * everything else; only this one sees what a text with no recommendation looks like as a whole.
 */

export interface TrainingExample {
  text: string;
  labels: readonly string[];
  language: Language;
  /** Folds keep items of one group (one source document) on the same side; the id where absent. */
  id?: string;
  group?: string;
  /** How much the example counts in training (reviewer decisions count more); 1 where absent. */
  weight?: number;
}

const settingsSchema = z.strictObject({
  /** Whether passages are read at all, or the whole text only (kept for the bench's comparison). */
  passages: z.boolean(),
  /** Sentences per window inside a paragraph longer than that. */
  windowSentences: z.number().int().min(1),
  /** Sentences a window moves by. */
  windowStride: z.number().int().min(1),
  /** Features seen in fewer training texts are left out: they cannot be learnt and bloat the file. */
  minDocumentFrequency: z.number().int().min(1),
  bigrams: z.boolean(),
  /** Weight of a passage as a negative for the labels its text does not carry. */
  passageNegativeWeight: z.number().nonnegative(),
  epochs: z.number().int().min(1),
  learningRate: z.number().positive(),
  l2: z.number().nonnegative(),
  folds: z.number().int().min(2),
  /** Whether a "none" model may make the tagger abstain (absent in models trained before it existed). */
  abstain: z.boolean().optional(),
});
export type ClassifierSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: ClassifierSettings = {
  passages: true,
  windowSentences: 3,
  windowStride: 2,
  minDocumentFrequency: 2,
  bigrams: true,
  passageNegativeWeight: 0.5,
  epochs: 8,
  learningRate: 0.5,
  l2: 0.003,
  folds: 5,
  abstain: true,
};

/** Probabilities a tag is flagged `uncertain` between: a reviewer should decide those. */
export const DEFAULT_BAND: UncertainBand = { low: 0.2, high: 0.8 };

const labelMetricsSchema = z.strictObject({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int(),
});

/** The training data's grouped cross-validation, out of fold: what the model is known to do. */
const crossValidationSchema = z.strictObject({
  folds: z.number().int(),
  groups: z.number().int(),
  macroF1: z.number(),
  microF1: z.number(),
  ece: z.number(),
  perLabel: z.record(z.string(), labelMetricsSchema),
});
export type CrossValidation = z.infer<typeof crossValidationSchema>;

const modelSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  labels: z.array(z.string().min(1)).min(1),
  languages: z.array(z.enum(LANGUAGES)).min(1),
  settings: settingsSchema,
  /** Feature names (stems, and stem pairs joined by a space), in weight order. */
  features: z.array(z.string().min(1)),
  /** Per label: the bias, then one weight per feature. */
  weights: z.record(z.string(), z.array(z.number())),
  calibration: z.record(z.string(), z.strictObject({ a: z.number(), b: z.number() })),
  thresholds: z.record(z.string(), z.number().min(0).max(1)),
  /** The "none" model: its bias and weights (like a label's), calibration, and the probability it abstains at. */
  abstention: z
    .strictObject({
      weights: z.array(z.number()),
      calibration: z.strictObject({ a: z.number(), b: z.number() }),
      gate: z.number().min(0).max(1),
    })
    .optional(),
  uncertainBand: z.strictObject({ low: z.number().min(0).max(1), high: z.number().min(0).max(1) }),
  trainingExamples: z.number().int().nonnegative(),
  crossValidation: crossValidationSchema,
});
export type ClassifierData = z.infer<typeof modelSchema>;

/** A passage, its sentences, and its raw score per label. */
export interface PassageAnalysis extends Span {
  sentences: Span[];
  raw: Float64Array;
}

export interface TextAnalysis {
  language: Language;
  /** Per label: the calibrated probability that the text advances it. */
  scores: Record<string, number>;
  /** The calibrated probability that the text advances no recommendation; 0 for a model without abstention. */
  none: number;
  /** The whole text first, then its passages (none when the text is one passage). */
  passages: PassageAnalysis[];
  /** Per label: the index in `passages` of the passage that gave its score. */
  best: Record<string, number>;
  /** Per sentence: its terms, kept for evidence. */
  sentenceTerms: Map<Span, string[]>;
}

interface LabelModel extends LogisticModel {
  calibration: Platt;
}

export class Classifier {
  readonly labels: readonly string[];
  readonly thresholds: Readonly<Record<string, number>>;
  readonly uncertainBand: UncertainBand;
  readonly languages: readonly Language[];
  readonly settings: ClassifierSettings;
  readonly #index: Map<string, number>;
  readonly #models: LabelModel[];
  readonly #none: (LabelModel & { gate: number }) | undefined;

  constructor(readonly data: ClassifierData) {
    this.labels = data.labels;
    this.thresholds = data.thresholds;
    this.uncertainBand = data.uncertainBand;
    this.languages = data.languages;
    this.settings = data.settings;
    this.#index = new Map(data.features.map((feature, i) => [feature, i]));
    this.#models = data.labels.map((label) => {
      const row = data.weights[label] as number[];
      return {
        bias: row[0] as number,
        weights: Float64Array.from(row.slice(1)),
        calibration: data.calibration[label] as Platt,
      };
    });
    const abstention = data.abstention;
    this.#none = abstention && {
      bias: abstention.weights[0] as number,
      weights: Float64Array.from(abstention.weights.slice(1)),
      calibration: abstention.calibration,
      gate: abstention.gate,
    };
  }

  /** Reads a stored model; a file that is not one says what is wrong with it. */
  static parse(serialised: string): Classifier {
    let raw: unknown;
    try {
      raw = JSON.parse(serialised);
    } catch (error) {
      throw new Error(`the model is not JSON: ${(error as Error).message}`);
    }
    const result = modelSchema.safeParse(raw);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new Error(`the model is not a tagger model (format ${MODEL_FORMAT}): ${problems.join('; ')}`);
    }
    const width = result.data.features.length + 1;
    for (const label of result.data.labels) {
      const row = result.data.weights[label];
      if (row?.length !== width)
        throw new Error(`the model's label ${label} has ${row?.length ?? 0} weights, not ${width}`);
      if (!result.data.calibration[label]) throw new Error(`the model's label ${label} has no calibration`);
    }
    const abstention = result.data.abstention;
    if (abstention && abstention.weights.length !== width)
      throw new Error(`the model's abstention has ${abstention.weights.length} weights, not ${width}`);
    return new Classifier(result.data);
  }

  /** The language the model scores a text in: the text's own if the model knows it, else its first. */
  languageFor(language: Language): Language {
    return this.languages.includes(language) ? language : (this.languages[0] as Language);
  }

  analyse(text: string, requestedLanguage: Language): TextAnalysis {
    const language = this.languageFor(requestedLanguage);
    const { whole, passages, sentenceTerms } = readPassages(text, language, this.settings);
    const vectors = [whole, ...passages].map((p) =>
      vectorise(
        p.sentences.map((s) => sentenceTerms.get(s) ?? []),
        this.#index,
        this.settings,
      ),
    );
    const scored = [whole, ...passages].map((p, i) => ({
      ...p.span,
      sentences: p.sentences,
      raw: this.#raw(vectors[i] as SparseVector),
    }));
    const none = this.#none
      ? plattProbability(this.#none.calibration, dot(this.#none, vectors[0] as SparseVector))
      : 0;
    const ceiling = this.#abstains(none) ? 1 - none : 1;
    const scores: Record<string, number> = {};
    const best: Record<string, number> = {};
    this.labels.forEach((label, k) => {
      let top = 0;
      scored.forEach((p, i) => {
        if ((p.raw[k] as number) > ((scored[top] as PassageAnalysis).raw[k] as number)) top = i;
      });
      best[label] = top;
      const model = this.#models[k] as LabelModel;
      scores[label] = Math.min(
        ceiling,
        plattProbability(model.calibration, (scored[top] as PassageAnalysis).raw[k] as number),
      );
    });
    return { language, scores, none, passages: scored, best, sentenceTerms };
  }

  /** Whether the text earns the label: its probability reaches the threshold and the tagger does not abstain. */
  earns(analysis: Pick<TextAnalysis, 'scores' | 'none'>, label: string): boolean {
    return !this.#abstains(analysis.none) && (analysis.scores[label] ?? 0) >= (this.thresholds[label] ?? 1);
  }

  /** The labels the text earns. */
  predict(analysis: Pick<TextAnalysis, 'scores' | 'none'>): string[] {
    return this.labels.filter((label) => this.earns(analysis, label));
  }

  #abstains(none: number): boolean {
    return this.#none !== undefined && none >= this.#none.gate;
  }

  /** The probability the label would get from one sentence alone: evidence is ranked by it. */
  sentenceScore(stems: readonly string[], label: string): number {
    const model = this.#models[this.labels.indexOf(label)] as LabelModel;
    return plattProbability(model.calibration, dot(model, vectorise([stems], this.#index, this.settings)));
  }

  #raw(x: SparseVector): Float64Array {
    return Float64Array.from(this.#models, (model) => dot(model, x));
  }
}

/** A text read once: its sentences' terms, the whole text, and its passages. */
function readPassages(text: string, language: Language, settings: ClassifierSettings) {
  const sentenceTerms = new Map<Span, string[]>();
  const passages: { span: Span; sentences: Span[] }[] = [];
  const all: Span[] = [];
  for (const paragraph of paragraphs(text)) {
    const spans = sentences(paragraph.text, language).map((s) => ({
      start: paragraph.start + s.start,
      end: paragraph.start + s.end,
      text: s.text,
    }));
    for (const span of spans) sentenceTerms.set(span, terms(span.text, language));
    all.push(...spans);
    const { windowSentences: size, windowStride: stride } = settings;
    for (let start = 0; start < spans.length; start += stride) {
      const run = spans.slice(start, start + size);
      passages.push(spanOf(text, run));
      if (start + size >= spans.length) break;
    }
  }
  const whole = all.length > 0 ? spanOf(text, all) : { span: { start: 0, end: 0, text: '' }, sentences: [] };
  // A text that is one passage is scored once.
  return { whole, passages: settings.passages && passages.length > 1 ? passages : [], sentenceTerms };
}

function spanOf(text: string, run: Span[]): { span: Span; sentences: Span[] } {
  const first = run[0] as Span;
  const last = run.at(-1) as Span;
  return {
    span: { start: first.start, end: last.end, text: text.slice(first.start, last.end) },
    sentences: run,
  };
}

/** The features of some sentences' terms: stems and, within a sentence, stem pairs. */
function featureCounts(sentenceTerms: readonly (readonly string[])[], bigrams: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const stems of sentenceTerms)
    stems.forEach((stem, i) => {
      counts.set(stem, (counts.get(stem) ?? 0) + 1);
      if (bigrams && i > 0) {
        const pair = `${stems[i - 1]} ${stem}`;
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
      }
    });
  return counts;
}

/** log(1 + count) per known feature, scaled to unit length so that long and short passages compare. */
function vectorise(
  sentenceTerms: readonly (readonly string[])[],
  index: ReadonlyMap<string, number>,
  settings: Pick<ClassifierSettings, 'bigrams'>,
): SparseVector {
  const entries: [number, number][] = [];
  for (const [feature, count] of featureCounts(sentenceTerms, settings.bigrams)) {
    const i = index.get(feature);
    if (i !== undefined) entries.push([i, Math.log1p(count)]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((sum, [, v]) => sum + v * v, 0)) || 1;
  return {
    indices: Int32Array.from(entries, ([i]) => i),
    values: Float32Array.from(entries, ([, v]) => v / norm),
  };
}

interface PreparedExample extends TrainingExample {
  sentences: string[][];
  passages: string[][][];
}

function prepare(example: TrainingExample, settings: ClassifierSettings): PreparedExample {
  const { whole, passages, sentenceTerms } = readPassages(example.text, example.language, settings);
  const termsOf = (spans: Span[]) => spans.map((s) => sentenceTerms.get(s) ?? []);
  return {
    ...example,
    sentences: termsOf(whole.sentences),
    passages: passages.map((p) => termsOf(p.sentences)),
  };
}

interface FittedLabels {
  index: Map<string, number>;
  features: string[];
  models: LogisticModel[];
  /** The "none" model, where the settings ask for abstention. */
  none?: LogisticModel;
}

/** One logistic model per label on the given examples, over the features they share often enough. */
function fitLabels(
  examples: readonly PreparedExample[],
  labels: readonly string[],
  settings: ClassifierSettings,
): FittedLabels {
  const frequency = new Map<string, number>();
  for (const example of examples)
    for (const feature of featureCounts(example.sentences, settings.bigrams).keys())
      frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
  const features = [...frequency]
    .filter(([, n]) => n >= settings.minDocumentFrequency)
    .map(([f]) => f)
    .sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const wholes = examples.map((e) => vectorise(e.sentences, index, settings));
  const passages = examples.flatMap((e) =>
    e.passages.map((p) => ({ example: e, x: vectorise(p, index, settings) })),
  );
  const models = labels.map((label, k) => {
    const xs: SparseVector[] = [...wholes];
    const ys: boolean[] = examples.map((e) => e.labels.includes(label));
    const ws: number[] = examples.map((e) => e.weight ?? 1);
    if (settings.passageNegativeWeight > 0)
      for (const { example, x } of passages)
        if (!example.labels.includes(label)) {
          xs.push(x);
          ys.push(false);
          ws.push(settings.passageNegativeWeight * (example.weight ?? 1));
        }
    return trainLogistic(xs, ys, ws, features.length, settings, k + 1);
  });
  // Whole texts only: a passage of a tagged text may well advance nothing on its own.
  const none = settings.abstain
    ? trainLogistic(
        wholes,
        examples.map((e) => e.labels.length === 0),
        examples.map((e) => e.weight ?? 1),
        features.length,
        settings,
        labels.length + 1,
      )
    : undefined;
  return { index, features, models, ...(none ? { none } : {}) };
}

/** Per label the best raw score over the text and its passages; then the "none" model's on the whole text, if any. */
function rawScores(fitted: FittedLabels, example: PreparedExample, settings: ClassifierSettings): number[] {
  const candidates = [example.sentences, ...example.passages].map((p) =>
    vectorise(p, fitted.index, settings),
  );
  const labels = fitted.models.map((model) => Math.max(...candidates.map((x) => dot(model, x))));
  return fitted.none ? [...labels, dot(fitted.none, candidates[0] as SparseVector)] : labels;
}

/** Gates tried for abstention: the probability of "none" at which a text gets no tag. */
const GATE_GRID: readonly number[] = Array.from({ length: 13 }, (_, i) => 0.3 + i * 0.05);

/**
 * The gate with the best micro-F1 over every label of the out-of-fold predictions (a text that
 * abstains loses its tags, right and wrong alike); among equal ones, the middle.
 */
function bestGate(
  labels: readonly string[],
  examples: readonly { labels: readonly string[] }[],
  probabilities: readonly (readonly number[])[],
  none: readonly number[],
  thresholds: readonly number[],
): number {
  let best = -1;
  let ties: number[] = [];
  for (const gate of GATE_GRID) {
    const predicted = probabilities.map((p, i) =>
      (none[i] as number) >= gate
        ? []
        : labels.filter((_, k) => (p[k] as number) >= (thresholds[k] as number)),
    );
    const { microF1 } = scoreLabels(
      labels,
      examples.map((e) => e.labels),
      predicted,
    );
    if (microF1 > best + 1e-12) {
      best = microF1;
      ties = [gate];
    } else if (Math.abs(microF1 - best) <= 1e-12) ties.push(gate);
  }
  return Math.round((ties[Math.floor(ties.length / 2)] as number) * 100) / 100;
}

export interface OutOfFold {
  /** Per example, per label: the calibrated probability from a model that never saw its group. */
  probabilities: number[][];
  folds: number[];
}

/**
 * Trains a model: out-of-fold raw scores by grouped cross-validation, Platt scaling and a threshold
 * per label fitted on them, then the final weights on every example.
 */
export function trainClassifier(
  examples: readonly TrainingExample[],
  labels: readonly string[],
  settings: ClassifierSettings = DEFAULT_SETTINGS,
  band: UncertainBand = DEFAULT_BAND,
): { data: ClassifierData; outOfFold: OutOfFold } {
  if (labels.length === 0) throw new Error('training needs at least one label');
  for (const example of examples)
    for (const label of example.labels)
      if (!labels.includes(label)) throw new Error(`a training example has the unknown label "${label}"`);
  const prepared = examples.map((example) => prepare(example, settings));
  const folds = groupedFolds(
    examples.map((e, i) => ({ id: e.id ?? `#${i}`, ...(e.group ? { group: e.group } : {}) })),
    settings.folds,
  );
  const raw = new Array<number[]>(prepared.length);
  for (let fold = 0; fold < settings.folds; fold++) {
    const fitted = fitLabels(
      prepared.filter((_, i) => folds[i] !== fold),
      labels,
      settings,
    );
    prepared.forEach((example, i) => {
      if (folds[i] === fold) raw[i] = rawScores(fitted, example, settings);
    });
  }
  const truth = (k: number) => prepared.map((e) => e.labels.includes(labels[k] as string));
  const calibration = labels.map((_, k) =>
    fitPlatt(
      raw.map((r) => r[k] as number),
      truth(k),
    ),
  );
  const labelled = raw.map((r) =>
    r.slice(0, labels.length).map((s, k) => plattProbability(calibration[k] as Platt, s)),
  );
  const thresholds = labels.map((_, k) =>
    bestThreshold(
      labelled.map((p) => p[k] as number),
      truth(k),
    ),
  );
  const abstention = settings.abstain
    ? (() => {
        const platt = fitPlatt(
          raw.map((r) => r[labels.length] as number),
          prepared.map((e) => e.labels.length === 0),
        );
        const none = raw.map((r) => plattProbability(platt, r[labels.length] as number));
        return { platt, none, gate: bestGate(labels, prepared, labelled, none, thresholds) };
      })()
    : undefined;
  // What the model says out of fold: no probability above 1 - none where the text abstains.
  const probabilities = labelled.map((p, i) => {
    const none = abstention?.none[i] ?? 0;
    return abstention && none >= abstention.gate ? p.map((q) => Math.min(q, 1 - none)) : p;
  });
  const abstains = (i: number) =>
    abstention !== undefined && (abstention.none[i] as number) >= abstention.gate;

  const final = fitLabels(prepared, labels, settings);
  const round = (value: number, places: number) => Number(value.toFixed(places));
  const data: ClassifierData = {
    format: MODEL_FORMAT,
    labels: [...labels],
    languages: LANGUAGES.filter((l) => examples.some((e) => e.language === l)),
    settings,
    features: final.features,
    weights: Object.fromEntries(
      labels.map((label, k) => {
        const model = final.models[k] as LogisticModel;
        return [label, [round(model.bias, 4), ...Array.from(model.weights, (w) => round(w, 3))]];
      }),
    ),
    calibration: Object.fromEntries(
      labels.map((label, k) => {
        const { a, b } = calibration[k] as Platt;
        return [label, { a: round(a, 4), b: round(b, 4) }];
      }),
    ),
    thresholds: Object.fromEntries(labels.map((label, k) => [label, thresholds[k] as number])),
    ...(abstention && final.none
      ? {
          abstention: {
            weights: [round(final.none.bias, 4), ...Array.from(final.none.weights, (w) => round(w, 3))],
            calibration: { a: round(abstention.platt.a, 4), b: round(abstention.platt.b, 4) },
            gate: abstention.gate,
          },
        }
      : {}),
    uncertainBand: band,
    trainingExamples: examples.length,
    crossValidation: {
      folds: settings.folds,
      groups: new Set(examples.map((e, i) => e.group ?? e.id ?? `#${i}`)).size,
      ...pick(
        measurePredictions(
          labels,
          prepared,
          probabilities.map((p, i) => predictionOf(labels, thresholds, p, abstains(i))),
        ),
      ),
    },
  };
  return { data, outOfFold: { probabilities, folds } };
}

const pick = ({ macroF1, microF1, ece, perLabel }: Measured) => ({ macroF1, microF1, ece, perLabel });

/** The labels and scores of one text, from its probabilities in label order; a text that abstains has no label. */
function predictionOf(
  labels: readonly string[],
  thresholds: readonly number[],
  probabilities: readonly number[],
  abstains: boolean,
): Prediction {
  return {
    labels: abstains
      ? []
      : labels.filter((_, k) => (probabilities[k] as number) >= (thresholds[k] as number)),
    scores: Object.fromEntries(labels.map((label, k) => [label, probabilities[k] as number])),
  };
}

/** The model as a file. Built from sorted features and rounded weights: the same training gives the same bytes. */
export function serialiseClassifier(data: ClassifierData): string {
  return JSON.stringify(data);
}
