import { withLocalRuntime } from '../functions/local/connect.js';
import { formatEvaluation } from '../shared/tagging/format.js';
import { retrain } from '../shared/tagging/models.js';

/** `npm run train`: trains on the fixtures and the reviewers' decisions, measures, and publishes to the local S3. */
const published = await withLocalRuntime((runtime) =>
  retrain({ store: runtime.store, models: runtime.models, consultation: runtime.catalogue.default }),
);
const { manifest } = published;
console.log(
  [
    `Model ${manifest.version} ${published.changed ? 'published' : 'is unchanged (same data, same model)'}: ${manifest.key}, ${(published.bytes / 1024).toFixed(0)} KiB.`,
    `Trained on ${manifest.trainingExamples} examples, ${published.reviewerExamples} of them from reviewers; languages ${manifest.languages.join(', ')}.`,
    `Thresholds: ${Object.entries(manifest.thresholds)
      .map(([label, t]) => `${label} ${t}`)
      .join(', ')}.`,
    '',
    ...(manifest.evaluation ? [formatEvaluation(manifest.evaluation)] : []),
  ].join('\n'),
);
