import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { NONCURRENT_VERSION_DAYS } from '../../cdk/stateful.js';
import { TABLE, tableDefinition } from '../../shared/stores/table.js';
import { resourceOf, synthesize } from './synthesize.js';

const { data, stateful, assembly } = synthesize();

describe('the data stack', () => {
  it('is protected against deletion as a whole', () => {
    expect(assembly.getStackByName(stateful.stackName).terminationProtection).toBe(true);
  });

  it('keeps every data resource when the stack or the resource goes away', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::SecretsManager::Secret']) {
      const resources = Object.values(data.findResources(type));
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      }
    }
  });
});

describe('the table', () => {
  const table = resourceOf(data, 'AWS::DynamoDB::Table', 'Table');
  const local = tableDefinition('gcm-synthesis');

  it('has the keys, attributes and indexes the code and the local stack use', () => {
    const sortByName = <T extends { AttributeName?: string; IndexName?: string }>(items: T[] = []) =>
      [...items].sort((a, b) =>
        String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)),
      );
    expect(table.Properties.TableName).toBe('gcm-synthesis');
    expect(table.Properties.KeySchema).toEqual(local.KeySchema);
    expect(sortByName(table.Properties.AttributeDefinitions as [])).toEqual(
      sortByName(local.AttributeDefinitions),
    );
    expect(sortByName(table.Properties.GlobalSecondaryIndexes as [])).toEqual(
      sortByName(local.GlobalSecondaryIndexes),
    );
  });

  it('lists a consultation with whole items and queues pending work with keys only', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: TABLE.byConsultation.name, Projection: { ProjectionType: 'ALL' } }),
        Match.objectLike({ IndexName: TABLE.pending.name, Projection: { ProjectionType: 'KEYS_ONLY' } }),
      ]),
    });
  });

  it('bills per request, recovers to any point in time, refuses deletion and is encrypted with KMS', () => {
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      // Enabled without a key of our own: the AWS managed KMS key, whose use CloudTrail records.
      SSESpecification: { SSEEnabled: true },
    });
    expect(table.Properties.SSESpecification).not.toHaveProperty('KMSMasterKeyId');
  });

  it('expires records through the TTL attribute the code writes', () => {
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: TABLE.ttlAttribute,
      Enabled: true,
    });
  });
});

describe('the data bucket', () => {
  const bucket = resourceOf(data, 'AWS::S3::Bucket', 'Data');

  it('is versioned, encrypted, closed to the public and owned by the account', () => {
    expect(bucket.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('refuses requests without TLS, and TLS below 1.2', () => {
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket.id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      },
    });
  });

  it('removes overwritten report versions and withdrawn documents after a month', () => {
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: expect.arrayContaining([
        expect.objectContaining({
          Status: 'Enabled',
          NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_DAYS },
        }),
        expect.objectContaining({
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        }),
      ]),
    });
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: { Prefix?: string }[] }).Rules;
    // No prefix: the rule covers reports/ and uploads/ alike.
    expect(rules.every((rule) => rule.Prefix === undefined)).toBe(true);
  });

  it('logs every access to a bucket of its own', () => {
    const logs = resourceOf(data, 'AWS::S3::Bucket', 'AccessLogs');
    expect(bucket.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logs.id },
      LogFilePrefix: 'data/',
    });
    expect(logs.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
  });
});

describe('the first admin password', () => {
  it('is generated by CloudFormation and never written into the template', () => {
    const secret = resourceOf(data, 'AWS::SecretsManager::Secret', 'FirstAdminPassword');
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(secret.Properties).toMatchObject({
      Name: 'gcm-synthesis/first-admin-password',
      GenerateSecretString: { PasswordLength: 32, ExcludePunctuation: true },
    });
  });
});
