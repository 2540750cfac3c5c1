import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError, VersionConflictError } from '../errors.js';
import { type Submission, TOMBSTONE_FIELDS, type Tombstone } from '../submission.js';
import type {
  ExtractionWrite,
  IdempotencyRecord,
  Page,
  ReviewWrite,
  StoredSubmission,
  SubmissionRecord,
  SubmissionStore,
  TaggingResult,
} from './ports.js';
import { shardOf, TABLE } from './table.js';

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const SUBMISSION_SK = 'SUB';

export const submissionKey = (id: string) => ({ pk: `SUB#${id}`, sk: SUBMISSION_SK });
/** Which submission sent an upload: one record per upload, so one upload backs one submission. */
const uploadKey = (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' });
/** Which tagging worker reads a segment of the pending index, and until when. */
const leaseKey = (segment: string) => ({ pk: `LEASE#pending#${segment}`, sk: 'LEASE' });
/** A segment of the pending index is one of its shards, named by its number. */
const PENDING_SEGMENTS = Array.from({ length: TABLE.shardCount }, (_, shard) => String(shard));

/** Attributes the table keeps for its own bookkeeping, never part of the domain object. */
const BOOKKEEPING = new Set(['pk', 'sk', 'consultationShard', 'pendingShard', 'receiptHash', 'expiresAt']);

/** What a withdrawn submission's item keeps: the tombstone, its keys, its listing and its receipt. */
const TOMBSTONE_KEEPS = new Set<string>([
  ...TOMBSTONE_FIELDS,
  'pk',
  'sk',
  'consultationShard',
  'receiptHash',
]);

function toStored(item: Record<string, unknown>): StoredSubmission {
  const submission: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!BOOKKEEPING.has(k)) submission[k] = v;
  return submission as unknown as StoredSubmission;
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** Whether the error says DynamoDB could not be reached or was overloaded, as opposed to refusing the request. */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    (code !== undefined && NETWORK_ERRORS.has(code)) ||
    error.name === 'TimeoutError' ||
    error.name === 'RequestTimeout' ||
    error.name === 'ThrottlingException' ||
    error.name === 'ProvisionedThroughputExceededException' ||
    error.name === 'InternalServerError' ||
    error.name === 'ServiceUnavailable' ||
    (status !== undefined && status >= 500) ||
    isUnavailable(error.cause)
  );
}

/** Sends a conditional write; answers false when its condition refused it. */
async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await guarded(write);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailable(error)) throw new StoreUnavailableError('dynamodb', error);
    throw error;
  }
}

export class DynamoDbSubmissionStore implements SubmissionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(submission: Submission, receiptHash: string): Promise<'created' | 'exists'> {
    const shard = shardOf(submission.id);
    const created = await conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...submission,
            ...submissionKey(submission.id),
            receiptHash,
            consultationShard: `${submission.consultationId}#${shard}`,
            pendingShard: String(shard),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return created ? 'created' : 'exists';
  }

  async get(id: string): Promise<SubmissionRecord | undefined> {
    const { Item } = await guarded(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: submissionKey(id), ConsistentRead: true }),
      ),
    );
    if (!Item) return undefined;
    return { submission: toStored(Item), receiptHash: String(Item.receiptHash) };
  }

  async withdraw(id: string, expectedVersion: number, at: string): Promise<Tombstone> {
    // Everything but the tombstone goes, whatever fields the submission gathered (review notes,
    // rejected tags, extraction marks, and any added later): the remove list is what the item holds.
    // The listing key stays so counts of withdrawals hold, and the receipt hash so the submitter
    // can still see that it is gone. The version condition makes the read and the update one step.
    const { Item } = await guarded(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: submissionKey(id), ConsistentRead: true }),
      ),
    );
    if (!Item || Item.version !== expectedVersion) throw new VersionConflictError(id);
    const doomed = Object.keys(Item).filter((name) => !TOMBSTONE_KEEPS.has(name));
    const names = Object.fromEntries(doomed.map((name, i) => [`#r${i}`, name]));
    const tombstone = await this.versionedUpdate(id, expectedVersion, {
      set: ['#status = :withdrawn', 'withdrawnAt = :at', 'updatedAt = :at'],
      remove: Object.keys(names),
      names,
      values: { ':withdrawn': 'withdrawn', ':at': at },
      liveOnly: false,
    });
    return tombstone as Tombstone;
  }

  async claimIdempotencyKey(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    const key = { pk: `IDEM#${record.consultationId}#${record.keyHash}`, sk: 'IDEM' };
    try {
      await guarded(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...record,
              ...key,
              [TABLE.ttlAttribute]: Math.floor(Date.parse(record.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return record;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await guarded(() =>
        this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
      );
      if (!Item) throw new Error('idempotency record vanished between a failed put and its read');
      const { pk: _pk, sk: _sk, expiresAt: _ttl, ...first } = Item;
      return first as IdempotencyRecord;
    }
  }

  pendingSegments(): string[] {
    return [...PENDING_SEGMENTS];
  }

  async listPending(segment: string, limit: number, cursor?: string): Promise<Page<string>> {
    // A misspelt segment would read an empty shard and look like an empty queue.
    if (!PENDING_SEGMENTS.includes(segment)) throw new RangeError(`no pending segment "${segment}"`);
    const { Items = [], LastEvaluatedKey } = await guarded(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE.pending.name,
          KeyConditionExpression: '#shard = :shard',
          ExpressionAttributeNames: { '#shard': TABLE.pending.partitionKey },
          ExpressionAttributeValues: { ':shard': segment },
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
        }),
      ),
    );
    return {
      items: Items.map((item) => String(item.id)),
      ...(LastEvaluatedKey ? { cursor: encodeCursor(LastEvaluatedKey) } : {}),
    };
  }

  async leaseSegment(segment: string, holder: string, until: Date, now: Date): Promise<boolean> {
    return conditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...leaseKey(segment),
            holder,
            leaseUntil: until.getTime(),
            // TTL cleans up the lease of a worker that died; the condition, not TTL, decides.
            [TABLE.ttlAttribute]: Math.ceil(until.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil <= :now',
          ExpressionAttributeValues: { ':now': now.getTime() },
        }),
      ),
    );
  }

  async releaseSegment(segment: string, holder: string): Promise<void> {
    // Refused when the lease expired and another worker took it meanwhile: theirs, not ours to delete.
    await conditionally(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: leaseKey(segment),
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': holder },
        }),
      ),
    );
  }

  async saveModelTags(id: string, expectedVersion: number, result: TaggingResult): Promise<Submission> {
    const tagged = await this.versionedUpdate(id, expectedVersion, {
      set: [
        'tags = :tags',
        'modelVersion = :model',
        'taggedAt = :at',
        'updatedAt = :at',
        '#language = :language',
        '#status = :status',
        ...(result.screening ? ['screening = :screening'] : []),
      ],
      remove: ['pendingShard'],
      names: { '#language': 'language' },
      values: {
        ':tags': result.tags,
        ':model': result.modelVersion,
        ':at': result.taggedAt,
        ':language': result.language,
        ':status': result.status,
        ...(result.screening ? { ':screening': result.screening } : {}),
      },
      liveOnly: true,
    });
    return tagged as Submission;
  }

  async *listByConsultation(consultationId: string, pageSize = 500): AsyncIterable<StoredSubmission[]> {
    for (let shard = 0; shard < TABLE.shardCount; shard++) {
      const pages = paginateQuery(
        { client: this.client, pageSize },
        {
          TableName: this.tableName,
          IndexName: TABLE.byConsultation.name,
          KeyConditionExpression: '#shard = :shard',
          ExpressionAttributeNames: { '#shard': TABLE.byConsultation.partitionKey },
          ExpressionAttributeValues: { ':shard': `${consultationId}#${shard}` },
        },
      );
      const iterator = pages[Symbol.asyncIterator]();
      while (true) {
        const next = await guarded(() => iterator.next());
        if (next.done) break;
        const items = (next.value.Items ?? []).filter((item) => item.sk === SUBMISSION_SK).map(toStored);
        if (items.length > 0) yield items;
      }
    }
  }

  async saveReview(id: string, expectedVersion: number, write: ReviewWrite): Promise<Submission> {
    const { final, ...fields } = write;
    const set: string[] = [];
    const remove: string[] = final ? ['pendingShard'] : [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    for (const name of REVIEW_FIELDS) {
      names[`#${name}`] = name;
      const value = fields[name];
      if (value === undefined) remove.push(`#${name}`);
      else {
        set.push(`#${name} = :${name}`);
        values[`:${name}`] = value;
      }
    }
    const reviewed = await this.versionedUpdate(id, expectedVersion, {
      set,
      remove,
      names,
      values,
      liveOnly: true,
    });
    return reviewed as Submission;
  }
  async claimUpload(uploadId: string, submissionId: string, at: string): Promise<string> {
    try {
      await guarded(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...uploadKey(uploadId), submissionId, claimedAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return submissionId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const holder = await this.uploadClaim(uploadId);
      if (!holder) throw new Error('upload claim vanished between a failed put and its read');
      return holder;
    }
  }

  async uploadClaim(uploadId: string): Promise<string | undefined> {
    const { Item } = await guarded(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: uploadKey(uploadId), ConsistentRead: true }),
      ),
    );
    return Item ? String(Item.submissionId) : undefined;
  }

  startExtraction(id: string, expectedVersion: number, at: string): Promise<Submission> {
    return this.liveUpdate(id, expectedVersion, ['extractionStartedAt = :at', 'updatedAt = :at'], {
      ':at': at,
    });
  }

  saveExtraction(id: string, expectedVersion: number, write: ExtractionWrite): Promise<Submission> {
    return this.liveUpdate(
      id,
      expectedVersion,
      [
        'answers = :answers',
        'extraction = :extraction',
        'updatedAt = :at',
        ...(write.documentAnswers ? ['documentAnswers = :documentAnswers'] : []),
      ],
      {
        ':answers': write.answers,
        ':extraction': write.extraction,
        ':at': write.updatedAt,
        ...(write.documentAnswers ? { ':documentAnswers': write.documentAnswers } : {}),
      },
    );
  }

  private async liveUpdate(
    id: string,
    expectedVersion: number,
    set: string[],
    values: Record<string, unknown>,
  ) {
    const updated = await this.versionedUpdate(id, expectedVersion, {
      set,
      remove: [],
      names: {},
      values,
      liveOnly: true,
    });
    return updated as Submission;
  }

  /**
   * The one way a submission changes: only if it is still at `expectedVersion` (and, with
   * `liveOnly`, not withdrawn), bumping the version; otherwise VersionConflictError.
   */
  private async versionedUpdate(
    id: string,
    expectedVersion: number,
    update: {
      set: string[];
      remove: string[];
      names: Record<string, string>;
      values: Record<string, unknown>;
      liveOnly: boolean;
    },
  ): Promise<StoredSubmission> {
    try {
      const { Attributes } = await guarded(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: submissionKey(id),
            UpdateExpression:
              `SET ${[...update.set, 'version = version + :one'].join(', ')}` +
              (update.remove.length > 0 ? ` REMOVE ${update.remove.join(', ')}` : ''),
            ConditionExpression: `attribute_exists(pk) AND version = :expected${update.liveOnly ? ' AND #status <> :withdrawn' : ''}`,
            ExpressionAttributeNames: { ...update.names, '#status': 'status' },
            ExpressionAttributeValues: {
              ...update.values,
              ':one': 1,
              ':expected': expectedVersion,
              ...(update.liveOnly ? { ':withdrawn': 'withdrawn' } : {}),
            },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return toStored(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new VersionConflictError(id);
      throw error;
    }
  }
}

/** Every field a review write owns: what it leaves out is removed, so a write states the whole review. */
const REVIEW_FIELDS = [
  'tags',
  'status',
  'updatedAt',
  'lastAuditId',
  'exclusionReason',
  'reviewNote',
  'reviewedBy',
  'reviewedAt',
  'rejectedTags',
  'campaign',
] as const satisfies readonly (keyof Omit<ReviewWrite, 'final'>)[];

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
}
