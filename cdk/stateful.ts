import type { KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { Aws, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE, tableDefinition } from '../shared/stores/table.js';

/** How long an overwritten or deleted object stays recoverable before S3 removes it for good. */
export const NONCURRENT_VERSION_DAYS = 30;

/**
 * The physical names of the data, fixed so that the stateless stack finds them by name, with no
 * CloudFormation export between the stacks, and so that a change which would make CloudFormation
 * replace the table or the bucket fails instead of swapping in an empty one.
 */
export interface DataNames {
  table: string;
  bucket: string;
  firstAdminSecret: string;
}

/** `name` tells deployments in one account and region apart; the bucket name is global. */
export function dataNames(name: string): DataNames {
  return {
    table: name,
    bucket: `${name}-data-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    firstAdminSecret: `${name}/first-admin-password`,
  };
}

export interface StatefulStackProps extends StackProps {
  names: DataNames;
}

/**
 * The data: the table, the bucket and the first admin's password. Nothing here is replaced by a
 * code deployment, and nothing here is deleted with the stack.
 */
export class StatefulStack extends Stack {
  readonly firstAdminSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const { names } = props;

    submissionsTable(this, names.table);

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new s3.Bucket(this, 'Data', {
      bucketName: names.bucket,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'data/',
      lifecycleRules: [
        {
          // Every publication rewrites reports/<consultation>/latest.json and a withdrawal deletes the
          // document: the versions they leave behind go after a month, so a withdrawn document is
          // really gone, and an accidental overwrite can still be undone meanwhile.
          id: 'expire-old-versions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
        },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // CloudFormation generates the password: it never appears in the template, the repository or
    // a deploy command. The api function reads it to create the first admin account.
    this.firstAdminSecret = new secretsmanager.Secret(this, 'FirstAdminPassword', {
      secretName: names.firstAdminSecret,
      description: 'Password of the secretariat first admin, generated at deployment',
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.firstAdminSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'A one-time sign-in password for the first admin: the account keeps its own scrypt hash, so rotating this secret would change nothing the app checks.',
    });
  }
}

/** The table of shared/stores/table.ts, built from the same definition the local stack creates. */
function submissionsTable(scope: Construct, tableName: string) {
  const definition = tableDefinition(tableName);
  const attributeType = (name: string) => {
    const type = definition.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
    if (!type) throw new Error(`The table definition has no type for key attribute ${name}`);
    return dynamodb.AttributeType[type === 'S' ? 'STRING' : type === 'N' ? 'NUMBER' : 'BINARY'];
  };
  const keys = (schema: KeySchemaElement[] | undefined) => {
    const key = (type: 'HASH' | 'RANGE') => {
      const name = schema?.find((k) => k.KeyType === type)?.AttributeName;
      return name ? { name, type: attributeType(name) } : undefined;
    };
    const partitionKey = key('HASH');
    if (!partitionKey) throw new Error('The table definition has a key schema without a partition key');
    return { partitionKey, sortKey: key('RANGE') };
  };

  const table = new dynamodb.Table(scope, 'Table', {
    tableName,
    ...keys(definition.KeySchema),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    timeToLiveAttribute: TABLE.ttlAttribute,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    const projection = index.Projection?.ProjectionType;
    if (!index.IndexName || !projection) throw new Error('The table definition has an unnamed index');
    table.addGlobalSecondaryIndex({
      indexName: index.IndexName,
      ...keys(index.KeySchema),
      projectionType: dynamodb.ProjectionType[projection],
      nonKeyAttributes: index.Projection?.NonKeyAttributes,
    });
  }
}
