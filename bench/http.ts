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
  let inFlightAtStop = 0;
  let sequence = 0;
  try {
    for (const connections of CONNECTIONS) {
      for (const target of ['POST submissions', 'GET /'] as const) {
        progress(`HTTP ${target}, ${connections} connection(s)`);
        // Every run is timed, and its throughput is the responses that completed divided by the run's own
        // elapsed time. (autocannon's requests.average is a mean of one-second buckets: a run of 100 requests
        // that ends in 0.7 s reads as "100 req/s".) Requests still in flight when the time is up are neither
        // counted nor lost: the server may still store them, which the durability figures below allow for.
        const started = performance.now();
        const result = await autocannon({
          url: local.url,
          connections,
          duration: seconds,
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
        const elapsed = (performance.now() - started) / 1000;
        const completed = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
        if (target === 'POST submissions') {
          created += result['2xx'];
          inFlightAtStop += connections;
        }
        const section = `http ${target}`;
        const errors = result.errors + result.timeouts + result.non2xx;
        figures.push(
          {
            section,
            name: `c=${connections} completed/s`,
            value: completed / elapsed,
            unit: 'req/s',
            note: `${completed} responses in ${elapsed.toFixed(1)} s`,
          },
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
        // Every 201 must be stored; a request cut off by the end of a timed run may be stored without its 201.
        note:
          stored >= created && stored <= created + inFlightAtStop
            ? `every 201 stored (+${stored - created} answered after their run stopped)`
            : 'DIFFERS from the 201s',
      },
    );
  } finally {
    await local.stop();
  }
  return figures;
}
