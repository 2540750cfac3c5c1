import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { serve } from '@hono/node-server';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../shared/runtime.js';
import { submissionsPath, testApp } from './support/factories.js';
import { createTestRuntime } from './support/runtime.js';

/** Issue 13 item 10: a client that goes away is not a server error, and request ids are ours to choose. */

type Entry = { level: string; message: unknown; fields: Record<string, unknown> };
type Args = Parameters<Logger['info']>;

/** A real Powertools logger that also keeps what it was told, for the test to read. */
class KeepingLogger extends Logger {
  readonly entries: Entry[] = [];
  private keep(level: string, [message, fields]: Args) {
    this.entries.push({ level, message, fields: (fields ?? {}) as Record<string, unknown> });
  }
  override info(...args: Args) {
    this.keep('info', args);
  }
  override warn(...args: Args) {
    this.keep('warn', args);
  }
  override error(...args: Args) {
    this.keep('error', args);
  }
}

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createTestRuntime();
});
afterAll(() => runtime.dynamo.destroy());

/** Waits, by polling, until the logger has logged the request's outcome. */
async function requestLogged(logger: KeepingLogger): Promise<Entry> {
  for (;;) {
    const entry = logger.entries.find((e) => e.message === 'request');
    if (entry) return entry;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('a client that aborts mid-body', () => {
  it('is logged as a client abort with status 499, not as an unhandled error with 500', async () => {
    const logger = new KeepingLogger({ logLevel: 'SILENT' });
    const server = serve({ fetch: testApp(runtime, { logger }).fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    // The headers and part of the body, then the client goes away.
    await new Promise((resolve) =>
      socket.write(
        `POST ${submissionsPath()} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"stakeholder": {`,
        resolve,
      ),
    );
    socket.destroy();

    const logged = await requestLogged(logger);
    server.close();
    expect(logged.fields.status).toBe(499);
    expect(logger.entries.some((e) => e.message === 'client aborted')).toBe(true);
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});

describe('request ids', () => {
  const app = () => testApp(runtime);

  it('adopts a client’s X-Request-Id only when it is a UUID or a ULID', async () => {
    const uuid = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
    const ulid = '01JDXQ3M2N4P5R6S7T8V9W0XYZ';
    for (const offered of [uuid, ulid]) {
      const response = await app().request('/healthz', { headers: { 'x-request-id': offered } });
      expect(response.headers.get('x-request-id')).toBe(offered);
    }
    for (const offered of ['abc', 'x'.repeat(200), 'admin-signed-in-ok', `${uuid}-and-more`]) {
      const response = await app().request('/api/consultations/nope', {
        headers: { 'x-request-id': offered },
      });
      const chosen = response.headers.get('x-request-id');
      expect(chosen).not.toBe(offered);
      expect(chosen).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(((await response.json()) as { requestId: string }).requestId).toBe(chosen);
    }
  });

  it('on Lambda is API Gateway’s request id, whatever the client sent', async () => {
    const event: LambdaEvent = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/consultations/nope',
      rawQueryString: '',
      headers: { host: 'api.example.org', 'x-request-id': '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b' },
      body: null,
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: 'api',
        authentication: null,
        authorizer: {},
        domainName: 'api.example.org',
        domainPrefix: 'api',
        requestId: 'JE-a5jZ1oAMEVzQ=',
        routeKey: '$default',
        stage: '$default',
        time: '28/Nov/2026:09:00:00 +0000',
        timeEpoch: 1_795_856_400_000,
        http: {
          method: 'GET',
          path: '/api/consultations/nope',
          protocol: 'HTTP/1.1',
          sourceIp: '198.51.100.7',
          userAgent: 'test',
        },
      },
    };
    const result = (await handle(app())(event, {} as LambdaContext)) as { body: string };
    expect((JSON.parse(result.body) as { requestId: string }).requestId).toBe('JE-a5jZ1oAMEVzQ=');
  });
});
