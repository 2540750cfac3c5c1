import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableDefinition } from './table.js';

/**
 * Creates the table and bucket if they are missing; safe to call on every start. For the embedded
 * servers: on AWS the data stack creates both.
 */
export async function ensureTableAndBucket(
  dynamo: DynamoDBDocumentClient,
  s3: S3Client,
  names: { tableName: string; bucketName: string },
): Promise<void> {
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: names.tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await dynamo.send(new CreateTableCommand(tableDefinition(names.tableName)));
  }
  try {
    await s3.send(new HeadBucketCommand({ Bucket: names.bucketName }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: names.bucketName }));
  }
}
