import { detectLanguage } from '../language.js';
import type { ModelEvaluation } from '../stores/ports.js';
import { expectedCalibrationError } from './calibration.js';
import type { Classifier } from './classifier.js';
import type { LabelledText } from './corpus.js';
import { sentences } from './text.js';

export interface LabelCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Evaluation extends ModelEvaluation {
  count: number;
  /** Wall-clock throughput: what a quiet single core gives, or less on a busy machine. */
  textsPerSecond: number;
  /** Throughput per second of CPU this process got: the one-core figure even when other work competes. */
  textsPerCpuSecond: number;
}

/** Runs `work` and says how long it took, on the wall clock and in this process's CPU time. */
export function timed<T>(work: () => T): { result: T; seconds: number; cpuSeconds: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const used = process.cpuUsage(cpu);
  return {
    result,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const f1Of = (precision: number, recall: number) =>
  precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Precision, recall and F1 per label, their macro average (the mean F1 of the labels that occur in
 * the truth or the predictions: a file about four recommendations is not marked down for the other
 * four, while a label only ever predicted wrongly counts with F1 0) and the micro average (F1 of
 * the pooled counts).
 */
export function scoreLabels(
  labels: readonly string[],
  truth: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
): Pick<ModelEvaluation, 'macroF1' | 'microF1' | 'perLabel'> {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const counts = new Map<string, LabelCounts>(
    labels.map((label) => [label, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }]),
  );
  truth.forEach((gold, i) => {
    const guess = predicted[i] ?? [];
    for (const [label, c] of counts) {
      const isTrue = gold.includes(label);
      const isPredicted = guess.includes(label);
      if (isTrue && isPredicted) c.truePositives++;
      else if (isPredicted) c.falsePositives++;
      else if (isTrue) c.falseNegatives++;
    }
  });
  const perLabel: ModelEvaluation['perLabel'] = {};
  let pooled: LabelCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const [label, c] of counts) {
    const precision = ratio(c.truePositives, c.truePositives + c.falsePositives);
    const recall = ratio(c.truePositives, c.truePositives + c.falseNegatives);
    perLabel[label] = {
      precision: round(precision),
      recall: round(recall),
      f1: round(f1Of(precision, recall)),
      support: c.truePositives + c.falseNegatives,
    };
    pooled = {
      truePositives: pooled.truePositives + c.truePositives,
      falsePositives: pooled.falsePositives + c.falsePositives,
      falseNegatives: pooled.falseNegatives + c.falseNegatives,
    };
  }
  const f1s = [...counts].flatMap(([label, c]) =>
    c.truePositives + c.falsePositives + c.falseNegatives > 0 ? [perLabel[label]?.f1 ?? 0] : [],
  );
  return {
    macroF1: round(f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length)),
    microF1: round(
      f1Of(
        ratio(pooled.truePositives, pooled.truePositives + pooled.falsePositives),
        ratio(pooled.truePositives, pooled.truePositives + pooled.falseNegatives),
      ),
    ),
    perLabel,
  };
}

/** What a classifier said about one text: its tags, and every label's probability. */
export interface Prediction {
  labels: string[];
  scores: Record<string, number>;
}

export type Measured = Omit<ModelEvaluation, 'dataset' | 'ece'> & { ece: number; count: number };

/**
 * Everything `npm run eval` reports about predictions against the truth: per-label and averaged
 * F1, the same per language, the expected calibration error of every label's probability, how many
 * texts with two or more labels had all of them found, and how many texts with none got a tag.
 */
export function measurePredictions(
  labels: readonly string[],
  items: readonly { labels: readonly string[]; language: string }[],
  predictions: readonly Prediction[],
): Measured {
  const scored = (indices: number[]) =>
    scoreLabels(
      labels,
      indices.map((i) => (items[i] as (typeof items)[number]).labels),
      indices.map((i) => (predictions[i] as Prediction).labels),
    );
  const calibrationOf = (indices: number[]) => {
    const probabilities: number[] = [];
    const truth: boolean[] = [];
    for (const i of indices)
      for (const label of labels) {
        probabilities.push((predictions[i] as Prediction).scores[label] ?? 0);
        truth.push((items[i] as (typeof items)[number]).labels.includes(label));
      }
    return round(expectedCalibrationError(probabilities, truth));
  };
  const all = items.map((_, i) => i);
  const byLanguage: NonNullable<ModelEvaluation['byLanguage']> = {};
  for (const language of [...new Set(items.map((item) => item.language))].sort()) {
    const indices = all.filter((i) => items[i]?.language === language);
    const { macroF1, microF1 } = scored(indices);
    byLanguage[language] = { macroF1, microF1, ece: calibrationOf(indices), count: indices.length };
  }
  const multi = all.filter((i) => (items[i]?.labels.length ?? 0) >= 2);
  const found = multi.filter((i) =>
    items[i]?.labels.every((label) => predictions[i]?.labels.includes(label)),
  ).length;
  const empty = all.filter((i) => items[i]?.labels.length === 0);
  const tagged = empty.filter((i) => (predictions[i]?.labels.length ?? 0) > 0).length;
  return {
    ...scored(all),
    byLanguage,
    ece: calibrationOf(all),
    multiLabelAllFound: { found, of: multi.length, rate: round(ratio(found, multi.length)) },
    noLabelFalsePositives: { tagged, of: empty.length, rate: round(ratio(tagged, empty.length)) },
    count: items.length,
  };
}

const WARM_UP = 20;

/** Tags every text with the classifier and measures the result; the predictions come back in input order. */
export function evaluateClassifier(
  classifier: Classifier,
  items: readonly LabelledText[],
  dataset: string,
): Evaluation & { predictions: Prediction[] } {
  if (items.length === 0) throw new Error(`${dataset} has no labelled text to evaluate`);
  // The first texts pay for JIT compilation, which a long-running tagger pays once: not timed.
  for (const item of items.slice(0, WARM_UP)) classifier.analyse(item.text, item.language);
  const {
    result: analyses,
    seconds,
    cpuSeconds,
  } = timed(() => items.map((item) => classifier.analyse(item.text, item.language)));
  const predictions = analyses.map((analysis) => ({
    labels: classifier.predict(analysis),
    scores: Object.fromEntries(Object.entries(analysis.scores).map(([label, p]) => [label, round(p)])),
  }));
  return {
    dataset,
    ...measurePredictions(classifier.labels, items, predictions),
    textsPerSecond: Math.round(items.length / Math.max(seconds, 1e-6)),
    textsPerCpuSecond: Math.round(items.length / Math.max(cpuSeconds, 1e-6)),
    predictions,
  };
}

const LENGTH_BUCKETS = [
  { name: 'under 40 characters', below: 40 },
  { name: '40-79', below: 80 },
  { name: '80-159', below: 160 },
  { name: '160 and more', below: Number.POSITIVE_INFINITY },
] as const;

export type DetectionByLength = Record<
  string,
  { texts: number; sure: number; correct: number; accuracy: number }
>;

/**
 * How language detection does by length, on texts whose language the file states and on each of
 * their sentences (the short texts). `sure` counts detections confident enough to use; `accuracy`
 * is the share of those that are right (the rest fall back to the page's language).
 */
export function measureLanguageDetection(items: readonly LabelledText[]): DetectionByLength {
  const result: DetectionByLength = {};
  for (const bucket of LENGTH_BUCKETS) result[bucket.name] = { texts: 0, sure: 0, correct: 0, accuracy: 0 };
  for (const item of items) {
    if (!item.languageGiven) continue;
    const texts = [item.text, ...sentences(item.text, item.language).map((s) => s.text)];
    for (const text of new Set(texts)) {
      const bucket = LENGTH_BUCKETS.find((b) => text.length < b.below) as (typeof LENGTH_BUCKETS)[number];
      const row = result[bucket.name] as DetectionByLength[string];
      const guess = detectLanguage(text);
      row.texts++;
      if (guess !== undefined) row.sure++;
      if (guess === item.language) row.correct++;
    }
  }
  for (const row of Object.values(result)) row.accuracy = round(ratio(row.correct, row.sure));
  return result;
}
