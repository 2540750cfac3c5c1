import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table's layout, shared by the DynamoDB store, the local stack and the CDK stack.
 *
 * - pk/sk: a submission is `SUB#<ulid>`/`SUB`; an idempotency record is `IDEM#<hash>`/`IDEM`; the
 *   claim binding an upload to the one submission that sent it is `UPLOAD#<uploadId>`/`UPLOAD`.
 * - byConsultation: `consultationShard` = `<consultationId>#<shard>`, sorted by id. Sharded so that a
 *   consultation with millions of submissions is no hot partition.
 * - pending: `pendingShard` exists only while a submission waits for the tagger (a sparse index), so
 *   the tagger's cost follows new submissions, not the table. Mail waiting in the outbox uses the
 *   same index under partitions of its own (`mail#<shard>`, sorted by `<dueAt>#<mailId>`), which the
 *   tagger never reads: dynalite cannot add an index to an existing table, so a new one would
 *   strand every local data directory.
 * - mail (shared/stores/mail-dynamodb.ts): an outbox entry is `MAIL#<mailId>`/`MAIL`; a private link
 *   sent by mail is `SUB#<id>`/`LINK#<token hash>`; the submissions of an address are
 *   `CONTACT#<consultationId>#<address hash>`/`<id>`; a bounced address is `SUPPRESSED#<hash>`.
 * - expiresAt: epoch seconds, the TTL attribute for records that expire (idempotency keys).
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  byConsultation: { name: 'byConsultation', partitionKey: 'consultationShard', sortKey: 'id' },
  pending: { name: 'pending', partitionKey: 'pendingShard', sortKey: 'id' },
  shardCount: 16,
} as const;

/** The outbox's partitions of the pending index: mail is far rarer than tagging work, so four do. */
export const MAIL_QUEUE = { shardPrefix: 'mail#', shardCount: 4 } as const;

export function tableDefinition(tableName: string): CreateTableCommandInput {
  const index = (
    spec: { name: string; partitionKey: string; sortKey: string },
    projection: 'ALL' | 'KEYS_ONLY',
  ) => ({
    IndexName: spec.name,
    KeySchema: [
      { AttributeName: spec.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: spec.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: projection },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      { AttributeName: TABLE.byConsultation.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.pending.partitionKey, AttributeType: 'S' },
      { AttributeName: 'id', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    // The listing projects whole items: the report reads every submission, and a page of keys
    // followed by BatchGets would cost twice. The tagger reads each item consistently anyway.
    GlobalSecondaryIndexes: [index(TABLE.byConsultation, 'ALL'), index(TABLE.pending, 'KEYS_ONLY')],
  };
}

/** Spreads ids evenly over the shards; stable, so an item's shard never changes. */
export function shardOf(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % TABLE.shardCount;
}
