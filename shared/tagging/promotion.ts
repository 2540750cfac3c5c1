import { createHash } from 'node:crypto';
import type { ModelManifest, ModelStore } from '../stores/ports.js';

/**
 * What names and checks a stored model without reading it as a classifier: its version, the file
 * format this code reads, and an admin's promotion of a stored version. Kept apart from the
 * classifier so that the api function can put a model in use without bundling natural.
 */

/** The model file's format; a file of another format is not one this code can read. */
export const MODEL_FORMAT = 2;

export const MODEL_VERSION = /^[0-9a-f]{16}$/;

/** A model's version: the start of its file's SHA-256, so the same training gives the same version. */
export const modelVersion = (serialised: string) =>
  createHash('sha256').update(serialised).digest('hex').slice(0, 16);

/**
 * An admin's call: makes a stored version current (one that training kept aside, or an older one).
 * The file must be whole (its content gives its version) and of the format this code reads, or
 * every later tagging pass would fail on it.
 */
export async function makeCurrent(models: ModelStore, version: string): Promise<ModelManifest> {
  if (!MODEL_VERSION.test(version)) throw new Error(`"${version}" is not a model version (16 hex digits)`);
  const manifest = await models.manifest(version);
  if (!manifest) throw new Error(`no stored model has version ${version}`);
  const serialised = await models.load(manifest);
  if (modelVersion(serialised) !== version)
    throw new Error(`model ${version}'s file does not match its version`);
  const { format } = JSON.parse(serialised) as { format?: unknown };
  if (format !== MODEL_FORMAT)
    throw new Error(
      `model ${version} is of format ${String(format)}; this tagger reads format ${MODEL_FORMAT}`,
    );
  const promoted: ModelManifest = manifest.quality
    ? { ...manifest, quality: { ...manifest.quality, promotion: 'made current by an admin' } }
    : manifest;
  await models.publish(serialised, promoted);
  return promoted;
}
