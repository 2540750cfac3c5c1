import { createHash } from 'node:crypto';
import { type Consultation, loadCatalogue } from '../consultation.js';
import {
  type ModelEvaluation,
  type ModelManifest,
  type ModelStore,
  modelKey,
  type SubmissionStore,
} from '../stores/ports.js';
import { Classifier, serialiseClassifier, trainClassifier } from './classifier.js';
import {
  type LabelledText,
  readLabelledFile,
  readReviewerExamples,
  readTrainingFixtures,
  recommendationExamples,
  recommendationIds,
  VALIDATION_FILE,
} from './corpus.js';
import { evaluateClassifier } from './evaluate.js';
import type { VersionedClassifier } from './tag.js';

/** A model's version: the start of its file's SHA-256, so the same training gives the same version. */
export const modelVersion = (serialised: string) =>
  createHash('sha256').update(serialised).digest('hex').slice(0, 16);

export interface TrainedModel extends VersionedClassifier {
  serialised: string;
  examples: number;
}

/** Trains on the given examples plus the recommendations' own wording. */
export function trainModel(consultation: Consultation, examples: readonly LabelledText[]): TrainedModel {
  const all = [...examples, ...recommendationExamples(consultation)];
  const data = trainClassifier(all, recommendationIds(consultation));
  const serialised = serialiseClassifier(data);
  // Built from its own file, so that the model in hand and the one a tagger loads add up alike.
  return {
    version: modelVersion(serialised),
    classifier: Classifier.parse(serialised),
    serialised,
    examples: all.length,
    consultationId: consultation.id,
  };
}

export interface PublishedModel {
  manifest: ModelManifest;
  bytes: number;
  reviewerExamples: number;
  /** False when the training gave the model that was already current (same data, same version). */
  changed: boolean;
}

/**
 * `npm run train` and the secretariat's "retrain": the fixtures plus every reviewer decision in the
 * store, measured on the validation set (never trained on), then published, pointer last.
 */
export async function retrain(deps: {
  store: SubmissionStore;
  models: ModelStore;
  consultation: Consultation;
  now?: () => Date;
}): Promise<PublishedModel> {
  const { consultation } = deps;
  const [fixtures, reviewed, previous] = await Promise.all([
    readTrainingFixtures(consultation),
    readReviewerExamples(deps.store, consultation),
    deps.models.current(),
  ]);
  const model = trainModel(consultation, [...fixtures, ...reviewed]);
  const validation = await readLabelledFile(VALIDATION_FILE, recommendationIds(consultation));
  const { dataset, macroF1, microF1, perLabel, byLanguage } = evaluateClassifier(
    model.classifier,
    validation,
    'fixtures/validation/validation.jsonl',
  );
  const evaluation: ModelEvaluation = {
    dataset,
    macroF1,
    microF1,
    perLabel,
    ...(byLanguage ? { byLanguage } : {}),
  };
  const manifest: ModelManifest = {
    version: model.version,
    key: modelKey(model.version),
    trainedAt: (deps.now?.() ?? new Date()).toISOString(),
    trainingExamples: model.examples,
    languages: [...model.classifier.languages],
    thresholds: { ...model.classifier.thresholds },
    evaluation,
    consultationId: consultation.id,
  };
  await deps.models.publish(model.serialised, manifest);
  return {
    manifest,
    bytes: Buffer.byteLength(model.serialised),
    reviewerExamples: reviewed.length,
    changed: previous?.version !== model.version,
  };
}

// Once per process (a Lambda container): the stored model of each version seen, and the fallback.
let loaded: VersionedClassifier | undefined;
let fallback: Promise<VersionedClassifier> | undefined;

/**
 * The model the tagger uses: the one `models/current.json` names, loaded once per version (the
 * pointer is read on every pass, so a retrained model is picked up by the next pass), or, when no
 * model was ever published, one trained from the fixtures, once per process.
 */
export async function currentModel(models: ModelStore): Promise<VersionedClassifier> {
  const manifest = await models.current();
  if (!manifest) {
    if (!fallback) {
      const consultation = loadCatalogue().default;
      fallback = readTrainingFixtures(consultation).then((examples) => trainModel(consultation, examples));
      // A build that failed is not remembered: the next pass tries again.
      fallback.catch(() => {
        fallback = undefined;
      });
    }
    return fallback;
  }
  if (loaded?.version !== manifest.version) {
    const serialised = await models.load(manifest);
    let classifier: Classifier;
    try {
      if (modelVersion(serialised) !== manifest.version)
        throw new Error('its content does not match its version');
      classifier = Classifier.parse(serialised);
    } catch (error) {
      throw new Error(
        `model ${manifest.version} (${manifest.key}) cannot be used: ${(error as Error).message}`,
      );
    }
    loaded = {
      version: manifest.version,
      classifier,
      consultationId: manifest.consultationId ?? loadCatalogue().default.id,
    };
  }
  return loaded;
}
