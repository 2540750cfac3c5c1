import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors.js';
import type { Account, AuditEntry, JobRecord, Session } from '../review/model.js';
import { guarded } from './dynamodb.js';
import type { ReviewStore } from './ports.js';
import { TABLE } from './table.js';

/**
 * The secretariat's items, beside the submissions in the one table:
 *
 * - `ACCOUNT` / `<email>`: every account in one partition (a secretariat has a handful), so listing
 *   them is a Query, not a Scan;
 * - `SESSION#<sha256 of token>` / `SESSION`: expiring through the table's TTL attribute;
 * - `SUB#<id>` / `AUDIT#<ulid>`: a submission's history, beside the submission it describes;
 * - `AUDITLOG#<scope>#<yyyy-mm-dd>` / `<ulid>`: the same entry again in its scope's daily log, so the
 *   admin log needs no index and no day's partition grows without bound;
 * - `JOB` / `<kind>`: the last run of each job.
 */
const ACCOUNT_PK = 'ACCOUNT';
const JOB_PK = 'JOB';
const sessionKey = (tokenHash: string) => ({ pk: `SESSION#${tokenHash}`, sk: 'SESSION' });
const historyKey = (entry: AuditEntry) => ({ pk: `SUB#${entry.submissionId}`, sk: `AUDIT#${entry.id}` });
const logKey = (scope: string, day: string) => `AUDITLOG#${scope}#${day}`;

function strip<T>(item: Record<string, unknown>, ...extra: string[]): T {
  const copy: Record<string, unknown> = { ...item };
  for (const key of ['pk', 'sk', ...extra]) delete copy[key];
  return copy as T;
}

export class DynamoDbReviewStore implements ReviewStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async putNew(item: Record<string, unknown>): Promise<'created' | 'exists'> {
    try {
      await guarded(() =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  private async *query(pk: string, skPrefix?: string): AsyncIterable<Record<string, unknown>> {
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
        ConsistentRead: true,
      },
    );
    const iterator = pages[Symbol.asyncIterator]();
    while (true) {
      const next = await guarded(() => iterator.next());
      if (next.done) return;
      yield* next.value.Items ?? [];
    }
  }

  private async all<T>(pk: string, skPrefix?: string): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this.query(pk, skPrefix)) items.push(strip<T>(item));
    return items;
  }

  createAccount(account: Account): Promise<'created' | 'exists'> {
    return this.putNew({ ...account, pk: ACCOUNT_PK, sk: account.email });
  }

  async getAccount(email: string): Promise<Account | undefined> {
    const { Item } = await guarded(() =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { pk: ACCOUNT_PK, sk: email },
          ConsistentRead: true,
        }),
      ),
    );
    return Item ? strip<Account>(Item) : undefined;
  }

  listAccounts(): Promise<Account[]> {
    return this.all<Account>(ACCOUNT_PK);
  }

  setAccountDisabled(email: string, disabled: boolean, at: string): Promise<Account> {
    return this.updateAccount(email, { disabled, updatedAt: at });
  }

  setAccountPassword(email: string, passwordHash: string, at: string): Promise<Account> {
    return this.updateAccount(email, { passwordHash, passwordChangedAt: at, updatedAt: at });
  }

  /** Sets the given attributes of an existing account; an unknown e-mail is a 404, not a new account. */
  private async updateAccount(email: string, changes: Partial<Account>): Promise<Account> {
    const names = Object.keys(changes);
    try {
      const { Attributes } = await guarded(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: ACCOUNT_PK, sk: email },
            UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
            ExpressionAttributeValues: Object.fromEntries(
              names.map((name, i) => [`:v${i}`, changes[name as keyof Account]]),
            ),
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return strip<Account>(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('account');
      throw error;
    }
  }

  async createSession(session: Session): Promise<void> {
    const { expiresAt, ...rest } = session;
    // The table's TTL attribute is epoch seconds; the session keeps its ISO time beside it.
    const outcome = await this.putNew({
      ...rest,
      ...sessionKey(session.tokenHash),
      validUntil: expiresAt,
      [TABLE.ttlAttribute]: Math.ceil(Date.parse(expiresAt) / 1000),
    });
    if (outcome === 'exists') throw new Error('a session token was drawn twice');
  }

  async getSession(tokenHash: string): Promise<Session | undefined> {
    const { Item } = await guarded(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: sessionKey(tokenHash), ConsistentRead: true }),
      ),
    );
    if (!Item) return undefined;
    const { validUntil, ...rest } = strip<Record<string, unknown>>(Item, TABLE.ttlAttribute);
    return { ...rest, expiresAt: String(validUntil) } as Session;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await guarded(() =>
      this.client.send(new DeleteCommand({ TableName: this.tableName, Key: sessionKey(tokenHash) })),
    );
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    const day = entry.at.slice(0, 10);
    const writes = [this.putNew({ ...entry, pk: logKey(entry.scope, day), sk: entry.id })];
    if (entry.submissionId) writes.push(this.putNew({ ...entry, ...historyKey(entry) }));
    // Entry ids are fresh ULIDs: finding one taken means something tried to rewrite history.
    if ((await Promise.all(writes)).includes('exists')) throw new Error(`audit entry ${entry.id} exists`);
  }

  listSubmissionAudit(submissionId: string): Promise<AuditEntry[]> {
    return this.all<AuditEntry>(`SUB#${submissionId}`, 'AUDIT#');
  }

  listAuditLog(scope: string, day: string): Promise<AuditEntry[]> {
    return this.all<AuditEntry>(logKey(scope, day));
  }

  async putJob(job: JobRecord): Promise<void> {
    await guarded(() =>
      this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { ...job, pk: JOB_PK, sk: job.kind } }),
      ),
    );
  }

  listJobs(): Promise<JobRecord[]> {
    return this.all<JobRecord>(JOB_PK);
  }
}
