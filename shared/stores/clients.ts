import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';

// The embedded servers accept any credentials; real AWS takes them from the Lambda's role.
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

// A store that stops answering must fail a request within seconds, so the API can say 503
// instead of hanging until API Gateway's own timeout.
const requestHandler = (config: Config) => ({
  connectionTimeout: config.STORE_CONNECT_TIMEOUT_MS,
  requestTimeout: config.STORE_REQUEST_TIMEOUT_MS,
});

export function createDocumentClient(config: Config): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    maxAttempts: 3,
    requestHandler: requestHandler(config),
    ...(config.DYNAMODB_ENDPOINT
      ? { endpoint: config.DYNAMODB_ENDPOINT, credentials: LOCAL_CREDENTIALS }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export function createS3Client(config: Config): S3Client {
  return new S3Client({
    region: config.AWS_REGION,
    maxAttempts: 3,
    requestHandler: requestHandler(config),
    ...(config.S3_ENDPOINT
      ? {
          endpoint: config.S3_ENDPOINT,
          credentials: LOCAL_CREDENTIALS,
          // s3rver serves path-style only, and stores streamed uploads corrupted when the client
          // adds its default checksums (see ../shared/STACK.md): only what S3 requires.
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
}
