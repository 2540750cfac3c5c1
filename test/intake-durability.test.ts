import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyResult, LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runtimeOn, startEmbeddedStack } from '../functions/local/embedded-stack.js';
import type { Runtime } from '../shared/runtime.js';
import type { StoredSubmission } from '../shared/stores/ports.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath, testApp } from './support/factories.js';
import { createTestRuntime } from './support/runtime.js';

async function allStored(runtime: Runtime): Promise<StoredSubmission[]> {
  const all: StoredSubmission[] = [];
  for await (const page of runtime.store.listByConsultation(CONSULTATION_ID)) all.push(...page);
  return all;
}

describe('under concurrent load', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(() => runtime.dynamo.destroy());

  it('stores exactly 200 submissions for 200 concurrent valid POSTs', async () => {
    const app = testApp(runtime);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        postJson(
          app,
          submissionsPath(),
          submissionBody({ answers: { Q1: `Concurrent submission number ${i}.` } }),
        ),
      ),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)),
    );
    expect(ids.size).toBe(200);
    // The listing index is eventually consistent on real DynamoDB; dynalite answers at once.
    const stored = await allStored(runtime);
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((s) => s.id))).toEqual(ids);
  });

  it('stores one submission for 20 concurrent retries with the same Idempotency-Key', async () => {
    const app = testApp(runtime);
    const body = submissionBody({ answers: { Q3: 'one of twenty retries' } });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        postJson(app, submissionsPath(), body, { 'idempotency-key': 'concurrent-key-0001' }),
      ),
    );
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)),
    );
    expect(ids.size).toBe(1);
    const matching = (await allStored(runtime)).filter(
      (s) => 'answers' in s && s.answers.Q3 === 'one of twenty retries',
    );
    expect(matching).toHaveLength(1);
  });
});

describe('a restart of the local store', () => {
  it('keeps the data written before it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gcm-restart-'));
    const open = async () => {
      const stack = await startEmbeddedStack({ dataDir });
      const runtime = await runtimeOn(stack);
      return { stack, runtime };
    };
    try {
      const first = await open();
      const response = await postJson(testApp(first.runtime), submissionsPath(), submissionBody());
      const { id } = (await response.json()) as { id: string };
      first.runtime.dynamo.destroy();
      await first.stack.stop();

      const second = await open();
      const stored = await second.runtime.store.get(id);
      second.runtime.dynamo.destroy();
      await second.stack.stop();
      expect(stored?.submission).toMatchObject({ id, status: 'received', consultationId: CONSULTATION_ID });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the Lambda handler', () => {
  let runtime: Runtime;
  let handler: (event: unknown, context: LambdaContext) => Promise<APIGatewayProxyResult>;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    vi.stubEnv('TABLE_NAME', runtime.config.TABLE_NAME);
    vi.stubEnv('BUCKET_NAME', runtime.config.BUCKET_NAME);
    vi.stubEnv('DYNAMODB_ENDPOINT', runtime.config.DYNAMODB_ENDPOINT ?? '');
    vi.stubEnv('S3_ENDPOINT', runtime.config.S3_ENDPOINT ?? '');
    ({ handler } = (await import('../functions/api.js')) as unknown as { handler: typeof handler });
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    runtime.dynamo.destroy();
  });

  function apiGatewayV2Event(
    method: string,
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ) {
    return {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', ...headers },
      body: body === undefined ? null : Buffer.from(body).toString('base64'),
      isBase64Encoded: body !== undefined,
      requestContext: {
        accountId: '123456789012',
        apiId: 'abc123',
        authentication: null,
        authorizer: {},
        domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
        domainPrefix: 'abc123',
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
        requestId: 'req-1',
        routeKey: '$default',
        stage: '$default',
        time: '28/Nov/2026:12:00:00 +0000',
        timeEpoch: 1_795_000_000_000,
      },
    } as unknown as LambdaEvent;
  }
  const context = {} as LambdaContext;

  it('answers an API Gateway v2 GET', async () => {
    const result = await handler(apiGatewayV2Event('GET', `/api/consultations/${CONSULTATION_ID}`), context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).id).toBe(CONSULTATION_ID);
  });

  it.each([
    ['an empty object', {}],
    ['a schedule event', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }],
    ['null', null],
  ])('answers %s with a clear 400 instead of crashing', async (_name, event) => {
    const result = await handler(event, context);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe('not_an_http_event');
  });

  it('stores a submission from a base64-encoded API Gateway v2 POST', async () => {
    const event = apiGatewayV2Event('POST', submissionsPath(), JSON.stringify(submissionBody()), {
      'content-type': 'application/json',
    });
    const result = await handler(event, context);
    expect(result.statusCode).toBe(201);
    const { id } = JSON.parse(result.body) as { id: string };
    expect((await runtime.store.get(id))?.submission.status).toBe('received');
  });
});
