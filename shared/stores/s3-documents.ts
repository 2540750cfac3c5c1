import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Config } from '../config.js';
import { StoreUnavailableError } from '../errors.js';
import { isUnavailable } from './dynamodb.js';
import type { DocumentStore, StoredDocument, UploadForm, UploadOptions } from './ports.js';

/** Where upload forms post: the endpoint override locally, the bucket's virtual-hosted address on AWS. */
export function uploadOriginOf(config: Pick<Config, 'S3_ENDPOINT' | 'BUCKET_NAME' | 'AWS_REGION'>): string {
  return config.S3_ENDPOINT
    ? new URL(config.S3_ENDPOINT).origin
    : `https://${config.BUCKET_NAME}.s3.${config.AWS_REGION}.amazonaws.com`;
}

const isMissing = (error: unknown) =>
  (error as { name?: string })?.name === 'NoSuchKey' ||
  (error as { name?: string })?.name === 'NotFound' ||
  (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

/** Runs an S3 call: undefined for a missing object, StoreUnavailableError when S3 did not answer. */
async function orMissing<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (isMissing(error)) return undefined;
    if (isUnavailable(error)) throw new StoreUnavailableError('s3', error);
    throw error;
  }
}

/** A header-safe `filename` with a UTF-8 `filename*` beside it (RFC 6266), so any name survives. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Uploaded documents in S3. Uploads go straight from the browser to S3 through a presigned POST:
 * unlike a presigned PUT, its policy can bound the size (`content-length-range`), so S3 itself
 * refuses a file over the limit and the API never carries the file.
 */
export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    readonly uploadOrigin: string,
  ) {}

  async presignUpload(key: string, options: UploadOptions): Promise<UploadForm> {
    const fields: Record<string, string> = {};
    if (options.filename) fields['x-amz-meta-filename'] = encodeURIComponent(options.filename);
    if (options.redirect) fields.success_action_redirect = options.redirect;
    const range = options.exactBytes ?? options.maxBytes;
    const { url, fields: signed } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: key,
      Fields: fields,
      Conditions: [['content-length-range', options.exactBytes ?? 1, range]],
      Expires: options.expiresSeconds,
    });
    return {
      url,
      fields: signed,
      expiresAt: new Date(Date.now() + options.expiresSeconds * 1000).toISOString(),
    };
  }

  async head(key: string): Promise<StoredDocument | undefined> {
    const head = await orMissing(() =>
      this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })),
    );
    if (!head) return undefined;
    const declared = head.Metadata?.filename;
    let filename: string | undefined;
    try {
      filename = declared ? decodeURIComponent(declared) : undefined;
    } catch {
      filename = undefined;
    }
    return { size: head.ContentLength ?? 0, ...(filename ? { filename } : {}) };
  }

  async readRange(key: string, start: number, end: number): Promise<Uint8Array> {
    if (end <= start) return new Uint8Array(0);
    const object = await orMissing(() =>
      this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end - 1}` }),
      ),
    );
    return (await object?.Body?.transformToByteArray()) ?? new Uint8Array(0);
  }

  async read(key: string, maxBytes: number): Promise<Uint8Array | undefined> {
    const object = await orMissing(() =>
      this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
    );
    if (!object?.Body) return undefined;
    if ((object.ContentLength ?? Number.POSITIVE_INFINITY) > maxBytes) {
      await object.Body.transformToWebStream().cancel();
      throw new RangeError(`${key} is over ${maxBytes} bytes`);
    }
    return object.Body.transformToByteArray();
  }

  async delete(key: string): Promise<void> {
    await orMissing(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  downloadUrl(key: string, filename: string, contentType: string, expiresSeconds: number): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(filename),
        ResponseContentType: contentType,
      }),
      { expiresIn: expiresSeconds },
    );
  }

  async *listWrittenBefore(prefix: string, before: Date): AsyncIterable<string[]> {
    const pages = paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix });
    for await (const page of pages) {
      const keys = (page.Contents ?? [])
        .filter((object) => object.Key && object.LastModified && object.LastModified < before)
        .map((object) => object.Key as string);
      if (keys.length > 0) yield keys;
    }
  }
}
