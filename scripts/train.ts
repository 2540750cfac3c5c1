import { parseArgs } from 'node:util';
import { withLocalRuntime } from '../functions/local/connect.js';
import type { ModelEvaluation } from '../shared/stores/ports.js';
import { formatEvaluation } from '../shared/tagging/format.js';
import { type Comparison, makeCurrent, retrain } from '../shared/tagging/models.js';

const USAGE = 'usage: npm run train -- [--force] | --make-current VERSION';

/**
 * `npm run train`: trains on the fixtures and the reviewers' decisions, measures the current model
 * and the new one on both validation sets, and stores the new one in the local S3. It becomes
 * current unless it scores lower on the independent set; --force makes it current anyway, and
 * --make-current VERSION makes any stored version current (an admin's call).
 */
let args: { force?: boolean; 'make-current'?: string };
try {
  ({ values: args } = parseArgs({
    options: { force: { type: 'boolean' }, 'make-current': { type: 'string' } },
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const version = args['make-current'];
if (version !== undefined) {
  try {
    const manifest = await withLocalRuntime((runtime) => makeCurrent(runtime.models, version));
    console.log(`Model ${manifest.version} is now current.`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
} else {
  const published = await withLocalRuntime((runtime) =>
    retrain({
      store: runtime.store,
      models: runtime.models,
      consultation: runtime.catalogue.default,
      force: args.force === true,
    }),
  );
  const { manifest } = published;
  const cv = manifest.quality?.crossValidation;
  const line = (name: string, e: ModelEvaluation | undefined) =>
    e
      ? `  ${name.padEnd(12)} macro-F1 ${e.macroF1.toFixed(3)}  micro-F1 ${e.microF1.toFixed(3)}  ECE ${(e.ece ?? 0).toFixed(3)}`
      : `  ${name.padEnd(12)} (not measured)`;
  const compare = (title: string, c: Comparison | undefined) => [
    title,
    line('validation', c?.validation),
    line('independent', c?.independent),
  ];
  console.log(
    [
      `Model ${manifest.version} ${published.changed ? 'stored' : 'is unchanged (same data, same model)'}: ${manifest.key}, ${(published.bytes / 1024).toFixed(0)} KiB.`,
      manifest.quality?.promotion ?? '',
      `Trained on ${manifest.trainingExamples} examples, ${published.reviewerExamples} of them from reviewers; languages ${manifest.languages.join(', ')}.`,
      cv
        ? `Grouped ${cv.folds}-fold cross-validation on the training data (${cv.groups} groups): macro-F1 ${cv.macroF1}, micro-F1 ${cv.microF1}, ECE ${cv.ece}.`
        : '',
      `Thresholds: ${Object.entries(manifest.thresholds)
        .map(([label, t]) => `${label} ${t}`)
        .join(', ')}.`,
      '',
      ...compare('Before (the current model until now):', published.before),
      ...compare('After (this model):', published.after),
      '',
      ...(published.after.validation ? [formatEvaluation(published.after.validation)] : []),
      ...(published.after.independent ? ['', formatEvaluation(published.after.independent)] : []),
    ].join('\n'),
  );
}
