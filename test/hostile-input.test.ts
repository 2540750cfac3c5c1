import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../shared/runtime.js';
import { submissionInputSchema } from '../shared/submission.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath, testApp } from './support/factories.js';
import { createTestRuntime } from './support/runtime.js';

/**
 * Property tests over the public API: whatever arrives, the answer is never a 5xx, nothing invalid
 * is stored, and nothing a user wrote reaches a page unescaped.
 */
let runtime: Runtime;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  runtime = await createTestRuntime();
  app = testApp(runtime);
});
afterAll(() => runtime.dynamo.destroy());

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil.example","click")',
    '+cmd|/C calc!A0',
    '@SUM(1+1)',
    '-2+3',
    '\u202Eevil\u202C',
    'zero\u200Bwidth\u200D',
    '\u0000nul',
    '\uD800',
    '__proto__',
    'constructor',
    '{{7*7}}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally.
    '${7*7}',
    '[link](javascript:alert(1))',
    '# heading\n* list\n| table |',
    'a'.repeat(10_001),
  ),
);

const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nasty, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** Bodies near the valid shape, with one part replaced by something hostile. */
const nearValidBody = fc
  .record({
    path: fc.constantFrom(
      ['stakeholder', 'organization'],
      ['stakeholder', 'email'],
      ['stakeholder', 'type'],
      ['stakeholder', 'country'],
      ['stakeholder', 'contactName'],
      ['answers', 'Q1'],
      ['answers', 'Q2'],
      ['answers', '__proto__'],
      ['consent', 'quote'],
      ['language'],
      ['__proto__'],
      ['constructor'],
    ),
    value: hostileValue,
  })
  .map(({ path, value }) => {
    const body = JSON.parse(JSON.stringify(submissionBody())) as Record<string, Record<string, unknown>>;
    const [head, leaf] = path as [string, string | undefined];
    // Object.defineProperty sets "__proto__" as an own key, as JSON.parse would.
    if (leaf === undefined) Object.defineProperty(body, head, { value, enumerable: true });
    else Object.defineProperty(body[head] ?? {}, leaf, { value, enumerable: true });
    return JSON.stringify(body);
  });

async function storedAreValid() {
  const schema = submissionInputSchema(runtime.catalogue.default);
  for await (const page of runtime.store.listByConsultation(CONSULTATION_ID)) {
    for (const s of page) {
      if (s.status === 'withdrawn' || !('answers' in s)) continue;
      const result = schema.safeParse({
        stakeholder: s.stakeholder,
        language: s.language,
        answers: s.answers,
        consent: s.consent,
      });
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    }
  }
}

describe('hostile input to POST /api/consultations/:id/submissions', () => {
  it('answers arbitrary JSON with a 2xx or a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue, async (value) => {
        const response = await postJson(app, submissionsPath(), JSON.stringify(value));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await response.json()).toHaveProperty('error.code');
      }),
      { numRuns: 150 },
    );
  });

  it('answers near-valid bodies with one hostile part with 201 or a 4xx naming a field, and stores only valid ones', async () => {
    await fc.assert(
      fc.asyncProperty(nearValidBody, async (body) => {
        const response = await postJson(app, submissionsPath(), body);
        expect([201, 400, 413]).toContain(response.status);
        if (response.status !== 201) {
          const error = ((await response.json()) as { error: { fields?: { path: string }[] } }).error;
          expect(error.fields?.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
    await storedAreValid();
  });

  it('refuses __proto__ and constructor keys as unknown fields, and pollutes no prototype', async () => {
    const valid = JSON.stringify(submissionBody()).slice(1, -1);
    for (const key of ['__proto__', 'constructor']) {
      const response = await postJson(app, submissionsPath(), `{"${key}": {"polluted": "yes"}, ${valid}}`);
      expect(response.status).toBe(400);
      const error = ((await response.json()) as { error: { fields: { path: string; code: string }[] } })
        .error;
      expect(error.fields).toContainEqual(expect.objectContaining({ path: key, code: 'unknown_field' }));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers raw bytes (invalid UTF-8, truncated JSON) with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const response = await app.request(submissionsPath(), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: bytes,
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('survives deep nesting', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const response = await postJson(app, submissionsPath(), `{"answers": {"Q1": ${deep}}}`);
    expect(response.status).toBe(400);
  });

  it('answers abusive headers with a 2xx or a 4xx', async () => {
    const headerValue = fc.string({ maxLength: 300 }).filter((s) => /^[\x20-\x7E]*$/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          'idempotency-key': headerValue,
          'accept-language': headerValue,
          'content-type': fc.oneof(headerValue, fc.constant('application/json; charset=utf-8')),
          authorization: headerValue,
        }),
        async (headers) => {
          const response = await app.request(submissionsPath(), {
            method: 'POST',
            headers,
            body: JSON.stringify(submissionBody()),
          });
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('user text on pages', () => {
  it('never reaches the receipt page unescaped', async () => {
    const injected = fc.constantFrom(
      '<script>alert(1)</script>',
      '"><svg onload=alert(1)>',
      "'><iframe src=javascript:alert(1)>",
      '</textarea><script>x</script>',
      '<img src=x onerror=alert(1)>',
    );
    await fc.assert(
      fc.asyncProperty(injected, fc.stringMatching(/^[\p{L}\p{N} ]{0,40}$/u), async (attack, noise) => {
        const organization = `${noise} ${attack}`.trim();
        const body = submissionBody({
          stakeholder: { ...(submissionBody().stakeholder as object), organization },
          answers: { Q1: `Answer ${attack}` },
        });
        const response = await postJson(app, submissionsPath(), body);
        if (response.status !== 201) return;
        const { viewUrl } = (await response.json()) as { viewUrl: string };
        const html = await (await app.request(new URL(viewUrl).pathname + new URL(viewUrl).search)).text();
        expect(html).not.toContain(attack);
        expect(html).not.toMatch(/<(script|svg|iframe|img)\b/i);
      }),
      { numRuns: 40 },
    );
  });
});
