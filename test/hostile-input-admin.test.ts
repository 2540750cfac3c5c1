import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type ReviewFixture, reviewFixture, seed, tokenFor } from './review/support.js';
import { CONSULTATION_ID } from './support/factories.js';

/**
 * Property tests over the secretariat's API: whatever a signed-in client (or a stranger) sends, the
 * answer is never a 5xx, a submission never takes an invalid state, and exports stay inert.
 */
let fx: ReviewFixture;
let admin: string;
let submissionId: string;

beforeAll(async () => {
  fx = await reviewFixture();
  admin = await tokenFor(fx, 'hostile-admin@example.org', 'admin');
  const submission = await seed(fx, {
    organization: '=HYPERLINK("http://evil.example","x")',
    answers: { Q1: '+cmd|/C calc!A0 <script>alert(1)</script> and teachers against xenophobia.' },
    tags: [['R3', 0.8]],
  });
  submissionId = submission.id;
});
afterAll(() => fx.runtime.dynamo.destroy());

const anyJson = fc.jsonValue({ maxDepth: 4 });
const queryValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('R1', 'R9', '-1', '1e309', 'NaN', '<script>', '%00', '__proto__', 'a'.repeat(5_000)),
);

describe('hostile input to the secretariat API', () => {
  it('answers arbitrary PATCH bodies with a 2xx or a 4xx, and the submission stays valid', async () => {
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        const response = await api(fx, 'PATCH', `/api/admin/submissions/${submissionId}`, admin, body);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await response.json()).toHaveProperty('error.code');
      }),
      { numRuns: 120 },
    );
    const record = await fx.runtime.store.get(submissionId);
    const stored = record?.submission as { status: string; tags: { recommendationId: string }[] };
    expect(['received', 'tagged', 'reviewed', 'excluded']).toContain(stored.status);
    for (const tag of stored.tags) expect(tag.recommendationId).toMatch(/^R[1-8]$/);
  });

  it('answers arbitrary list and export queries with a 2xx or a 4xx', async () => {
    const params = fc.dictionary(
      fc.constantFrom(
        'recommendation',
        'question',
        'type',
        'region',
        'country',
        'language',
        'status',
        'minScore',
        'maxScore',
        'q',
        'sort',
        'cursor',
        'limit',
        'source',
        '__proto__',
      ),
      queryValue,
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(
        params,
        fc.constantFrom('submissions', 'export.csv', 'export.json'),
        async (query, what) => {
          const search = new URLSearchParams(query as Record<string, string>).toString();
          const response = await api(
            fx,
            'GET',
            `/api/admin/consultations/${CONSULTATION_ID}/${what}?${search}`,
            admin,
          );
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('answers any request without a valid token with 401, whatever it carries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }).filter((s) => /^[\x20-\x7E]*$/.test(s)),
        fc.constantFrom('GET', 'PATCH', 'POST', 'PUT'),
        async (token, method) => {
          const path =
            method === 'GET'
              ? `/api/admin/submissions/${submissionId}`
              : `/api/admin/submissions/${submissionId}`;
          const response = await fx.app.request(path, {
            method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(method === 'GET' ? {} : { body: '{}' }),
          });
          expect(response.status).toBe(401);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('exports formulas and markup as inert text', async () => {
    const csv = await (
      await api(fx, 'GET', `/api/admin/consultations/${CONSULTATION_ID}/export.csv`, admin)
    ).text();
    // Every cell that would start a formula starts with a quote instead.
    for (const cell of csv.split(/[,\n]/).map((c) => c.replace(/^"|"$/g, '')))
      expect(cell).not.toMatch(/^[=+\-@]/);
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).toContain("'+cmd");
  });
});
