import { NotFoundError, ValidationError } from '../errors.js';
import type { ModelManifest, ModelStore, ReviewStore } from '../stores/ports.js';
import { MODEL_VERSION, makeCurrent } from '../tagging/promotion.js';
import { auditEntry } from './audit.js';
import type { Principal } from './model.js';

/**
 * An admin puts a stored model in use: one that retraining kept aside because it scored lower on
 * the independent set, or an older one to go back to. The audit entry is written first, so the
 * change of model behind every later tag is never unrecorded; it lands in the log of the
 * consultation the model was trained for.
 */
export async function putModelInUse(
  deps: { models: ModelStore | undefined; reviews: ReviewStore; now: () => Date },
  version: string,
  actor: Principal,
  defaultConsultationId: string,
): Promise<ModelManifest> {
  const { models } = deps;
  // A deployment without the model store has no stored version to name.
  if (!models) throw new NotFoundError('model');
  if (!MODEL_VERSION.test(version)) throw new ValidationError([{ path: 'version', code: 'invalid' }]);
  const [manifest, previous] = await Promise.all([models.manifest(version), models.current()]);
  if (!manifest) throw new NotFoundError('model');
  const at = deps.now();
  await deps.reviews.appendAudit(
    auditEntry(
      {
        at: at.toISOString(),
        actor: actor.email,
        scope: manifest.consultationId ?? defaultConsultationId,
        action: 'model_made_current',
        before: { model: previous?.version ?? null },
        after: { model: manifest.version },
      },
      at,
    ),
  );
  return makeCurrent(models, version);
}
