import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { StoreUnavailableError } from '../errors.js';
import { isUnavailable } from './dynamodb.js';
import { type ModelManifest, type ModelStore, manifestKey, modelKey } from './ports.js';

export const CURRENT_MODEL_KEY = 'models/current.json';

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailable(error)) throw new StoreUnavailableError('s3', error);
    throw error;
  }
}

/** The classifier models in S3: `models/<version>.json`, and the pointer `models/current.json`. */
export class S3ModelStore implements ModelStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async current(): Promise<ModelManifest | undefined> {
    const text = await this.#read(CURRENT_MODEL_KEY);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as ModelManifest;
    } catch (error) {
      throw new Error(`s3://${this.bucket}/${CURRENT_MODEL_KEY} is not JSON: ${(error as Error).message}`);
    }
  }

  async load(manifest: ModelManifest): Promise<string> {
    const text = await this.#read(manifest.key);
    if (text === undefined)
      throw new Error(
        `model ${manifest.version} is missing: s3://${this.bucket}/${manifest.key} does not exist`,
      );
    return text;
  }

  async publish(serialisedModel: string, manifest: ModelManifest): Promise<void> {
    await this.save(serialisedModel, manifest);
    // The pointer moves only once the model it names is stored: a reader never follows it to nothing.
    await this.#write(CURRENT_MODEL_KEY, JSON.stringify(manifest, null, 2));
  }

  async save(serialisedModel: string, manifest: ModelManifest): Promise<void> {
    if (manifest.key !== modelKey(manifest.version))
      throw new Error(`a model's key must be ${modelKey(manifest.version)}, not ${manifest.key}`);
    await this.#write(manifest.key, serialisedModel);
    await this.#write(manifestKey(manifest.version), JSON.stringify(manifest, null, 2));
  }

  async manifest(version: string): Promise<ModelManifest | undefined> {
    const text = await this.#read(manifestKey(version));
    return text === undefined ? undefined : (JSON.parse(text) as ModelManifest);
  }

  async #read(key: string): Promise<string | undefined> {
    try {
      const { Body } = await guarded(() =>
        this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      return await Body?.transformToString('utf8');
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async #write(key: string, body: string): Promise<void> {
    await guarded(() =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/json' }),
      ),
    );
  }
}
