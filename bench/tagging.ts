import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { runtimeOn, startEmbeddedStack } from '../functions/local/embedded-stack.js';
import { loadCatalogue } from '../shared/consultation.js';
import { createLogger } from '../shared/logger.js';
import type { Submission } from '../shared/submission.js';
import {
  readLabelledFile,
  readTrainingFixtures,
  recommendationIds,
  VALIDATION_FILE,
} from '../shared/tagging/corpus.js';
import { evaluateClassifier, scoreLabels } from '../shared/tagging/evaluate.js';
import { trainModel } from '../shared/tagging/models.js';
import { runTaggingPass } from '../shared/tagging/run.js';
import { type Figure, progress } from './support.js';

/**
 * The tagger, measured three ways: classification alone on one core, our method against natural's
 * BayesClassifier used the obvious way on the same data, and a whole pass over pending submissions
 * on the local stack.
 */
export async function benchTagging(pending: number): Promise<Figure[]> {
  const consultation = loadCatalogue().default;
  const labels = recommendationIds(consultation);
  const training = await readTrainingFixtures(consultation);
  const validation = await readLabelledFile(VALIDATION_FILE, labels);
  const figures: Figure[] = [];

  progress(`training on ${training.length} examples and measuring on ${validation.length} validation texts`);
  let started = performance.now();
  const model = trainModel(consultation, training);
  const ourTrainingMs = performance.now() - started;
  const ours = evaluateClassifier(model.classifier, validation, VALIDATION_FILE);

  progress('the baseline: natural BayesClassifier, whole text, one label, top-level import');
  started = performance.now();
  // The obvious way, on purpose: the package's front door, which loads its storage back-ends too.
  const { default: natural } = await import('natural');
  const importMs = performance.now() - started;
  started = performance.now();
  const bayes = new natural.BayesClassifier();
  for (const example of training) bayes.addDocument(example.text, example.labels[0] ?? 'none');
  bayes.train();
  const baselineTrainingMs = performance.now() - started;
  started = performance.now();
  const guesses = validation.map((item) => {
    const label = bayes.classify(item.text);
    return label === 'none' ? [] : [label];
  });
  const baselineSeconds = (performance.now() - started) / 1000;
  const baseline = scoreLabels(
    labels,
    validation.map((item) => item.labels),
    guesses,
  );
  const baselineSpeed = validation.length / baselineSeconds;

  const section = 'tagging vs natural Bayes';
  figures.push(
    { section, name: 'ours macro-F1', value: ours.macroF1, unit: '' },
    { section, name: 'baseline macro-F1', value: baseline.macroF1, unit: '' },
    { section, name: 'macro-F1 ratio (ours / baseline)', value: ours.macroF1 / baseline.macroF1, unit: '×' },
    { section, name: 'ours micro-F1', value: ours.microF1, unit: '' },
    { section, name: 'baseline micro-F1', value: baseline.microF1, unit: '' },
    { section, name: 'ours texts/s (one core)', value: ours.textsPerSecond, unit: 'texts/s' },
    { section, name: 'baseline texts/s (one core)', value: baselineSpeed, unit: 'texts/s' },
    { section, name: 'speed ratio (ours / baseline)', value: ours.textsPerSecond / baselineSpeed, unit: '×' },
    { section, name: 'ours training', value: ourTrainingMs, unit: 'ms' },
    { section, name: 'baseline training', value: baselineTrainingMs, unit: 'ms' },
    { section, name: 'baseline import of natural', value: importMs, unit: 'ms' },
    { section, name: 'model file', value: model.serialised.length / 1024, unit: 'KiB' },
  );
  for (const [language, result] of Object.entries(ours.byLanguage ?? {}))
    figures.push({
      section,
      name: `ours macro-F1 ${language}`,
      value: result.macroF1,
      unit: '',
      note: `${result.count} texts`,
    });

  figures.push(
    ...(await benchTaggingPass(
      pending,
      validation.map((item) => item.text),
    )),
  );
  return figures;
}

/** A full tagging pass over `count` pending submissions on embedded servers, as the tagger Lambda runs it. */
async function benchTaggingPass(count: number, texts: string[]): Promise<Figure[]> {
  const s3Directory = await mkdtemp(join(tmpdir(), 'gcm-bench-tag-'));
  const stack = await startEmbeddedStack({ s3Directory });
  const runtime = await runtimeOn(stack);
  const newId = monotonicFactory();
  try {
    progress(`storing ${count} pending submissions`);
    const at = new Date().toISOString();
    for (let start = 0; start < count; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - start) }, (_, j) => {
          const i = start + j;
          const submission: Submission = {
            id: newId(),
            consultationId: runtime.catalogue.default.id,
            stakeholder: {
              organization: `Bench ${i}`,
              email: 'bench@example.org',
              type: 'civil_society',
              country: 'KE',
            },
            language: 'en',
            languageSource: 'declared',
            answers: { Q1: texts[i % texts.length] as string },
            consent: { quote: true, attribution: false },
            submittedAt: at,
            updatedAt: at,
            status: 'received',
            version: 1,
            tags: [],
          };
          return runtime.store.create(submission, 'bench');
        }),
      );
      if ((start / 50) % 40 === 0) progress(`  ${start} stored`);
    }
    progress('tagging them in one pass');
    const summary = await runTaggingPass({
      store: runtime.store,
      models: runtime.models,
      logger: createLogger('bench', 'ERROR'),
    });
    const section = 'tagging pass on the local stack';
    return [
      { section, name: 'submissions tagged', value: summary.tagged, unit: 'count', note: `of ${count}` },
      { section, name: 'duration', value: summary.durationMs / 1000, unit: 's' },
      {
        section,
        name: 'end-to-end throughput',
        value: summary.tagged / (summary.durationMs / 1000),
        unit: 'texts/s',
      },
    ];
  } finally {
    runtime.dynamo.destroy();
    runtime.s3.destroy();
    await stack.stop();
    await rm(s3Directory, { recursive: true, force: true });
  }
}
