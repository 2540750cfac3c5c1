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
import type { MailRecord, MailState, MailStore, NewMail } from '../mail/ports.js';
import { guarded } from './dynamodb.js';
import { MAIL_QUEUE, shardOf, TABLE } from './table.js';

/** A finished mail stays this long: a retried request within it finds the mail and enqueues nothing. */
const FINISHED_MAIL_TTL_SECONDS = 30 * 24 * 60 * 60;

const mailKey = (mailId: string) => ({ pk: `MAIL#${mailId}`, sk: 'MAIL' });
const linkKey = (submissionId: string, tokenHash: string) => ({
  pk: `SUB#${submissionId}`,
  sk: `LINK#${tokenHash}`,
});
const contactPk = (consultationId: string, addressHash: string) => `CONTACT#${consultationId}#${addressHash}`;
const suppressionKey = (addressHash: string) => ({ pk: `SUPPRESSED#${addressHash}`, sk: 'SUPPRESSED' });

/** While a mail waits, it sits in the pending index under its queue shard, sorted by when it is due. */
const queueEntry = (mailId: string, dueAt: string) => ({
  [TABLE.pending.partitionKey]: `${MAIL_QUEUE.shardPrefix}${shardOf(mailId) % MAIL_QUEUE.shardCount}`,
  [TABLE.pending.sortKey]: `${dueAt}#${mailId}`,
});

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

function toRecord(item: Record<string, unknown>): MailRecord {
  const { pk: _pk, sk: _sk, expiresAt: _ttl, pendingShard: _shard, id: _due, ...record } = item;
  return record as unknown as MailRecord;
}

export class DynamoDbMailStore implements MailStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async enqueue(mail: NewMail): Promise<'created' | 'exists'> {
    const record: MailRecord = { ...mail, state: 'pending', attempts: 0, dueAt: mail.createdAt };
    try {
      await guarded(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...record, ...mailKey(mail.mailId), ...queueEntry(mail.mailId, record.dueAt) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return 'created';
    } catch (error) {
      if (isConditionFailure(error)) return 'exists';
      throw error;
    }
  }

  async get(mailId: string): Promise<MailRecord | undefined> {
    const { Item } = await guarded(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: mailKey(mailId), ConsistentRead: true }),
      ),
    );
    return Item ? toRecord(Item) : undefined;
  }

  async listDue(now: string, limit: number): Promise<string[]> {
    const due: { dueKey: string; mailId: string }[] = [];
    for (let shard = 0; shard < MAIL_QUEUE.shardCount; shard++) {
      const { Items = [] } = await guarded(() =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: TABLE.pending.name,
            KeyConditionExpression: '#shard = :shard AND #due < :bound',
            ExpressionAttributeNames: { '#shard': TABLE.pending.partitionKey, '#due': TABLE.pending.sortKey },
            // "~" sorts after every character of a mail id, so everything due at `now` is included.
            ExpressionAttributeValues: {
              ':shard': `${MAIL_QUEUE.shardPrefix}${shard}`,
              ':bound': `${now}#~`,
            },
            Limit: limit,
          }),
        ),
      );
      for (const item of Items)
        due.push({
          dueKey: String(item[TABLE.pending.sortKey]),
          mailId: String(item.pk).slice('MAIL#'.length),
        });
    }
    return due
      .sort((a, b) => (a.dueKey < b.dueKey ? -1 : 1))
      .slice(0, limit)
      .map((d) => d.mailId);
  }

  async lease(mailId: string, now: string, until: string): Promise<MailRecord | undefined> {
    try {
      const { Attributes } = await guarded(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: mailKey(mailId),
            UpdateExpression: 'SET leaseUntil = :until, attempts = attempts + :one',
            ConditionExpression:
              '#state = :pending AND dueAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':pending': 'pending', ':now': now, ':until': until, ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return Attributes ? toRecord(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async retryLater(mailId: string, dueAt: string, error: string): Promise<void> {
    await guarded(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mailKey(mailId),
          UpdateExpression: 'SET dueAt = :due, lastError = :error, #queue = :queue REMOVE leaseUntil',
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state', '#queue': TABLE.pending.sortKey },
          ExpressionAttributeValues: {
            ':due': dueAt,
            ':error': error,
            ':pending': 'pending',
            ':queue': queueEntry(mailId, dueAt)[TABLE.pending.sortKey],
          },
        }),
      ),
    );
  }

  async finish(
    mailId: string,
    state: Exclude<MailState, 'pending'>,
    at: string,
    error?: string,
  ): Promise<void> {
    await guarded(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mailKey(mailId),
          // Out of the queue, and the address (a resend's, a withdrawal's) erased: it was needed only to send.
          UpdateExpression: `SET #state = :state, finishedAt = :at, ${TABLE.ttlAttribute} = :ttl${error ? ', lastError = :error' : ''} REMOVE leaseUntil, #to, #shard, #queue`,
          ExpressionAttributeNames: {
            '#state': 'state',
            '#to': 'to',
            '#shard': TABLE.pending.partitionKey,
            '#queue': TABLE.pending.sortKey,
          },
          ExpressionAttributeValues: {
            ':state': state,
            ':at': at,
            ':ttl': Math.floor(Date.parse(at) / 1000) + FINISHED_MAIL_TTL_SECONDS,
            ...(error ? { ':error': error } : {}),
          },
        }),
      ),
    );
  }

  async addLink(submissionId: string, tokenHash: string, at: string): Promise<void> {
    await guarded(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...linkKey(submissionId, tokenHash), createdAt: at },
        }),
      ),
    );
  }

  async hasLink(submissionId: string, tokenHash: string): Promise<boolean> {
    const { Item } = await guarded(() =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: linkKey(submissionId, tokenHash),
          ConsistentRead: true,
        }),
      ),
    );
    return Item !== undefined;
  }

  async saveContact(consultationId: string, addressHash: string, submissionId: string): Promise<void> {
    await guarded(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: contactPk(consultationId, addressHash), sk: submissionId },
        }),
      ),
    );
  }

  async listContacts(consultationId: string, addressHash: string): Promise<string[]> {
    const ids: string[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': contactPk(consultationId, addressHash) },
        ConsistentRead: true,
      },
    );
    const iterator = pages[Symbol.asyncIterator]();
    while (true) {
      const next = await guarded(() => iterator.next());
      if (next.done) break;
      for (const item of next.value.Items ?? []) ids.push(String(item.sk));
    }
    return ids;
  }

  async forgetContact(consultationId: string, addressHash: string, submissionId: string): Promise<void> {
    await guarded(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: contactPk(consultationId, addressHash), sk: submissionId },
        }),
      ),
    );
  }

  async suppress(addressHash: string, reason: string, at: string): Promise<void> {
    await guarded(() =>
      this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { ...suppressionKey(addressHash), reason, at } }),
      ),
    );
  }

  async isSuppressed(addressHash: string): Promise<boolean> {
    const { Item } = await guarded(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: suppressionKey(addressHash), ConsistentRead: true }),
      ),
    );
    return Item !== undefined;
  }
}
