import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { LANGUAGES } from '../consultation.js';
import { NotFoundError, StoreUnavailableError } from '../errors.js';
import {
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  type ReportFile,
  type ReportFileId,
  type ReportFiles,
  type ReportManifest,
  type ReportStore,
} from './ports.js';

/** How long a download link stays valid: long enough to start a download, short enough not to be shared. */
const LINK_SECONDS = 300;

const prefix = (consultationId: string) => `reports/${consultationId}/`;
export const reportKey = (consultationId: string, stamp: string, file: ReportFileId) =>
  `${prefix(consultationId)}${stamp}/synthesis${file.language ? `-${file.language}` : ''}.${file.format}`;

/** Every file a complete run has: the JSON once, each other format in each language. */
export function reportFiles(): ReportFileId[] {
  return REPORT_FORMATS.flatMap((format): ReportFileId[] =>
    format === 'json' ? [{ format }] : LANGUAGES.map((language) => ({ format, language })),
  );
}

/** Per language and format, from a value per file (the JSON's value under every language). */
export function byLanguage<T>(value: (file: ReportFileId) => T): ReportFiles<T> {
  return Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      Object.fromEntries(
        REPORT_FORMATS.map((format) => [
          format,
          value(format === 'json' ? { format } : { format, language }),
        ]),
      ),
    ]),
  ) as ReportFiles<T>;
}
const runPrefix = (consultationId: string, stamp: string) => `${prefix(consultationId)}${stamp}/`;
const latestKey = (consultationId: string) => `${prefix(consultationId)}latest.json`;

function isMissing(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    (error as { name?: string })?.name === 'NoSuchKey' ||
    (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404
  );
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isMissing(error)) throw error;
    const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    if (status === undefined || status >= 500) throw new StoreUnavailableError('s3', error);
    throw error;
  }
}

export class S3ReportStore implements ReportStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(consultationId: string, stamp: string, file: ReportFileId, body: Uint8Array): Promise<string> {
    const key = reportKey(consultationId, stamp, file);
    await guarded(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: REPORT_CONTENT_TYPES[file.format],
          ContentLength: body.byteLength,
        }),
      ),
    );
    return key;
  }

  async discard(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await guarded(() =>
      this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
      ),
    );
  }

  async saveDraft(manifest: ReportManifest, secretariat: Uint8Array): Promise<void> {
    const run = runPrefix(manifest.consultationId, manifest.stamp);
    await this.#putJson(`${run}secretariat.json`, secretariat);
    // Last: a run without its manifest is not a report (a compile that died half-way).
    const { published: _never, ...draft } = manifest;
    await this.#putJson(`${run}draft.json`, JSON.stringify(draft, null, 2));
  }

  async publish(consultationId: string, stamp: string, by: string, at: string): Promise<ReportManifest> {
    const draft = await this.#readJson<ReportManifest>(`${runPrefix(consultationId, stamp)}draft.json`);
    if (!draft) throw new NotFoundError('report');
    const published: ReportManifest = { ...draft, published: { at, by } };
    await this.#putJson(
      `${runPrefix(consultationId, stamp)}published.json`,
      JSON.stringify(published.published),
    );
    // An older run published again becomes the latest published: the pointer follows publications.
    await this.#putJson(latestKey(consultationId), JSON.stringify(published, null, 2));
    return published;
  }

  latest(consultationId: string): Promise<ReportManifest | undefined> {
    return this.#readJson<ReportManifest>(latestKey(consultationId));
  }

  async get(consultationId: string, stamp: string): Promise<ReportManifest | undefined> {
    const run = runPrefix(consultationId, stamp);
    const draft = await this.#readJson<ReportManifest>(`${run}draft.json`);
    if (!draft) return undefined;
    const published = await this.#readJson<ReportManifest['published']>(`${run}published.json`);
    return published ? { ...draft, published } : draft;
  }

  secretariat(consultationId: string, stamp: string): Promise<unknown | undefined> {
    return this.#readJson<unknown>(`${runPrefix(consultationId, stamp)}secretariat.json`);
  }

  async list(consultationId: string): Promise<ReportManifest[]> {
    const runs = new Map<string, { draft: boolean; published: boolean }>();
    const pattern = new RegExp(`^${prefix(consultationId)}([^/]+)/(draft|published)\\.json$`);
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: 1000 },
      { Bucket: this.bucket, Prefix: prefix(consultationId) },
    );
    const iterator = pages[Symbol.asyncIterator]();
    while (true) {
      const next = await guarded(() => iterator.next());
      if (next.done) break;
      for (const object of next.value.Contents ?? []) {
        const [, stamp, kind] = object.Key?.match(pattern) ?? [];
        if (!stamp || !kind) continue;
        const run = runs.get(stamp) ?? { draft: false, published: false };
        run[kind as 'draft' | 'published'] = true;
        runs.set(stamp, run);
      }
    }
    const stamps = [...runs.entries()]
      .filter(([, run]) => run.draft)
      .map(([stamp]) => stamp)
      .sort()
      .reverse();
    const manifests = await Promise.all(stamps.map((stamp) => this.get(consultationId, stamp)));
    return manifests.filter((m): m is ReportManifest => m !== undefined);
  }

  async #putJson(key: string, body: string | Uint8Array): Promise<void> {
    await guarded(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: REPORT_CONTENT_TYPES.json,
          // Readers must see a pointer or a publication as soon as it is written.
          CacheControl: 'no-cache',
        }),
      ),
    );
  }

  async #readJson<T>(key: string): Promise<T | undefined> {
    try {
      const response = await guarded(() =>
        this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      return JSON.parse((await response.Body?.transformToString('utf-8')) ?? '') as T;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async open(key: string): Promise<ReportFile | undefined> {
    try {
      const response = await guarded(() =>
        this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      if (!response.Body) return undefined;
      return { body: response.Body.transformToWebStream(), size: response.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  downloadUrl(key: string, fileName: string, contentType: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${fileName}"`,
        ResponseContentType: contentType,
      }),
      { expiresIn: LINK_SECONDS },
    );
  }
}
