import { type Config, readConfig, windowOverride } from './config.js';
import { type ConsultationCatalogue, loadCatalogue } from './consultation.js';
import { createDocumentClient, createS3Client } from './stores/clients.js';
import { DynamoDbSubmissionStore } from './stores/dynamodb.js';
import type { DocumentStore, ModelStore, ReportStore, SubmissionStore } from './stores/ports.js';
import { S3DocumentStore, uploadOriginOf } from './stores/s3-documents.js';
import { S3ModelStore } from './stores/s3-models.js';
import { S3ReportStore } from './stores/s3-reports.js';

/** Everything a function needs, wired from the environment once per process (a Lambda container). */
export interface Runtime {
  config: Config;
  catalogue: ConsultationCatalogue;
  dynamo: ReturnType<typeof createDocumentClient>;
  s3: ReturnType<typeof createS3Client>;
  store: SubmissionStore;
  models: ModelStore;
  reports: ReportStore;
  documents: DocumentStore;
}

export function createRuntime(config: Config = readConfig()): Runtime {
  const dynamo = createDocumentClient(config);
  const s3 = createS3Client(config);
  return {
    config,
    catalogue: loadCatalogue(windowOverride(config)),
    dynamo,
    s3,
    store: new DynamoDbSubmissionStore(dynamo, config.TABLE_NAME),
    models: new S3ModelStore(s3, config.BUCKET_NAME),
    reports: new S3ReportStore(s3, config.BUCKET_NAME),
    documents: new S3DocumentStore(s3, config.BUCKET_NAME, uploadOriginOf(config)),
  };
}
