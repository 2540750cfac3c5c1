import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { StoreUnavailableError } from '../errors.js';
import {
  REPORT_CONTENT_TYPES,
  REPORT_FORMATS,
  type ReportFile,
  type ReportFormat,
  type ReportManifest,
  type ReportStore,
  type StoredReport,
} from './ports.js';

/** How long a download link stays valid: long enough to start a download, short enough not to be shared. */
const LINK_SECONDS = 300;

const prefix = (consultationId: string) => `reports/${consultationId}/`;
export const reportKey = (consultationId: string, stamp: string, format: ReportFormat) =>
  `${prefix(consultationId)}${stamp}/synthesis.${format}`;
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

  async put(consultationId: string, stamp: string, format: ReportFormat, body: Uint8Array): Promise<string> {
    const key = reportKey(consultationId, stamp, format);
    await guarded(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: REPORT_CONTENT_TYPES[format],
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
    const runs = new Map<string, Partial<Record<ReportFormat, number>>>();
    const pattern = new RegExp(`^${prefix(consultationId)}([^/]+)/synthesis\\.(\\w+)$`);
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: 1000 },
      { Bucket: this.bucket, Prefix: prefix(consultationId) },
    );
    const iterator = pages[Symbol.asyncIterator]();
    while (true) {
      const next = await guarded(() => iterator.next());
      if (next.done) break;
      for (const object of next.value.Contents ?? []) {
        const match = object.Key?.match(pattern);
        const [, stamp, format] = match ?? [];
        if (!stamp || !format || !(REPORT_FORMATS as readonly string[]).includes(format)) continue;
        // A run newer than the pointer is still being written, or failed: not a report yet.
        if (stamp > latest.stamp) continue;
        runs.set(stamp, { ...runs.get(stamp), [format]: object.Size ?? 0 });
      }
    }
    return [...runs.entries()]
      .filter(([, sizes]) => REPORT_FORMATS.every((f) => sizes[f] !== undefined))
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([stamp, sizes]) => ({
        stamp,
        generatedAt: stampToIso(stamp),
        keys: Object.fromEntries(
          REPORT_FORMATS.map((f) => [f, reportKey(consultationId, stamp, f)]),
        ) as Record<ReportFormat, string>,
        sizes: sizes as Record<ReportFormat, number>,
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
