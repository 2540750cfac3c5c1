import autocannon from 'autocannon';
import { readConfig } from '../shared/config.js';
import { createRuntime } from '../shared/runtime.js';
import { benchBody, CONSULTATION_ID_FOR_BENCH } from './bodies.js';
import { type Figure, progress, startLocalStack } from './support.js';

const CONNECTIONS = [1, 50, 200];

/** The API over HTTP against `npm start`'s own process: POST (distinct bodies) and GET /. */
export async function benchHttp(seconds: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const local = await startLocalStack();
  let created = 0;
  let sequence = 0;
  try {
    for (const connections of CONNECTIONS) {
      for (const target of ['POST submissions', 'GET /'] as const) {
        progress(`HTTP ${target}, ${connections} connection(s)`);
        // POST runs send a fixed number of requests so that every one of them completes and
        // counts: a timed run drops the responses still in flight when it stops.
        const result = await autocannon({
          url: local.url,
          connections,
          ...(target === 'GET /' ? { duration: seconds } : { amount: Math.max(100, connections * 5) }),
          requests: [
            target === 'GET /'
              ? { method: 'GET', path: '/' }
              : {
                  method: 'POST',
                  path: `/api/consultations/${CONSULTATION_ID_FOR_BENCH}/submissions`,
                  headers: { 'content-type': 'application/json' },
                  // A body of its own for every request. (autocannon's idReplacement keeps the
                  // first body's Content-Length, so the server waits for bytes that never come.)
                  setupRequest: (request) => ({
                    ...request,
                    body: benchBody(`c${connections}-${sequence++}`),
                  }),
                },
          ],
        });
        if (target === 'POST submissions') created += result['2xx'];
        const section = `http ${target}`;
        const errors = result.errors + result.timeouts + result.non2xx;
        figures.push(
          { section, name: `c=${connections} requests/s`, value: result.requests.average, unit: 'req/s' },
          { section, name: `c=${connections} latency p50`, value: result.latency.p50, unit: 'ms' },
          { section, name: `c=${connections} latency p99`, value: result.latency.p99, unit: 'ms' },
          { section, name: `c=${connections} errors`, value: errors, unit: 'count' },
        );
      }
    }
    progress('counting stored submissions');
    const runtime = createRuntime(
      readConfig({
        ...process.env,
        DYNAMODB_ENDPOINT: local.stack.dynamoEndpoint,
        S3_ENDPOINT: local.stack.s3Endpoint,
      }),
    );
    let stored = 0;
    for await (const page of runtime.store.listByConsultation(CONSULTATION_ID_FOR_BENCH))
      stored += page.length;
    runtime.dynamo.destroy();
    figures.push(
      { section: 'http durability', name: '201 responses', value: created, unit: 'count' },
      {
        section: 'http durability',
        name: 'stored submissions',
        value: stored,
        unit: 'count',
        note: stored === created ? 'equal to the 201s' : 'DIFFERS from the 201s',
      },
    );
  } finally {
    await local.stop();
  }
  return figures;
}
