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
  INDEPENDENT_FILE,
  type LabelledText,
  readLabelledFile,
  readReviewerExamples,
  readTrainingFixtures,
  recommendationExamples,
  recommendationIds,
  VALIDATION_FILE,
} from './corpus.js';
import { evaluateClassifier } from './evaluate.js';
import { modelVersion } from './promotion.js';
import type { VersionedClassifier } from './tag.js';

export { MODEL_VERSION, makeCurrent, modelVersion } from './promotion.js';

export interface TrainedModel extends VersionedClassifier {
  serialised: string;
  examples: number;
}

/** Trains on the given examples plus the recommendations' own wording. */
export function trainModel(consultation: Consultation, examples: readonly LabelledText[]): TrainedModel {
  const all = [...examples, ...recommendationExamples(consultation)];
  const { data } = trainClassifier(all, recommendationIds(consultation));
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

/** A reviewer's decision counts this many times a fixture: it is real input, judged by the codebook. */
export const REVIEWER_WEIGHT = 2;

export interface Comparison {
  validation?: ModelEvaluation;
  independent?: ModelEvaluation;
}

export interface PublishedModel {
  manifest: ModelManifest;
  bytes: number;
  reviewerExamples: number;
  /** False when the training gave the model that was already current (same data, same version). */
  changed: boolean;
  /** Whether the new version is now current; a lower independent score keeps the previous one. */
  current: boolean;
  /** The previous current model measured on the same sets, where it could be read. */
  before?: Comparison;
  after: Comparison;
}

export interface ValidationSets {
  validation: LabelledText[];
  independent?: LabelledText[];
}

/** The labelled sets a model is measured on: ours, and the independent one where it exists. */
export async function readValidationSets(consultation: Consultation): Promise<ValidationSets> {
  const labels = recommendationIds(consultation);
  const validation = await readLabelledFile(VALIDATION_FILE, labels);
  try {
    return { validation, independent: await readLabelledFile(INDEPENDENT_FILE, labels) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { validation };
    throw error;
  }
}

const summary = (evaluation: ReturnType<typeof evaluateClassifier>): ModelEvaluation => {
  const {
    count: _count,
    textsPerSecond: _speed,
    textsPerCpuSecond: _cpu,
    predictions: _predictions,
    ...kept
  } = evaluation;
  return kept;
};

function measureOn(classifier: Classifier, sets: ValidationSets): Comparison {
  return {
    validation: summary(
      evaluateClassifier(classifier, sets.validation, 'fixtures/validation/validation.jsonl'),
    ),
    ...(sets.independent
      ? {
          independent: summary(
            evaluateClassifier(classifier, sets.independent, 'fixtures/validation/independent.jsonl'),
          ),
        }
      : {}),
  };
}

/** The stored current model, if it is one this code can read (an older format is not). */
async function readableCurrent(models: ModelStore): Promise<Classifier | undefined> {
  const manifest = await models.current();
  if (!manifest) return undefined;
  try {
    return Classifier.parse(await models.load(manifest));
  } catch {
    return undefined;
  }
}

/**
 * `npm run train` and the secretariat's "retrain": the fixtures plus every reviewer decision in the
 * store (weighted), measured on both validation sets (never trained or tuned on), and stored. The
 * new version becomes current unless it scores lower on the independent set than the current one
 * does today: then it is stored, and stays aside until an admin makes it current (`force`, or
 * `makeCurrent`).
 */
export async function retrain(deps: {
  store: SubmissionStore;
  models: ModelStore;
  consultation: Consultation;
  now?: () => Date;
  /** Make the new version current even if it scores lower on the independent set: an admin's call. */
  force?: boolean;
  /** The sets to measure on; both fixtures files where absent. */
  sets?: ValidationSets;
}): Promise<PublishedModel> {
  const { consultation } = deps;
  const [fixtures, reviewed, previous, previousModel, sets] = await Promise.all([
    readTrainingFixtures(consultation),
    readReviewerExamples(deps.store, consultation),
    deps.models.current(),
    readableCurrent(deps.models),
    deps.sets ?? readValidationSets(consultation),
  ]);
  const model = trainModel(consultation, [
    ...fixtures,
    ...reviewed.map((example) => ({ ...example, weight: REVIEWER_WEIGHT })),
  ]);
  const after = measureOn(model.classifier, sets);
  const before = previousModel ? measureOn(previousModel, sets) : undefined;
  const lower =
    before?.independent !== undefined &&
    after.independent !== undefined &&
    after.independent.macroF1 < before.independent.macroF1;
  const current = !lower || deps.force === true;
  const promotion = !lower
    ? 'current: it scores no lower on the independent set than the model it replaces'
    : current
      ? `made current by an admin although it scores lower on the independent set (macro-F1 ${after.independent?.macroF1} against ${before?.independent?.macroF1})`
      : `stored, not current: it scores lower on the independent set (macro-F1 ${after.independent?.macroF1} against ${before?.independent?.macroF1})`;
  const data = model.classifier.data;
  const manifest: ModelManifest = {
    version: model.version,
    key: modelKey(model.version),
    trainedAt: (deps.now?.() ?? new Date()).toISOString(),
    trainingExamples: model.examples,
    languages: [...model.classifier.languages],
    thresholds: { ...model.classifier.thresholds },
    ...(after.validation ? { evaluation: after.validation } : {}),
    quality: {
      crossValidation: data.crossValidation,
      ...after,
      uncertainBand: data.uncertainBand,
      promotion,
    },
    consultationId: consultation.id,
  };
  if (current) await deps.models.publish(model.serialised, manifest);
  else await deps.models.save(model.serialised, manifest);
  return {
    manifest,
    bytes: Buffer.byteLength(model.serialised),
    reviewerExamples: reviewed.length,
    changed: previous?.version !== model.version,
    current,
    ...(before ? { before } : {}),
    after,
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
