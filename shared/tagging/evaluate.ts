import type { ModelEvaluation } from '../stores/ports.js';
import type { Classifier } from './classifier.js';
import type { LabelledText } from './corpus.js';

export interface LabelCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Evaluation extends ModelEvaluation {
  count: number;
  textsPerSecond: number;
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

const WARM_UP = 20;

/** Tags every text with the classifier and measures the result, overall and per language. */
export function evaluateClassifier(
  classifier: Classifier,
  items: readonly LabelledText[],
  dataset: string,
): Evaluation {
  if (items.length === 0) throw new Error(`${dataset} has no labelled text to evaluate`);
  // The first texts pay for JIT compilation, which a long-running tagger pays once: not timed.
  for (const item of items.slice(0, WARM_UP)) classifier.analyse(item.text, item.language);
  const started = performance.now();
  const predicted = items.map((item) => classifier.predict(classifier.analyse(item.text, item.language)));
  const seconds = (performance.now() - started) / 1000;

  const byLanguage: NonNullable<ModelEvaluation['byLanguage']> = {};
  for (const language of [...new Set(items.map((item) => item.language))].sort()) {
    const indices = items.flatMap((item, i) => (item.language === language ? [i] : []));
    const scored = scoreLabels(
      classifier.labels,
      indices.map((i) => (items[i] as LabelledText).labels),
      indices.map((i) => predicted[i] as string[]),
    );
    byLanguage[language] = { macroF1: scored.macroF1, microF1: scored.microF1, count: indices.length };
  }
  return {
    dataset,
    ...scoreLabels(
      classifier.labels,
      items.map((item) => item.labels),
      predicted,
    ),
    byLanguage,
    count: items.length,
    textsPerSecond: Math.round(items.length / Math.max(seconds, 1e-6)),
  };
}
