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
import { StoreUnavailableError } from '../errors.js';
import {
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  type ReportFile,
  type ReportFileId,
  type ReportFiles,
  type ReportManifest,
  type ReportStore,
  type StoredReport,
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
const latestKey = (consultationId: string) => `${prefix(consultationId)}latest.json`;

/** `20261128T184800123Z` back to an ISO instant. */
export function stampToIso(stamp: string): string {
  const m = stamp.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : stamp;
}

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

  async publish(manifest: ReportManifest): Promise<void> {
    await guarded(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: latestKey(manifest.consultationId),
          Body: JSON.stringify(manifest, null, 2),
          ContentType: REPORT_CONTENT_TYPES.json,
          // Readers must see the pointer move as soon as it moves.
          CacheControl: 'no-cache',
        }),
      ),
    );
  }

  async latest(consultationId: string): Promise<ReportManifest | undefined> {
    try {
      const response = await guarded(() =>
        this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: latestKey(consultationId) })),
      );
      return JSON.parse((await response.Body?.transformToString('utf-8')) ?? '') as ReportManifest;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async list(consultationId: string): Promise<StoredReport[]> {
    const latest = await this.latest(consultationId);
    if (!latest) return [];
    // Sizes by file name ("synthesis-fr.pdf", "synthesis.json") for each run.
    const runs = new Map<string, Map<string, number>>();
    const pattern = new RegExp(`^${prefix(consultationId)}([^/]+)/(synthesis[^/]*)$`);
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: 1000 },
      { Bucket: this.bucket, Prefix: prefix(consultationId) },
    );
    const iterator = pages[Symbol.asyncIterator]();
    while (true) {
      const next = await guarded(() => iterator.next());
      if (next.done) break;
      for (const object of next.value.Contents ?? []) {
        const [, stamp, name] = object.Key?.match(pattern) ?? [];
        // A run newer than the pointer is still being written, or failed: not a report yet.
        if (!stamp || !name || stamp > latest.stamp) continue;
        const sizes = runs.get(stamp) ?? new Map<string, number>();
        sizes.set(name, object.Size ?? 0);
        runs.set(stamp, sizes);
      }
    }
    const nameOf = (file: ReportFileId) => reportKey(consultationId, '', file).split('/').pop() ?? '';
    return [...runs.entries()]
      .filter(([, sizes]) => reportFiles().every((file) => sizes.has(nameOf(file))))
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([stamp, sizes]) => ({
        stamp,
        generatedAt: stampToIso(stamp),
        keys: byLanguage((file) => reportKey(consultationId, stamp, file)),
        sizes: byLanguage((file) => sizes.get(nameOf(file)) ?? 0),
      }));
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
