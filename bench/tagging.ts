import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import { runtimeOn, startEmbeddedStack } from '../functions/local/embedded-stack.js';
import { loadCatalogue } from '../shared/consultation.js';
import { createLogger } from '../shared/logger.js';
import type { Submission } from '../shared/submission.js';
import { readTrainingFixtures, recommendationExamples } from '../shared/tagging/corpus.js';
import { readValidationSets } from '../shared/tagging/models.js';
import { runTaggingPass } from '../shared/tagging/run.js';
import {
  type CandidateRow,
  candidateFigures,
  candidates,
  measureCandidate,
  printSideBySide,
} from './candidates.js';
import { type Figure, progress } from './support.js';

/**
 * The tagger, measured: candidates side by side on both validation sets (today's mixture, natural's
 * plain BayesClassifier with thresholds from grouped cross-validation, and variants of ours, each
 * trained the same way on the same data), then a whole pass over pending submissions on the local stack.
 */
export async function benchTagging(pending: number): Promise<Figure[]> {
  const consultation = loadCatalogue().default;
  const training = [...(await readTrainingFixtures(consultation)), ...recommendationExamples(consultation)];
  const sets = await readValidationSets(consultation);
  const figures: Figure[] = [];
  const rows: CandidateRow[] = [];
  for (const candidate of candidates(consultation)) {
    progress(`training and measuring: ${candidate.name}`);
    const row = measureCandidate(candidate, training, sets);
    rows.push(row);
    figures.push(...candidateFigures(row));
  }
  printSideBySide(rows);
  figures.push(
    ...(await benchTaggingPass(
      pending,
      sets.validation.map((item) => item.text),
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
