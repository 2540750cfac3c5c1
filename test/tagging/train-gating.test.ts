import { describe, expect, it } from 'vitest';
import { type ModelManifest, modelKey } from '../../shared/stores/ports.js';
import { readTrainingFixtures } from '../../shared/tagging/corpus.js';
import { currentModel, makeCurrent, retrain, trainModel } from '../../shared/tagging/models.js';
import { createTestRuntime } from '../support/runtime.js';

// An "independent" set the fixtures alone get wrong: a website complaint its authors labelled R5.
// A model trained on these very texts (the current one here) scores higher on it than a retrained one.
const INDEPENDENT = [
  {
    id: 'odd-1',
    text: 'The consultation website logged me out twice and lost my draft. Please fix the form before the deadline.',
    labels: ['R5'],
    language: 'en' as const,
  },
  {
    id: 'odd-2',
    text: 'Your site is slow on a phone and the colours are hard to read. I could not upload my file.',
    labels: ['R5'],
    language: 'en' as const,
  },
];

describe('retraining gated on the independent set', () => {
  it('stores a version that scores lower there without making it current, until an admin says so', async () => {
    const runtime = await createTestRuntime();
    const consultation = runtime.catalogue.default;
    const fixtures = await readTrainingFixtures(consultation);
    const sets = { validation: fixtures.slice(0, 40), independent: INDEPENDENT };

    // The current model has learnt the odd labels (ten times over).
    const incumbent = trainModel(consultation, [
      ...fixtures,
      ...INDEPENDENT.map((i) => ({ ...i, weight: 10 })),
    ]);
    const manifest: ModelManifest = {
      version: incumbent.version,
      key: modelKey(incumbent.version),
      trainedAt: '2026-12-01T00:00:00.000Z',
      trainingExamples: incumbent.examples,
      languages: [...incumbent.classifier.languages],
      thresholds: { ...incumbent.classifier.thresholds },
    };
    await runtime.models.publish(incumbent.serialised, manifest);

    const retrained = await retrain({ store: runtime.store, models: runtime.models, consultation, sets });
    expect(retrained.before?.independent?.macroF1).toBeGreaterThan(retrained.after.independent?.macroF1 ?? 1);
    expect(retrained.current).toBe(false);
    expect(retrained.manifest.quality?.promotion).toMatch(/^stored, not current/);
    expect((await runtime.models.current())?.version).toBe(incumbent.version);
    expect((await currentModel(runtime.models)).version).toBe(incumbent.version);
    // Stored all the same, with its measured quality, for an admin to look at and promote.
    const kept = await runtime.models.manifest(retrained.manifest.version);
    expect(kept?.quality?.independent?.macroF1).toBe(retrained.after.independent?.macroF1);
    expect(kept?.quality?.crossValidation.folds).toBe(5);

    await makeCurrent(runtime.models, retrained.manifest.version);
    expect((await runtime.models.current())?.version).toBe(retrained.manifest.version);
    expect((await currentModel(runtime.models)).version).toBe(retrained.manifest.version);
    await expect(makeCurrent(runtime.models, 'ffffffffffffffff')).rejects.toThrow(/no stored model/);
    await expect(makeCurrent(runtime.models, '../current')).rejects.toThrow(/not a model version/);

    // Forced: an admin who wants the lower-scoring version current at once.
    await runtime.models.publish(incumbent.serialised, manifest);
    const forced = await retrain({
      store: runtime.store,
      models: runtime.models,
      consultation,
      sets,
      force: true,
    });
    expect(forced.current).toBe(true);
    expect((await runtime.models.current())?.version).toBe(forced.manifest.version);
  }, 240_000);
});
