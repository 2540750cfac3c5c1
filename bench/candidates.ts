import { BayesClassifier } from 'natural/lib/natural/classifiers/index.js';
import type { Consultation } from '../shared/consultation.js';
import { bestThreshold } from '../shared/tagging/calibration.js';
import {
  Classifier,
  type ClassifierSettings,
  DEFAULT_SETTINGS,
  serialiseClassifier,
  trainClassifier,
} from '../shared/tagging/classifier.js';
import { type LabelledText, recommendationIds } from '../shared/tagging/corpus.js';
import { type Measured, measurePredictions, type Prediction, timed } from '../shared/tagging/evaluate.js';
import { groupedFolds } from '../shared/tagging/folds.js';
import * as mixture from '../shared/tagging/mixture.js';
import type { ValidationSets } from '../shared/tagging/models.js';
import type { Figure } from './support.js';

/** A way of tagging, trained on the training data: what it predicts for a text, its file size, its own CV figure. */
interface Trained {
  predict(item: LabelledText): Prediction;
  bytes: number;
  crossValidatedMacroF1?: number;
}

interface Candidate {
  name: string;
  train(examples: readonly LabelledText[]): Trained;
}

/** The candidates, each trained on the same data and chosen, thresholds included, by grouped CV on it. */
export function candidates(consultation: Consultation): Candidate[] {
  const labels = recommendationIds(consultation);
  const ours = (name: string, settings: Partial<ClassifierSettings>): Candidate => ({
    name,
    train(examples) {
      const { data } = trainClassifier(examples, labels, { ...DEFAULT_SETTINGS, ...settings });
      const serialised = serialiseClassifier(data);
      const classifier = Classifier.parse(serialised);
      return {
        predict: (item) => {
          const analysis = classifier.analyse(item.text, item.language);
          return { labels: classifier.predict(analysis), scores: analysis.scores };
        },
        bytes: Buffer.byteLength(serialised),
        crossValidatedMacroF1: data.crossValidation.macroF1,
      };
    },
  });
  return [
    {
      name: "today's mixture (scores are shares, not probabilities)",
      train(examples) {
        const data = mixture.trainClassifier(examples, labels);
        const classifier = new mixture.Classifier(data);
        return {
          predict: (item) => {
            const analysis = classifier.analyse(item.text, item.language);
            return { labels: classifier.predict(analysis), scores: analysis.scores };
          },
          bytes: Buffer.byteLength(mixture.serialiseClassifier(data)),
        };
      },
    },
    {
      name: 'natural BayesClassifier, thresholded',
      train: (examples) => trainNaturalBayes(examples, labels),
    },
    ours('ours, whole text only', { passages: false }),
    ours('ours, passages, no passage negatives', { passageNegativeWeight: 0 }),
    ours('ours, passages, unigrams only', { bigrams: false }),
    ours('ours, passages, weak L2 (1e-5)', { l2: 1e-5 }),
    ours('ours, no abstention ("none" model off)', { abstain: false }),
    ours('ours (used)', {}),
  ];
}

/**
 * natural's BayesClassifier as it comes (its stemmer, its features), one class per label plus
 * "none", a text added once per label; scored in log space (its products underflow on long texts),
 * per feature so that length does not decide, turned into shares by softmax, and thresholded per
 * label by grouped cross-validation like ours.
 */
function trainNaturalBayes(examples: readonly LabelledText[], labels: readonly string[]): Trained {
  const trainBayes = (items: readonly LabelledText[]) => {
    const bayes = new BayesClassifier();
    for (const item of items)
      for (const label of item.labels.length > 0 ? item.labels : ['none'])
        bayes.addDocument(item.text, label);
    bayes.train();
    const inner = bayes.classifier as unknown as {
      classFeatures: Record<string, Record<number, number>>;
      classTotals: Record<string, number>;
      totalExamples: number;
      smoothing: number;
    };
    const score = (text: string): Record<string, number> => {
      const features = bayes.textToFeatures(text) as number[];
      const present = features.flatMap((v, i) => (v ? [i] : []));
      const classes = Object.keys(inner.classTotals);
      const logs = classes.map((c) => {
        const total = inner.classTotals[c] as number;
        let log = Math.log(total / inner.totalExamples);
        for (const i of present) log += Math.log((inner.classFeatures[c]?.[i] || inner.smoothing) / total);
        return log / Math.max(1, present.length);
      });
      const top = Math.max(...logs);
      const exp = logs.map((l) => Math.exp(l - top));
      const sum = exp.reduce((a, b) => a + b, 0);
      return Object.fromEntries(labels.map((label) => [label, (exp[classes.indexOf(label)] ?? 0) / sum]));
    };
    return { score, bytes: () => Buffer.byteLength(JSON.stringify(bayes)) };
  };
  const folds = groupedFolds(examples, 5);
  const outOfFold = new Array<Record<string, number>>(examples.length);
  for (let fold = 0; fold < 5; fold++) {
    const { score } = trainBayes(examples.filter((_, i) => folds[i] !== fold));
    examples.forEach((item, i) => {
      if (folds[i] === fold) outOfFold[i] = score(item.text);
    });
  }
  const thresholds = Object.fromEntries(
    labels.map((label) => [
      label,
      bestThreshold(
        outOfFold.map((s) => s[label] ?? 0),
        examples.map((item) => item.labels.includes(label)),
      ),
    ]),
  );
  const { score, bytes } = trainBayes(examples);
  return {
    predict: (item) => {
      const scores = score(item.text);
      return { labels: labels.filter((label) => (scores[label] ?? 0) >= (thresholds[label] ?? 1)), scores };
    },
    // What natural's save() writes: its training documents and feature table included.
    bytes: bytes(),
  };
}

export interface SetFigures extends Measured {
  frEsMicroF1: number;
}

export interface CandidateRow {
  name: string;
  trainingMs: number;
  textsPerSecond: number;
  bytes: number;
  crossValidatedMacroF1?: number;
  sets: Record<string, SetFigures>;
}

export function measureCandidate(
  candidate: Candidate,
  training: readonly LabelledText[],
  sets: ValidationSets,
): CandidateRow {
  const started = performance.now();
  const trained = candidate.train(training);
  const trainingMs = performance.now() - started;
  const labels = [...new Set(training.flatMap((t) => t.labels))].sort();
  const named: [string, LabelledText[]][] = [['validation', sets.validation]];
  if (sets.independent) named.push(['independent', sets.independent]);
  const all = named.flatMap(([, items]) => items);
  for (const item of all.slice(0, 20)) trained.predict(item);
  // CPU time, not the wall clock: on a shared machine the wall clock measures the neighbours.
  const { result: predictions, cpuSeconds } = timed(() => all.map((item) => trained.predict(item)));
  const result: Record<string, SetFigures> = {};
  let offset = 0;
  for (const [name, items] of named) {
    const own = predictions.slice(offset, offset + items.length);
    offset += items.length;
    const frEs = items.flatMap((item, i) => (item.language === 'en' ? [] : [i]));
    result[name] = {
      ...measurePredictions(labels, items, own),
      frEsMicroF1: measurePredictions(
        labels,
        frEs.map((i) => items[i] as LabelledText),
        frEs.map((i) => own[i] as Prediction),
      ).microF1,
    };
  }
  return {
    name: candidate.name,
    trainingMs,
    textsPerSecond: all.length / cpuSeconds,
    bytes: trained.bytes,
    ...(trained.crossValidatedMacroF1 === undefined
      ? {}
      : { crossValidatedMacroF1: trained.crossValidatedMacroF1 }),
    sets: result,
  };
}

export function candidateFigures(row: CandidateRow): Figure[] {
  const section = `tagging: ${row.name}`;
  const figures: Figure[] = [];
  if (row.crossValidatedMacroF1 !== undefined)
    figures.push({
      section,
      name: 'training, grouped 5-fold CV macro-F1',
      value: row.crossValidatedMacroF1,
      unit: '',
    });
  for (const [set, f] of Object.entries(row.sets)) {
    figures.push(
      { section, name: `${set} macro-F1`, value: f.macroF1, unit: '' },
      { section, name: `${set} micro-F1`, value: f.microF1, unit: '' },
      {
        section,
        name: `${set} multi-label, all found`,
        value: f.multiLabelAllFound?.rate ?? 0,
        unit: '',
        note: `${f.multiLabelAllFound?.found} of ${f.multiLabelAllFound?.of}`,
      },
      {
        section,
        name: `${set} no-label texts tagged`,
        value: f.noLabelFalsePositives?.rate ?? 0,
        unit: '',
        note: `${f.noLabelFalsePositives?.tagged} of ${f.noLabelFalsePositives?.of}`,
      },
      { section, name: `${set} R2 recall`, value: f.perLabel.R2?.recall ?? 0, unit: '' },
      { section, name: `${set} R8 precision`, value: f.perLabel.R8?.precision ?? 0, unit: '' },
      { section, name: `${set} fr+es micro-F1`, value: f.frEsMicroF1, unit: '' },
      { section, name: `${set} ECE`, value: f.ece, unit: '' },
    );
  }
  figures.push(
    { section, name: 'texts per CPU second (one core)', value: row.textsPerSecond, unit: 'texts/s' },
    { section, name: 'training', value: row.trainingMs, unit: 'ms' },
  );
  if (row.bytes > 0) figures.push({ section, name: 'model file', value: row.bytes / 1024, unit: 'KiB' });
  return figures;
}

/** The candidates as one table, a row each, so they read side by side. */
export function printSideBySide(rows: readonly CandidateRow[]): void {
  const sets = [...new Set(rows.flatMap((r) => Object.keys(r.sets)))];
  const f = (v: number | undefined) => (v === undefined ? '  -  ' : v.toFixed(3));
  const header = [
    'candidate'.padEnd(56),
    'CV',
    ...sets.flatMap((s) => [
      `${s} macro`,
      'micro',
      'all-found',
      'none-FP',
      'R2 rec',
      'R8 prec',
      'fr/es',
      'ECE',
    ]),
    'texts/s',
    'KiB',
  ];
  const lines = [header.join(' | ')];
  for (const row of rows)
    lines.push(
      [
        row.name.padEnd(56),
        f(row.crossValidatedMacroF1),
        ...sets.flatMap((s) => {
          const m = row.sets[s] as SetFigures;
          return [
            f(m.macroF1),
            f(m.microF1),
            f(m.multiLabelAllFound?.rate),
            f(m.noLabelFalsePositives?.rate),
            f(m.perLabel.R2?.recall),
            f(m.perLabel.R8?.precision),
            f(m.frEsMicroF1),
            f(m.ece),
          ];
        }),
        Math.round(row.textsPerSecond).toString(),
        row.bytes > 0 ? (row.bytes / 1024).toFixed(0) : '-',
      ].join(' | '),
    );
  process.stderr.write(`\nTagging candidates side by side:\n${lines.join('\n')}\n\n`);
}
