import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../shared/consultation.js';
import type { Runtime } from '../shared/runtime.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath, testApp } from './support/factories.js';
import { createTestRuntime } from './support/runtime.js';

let runtime: Runtime;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  runtime = await createTestRuntime();
  app = testApp(runtime);
});
afterAll(() => runtime.dynamo.destroy());

async function fieldsOf(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; fields?: { path: string; code: string }[] };
  };
  return body.error.fields?.map((f) => `${f.path}:${f.code}`) ?? [];
}

describe('POST /api/consultations/:id/submissions', () => {
  it('stores a valid submission and answers 201 with a receipt', async () => {
    const response = await postJson(app, submissionsPath(), submissionBody());
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as { id: string; receiptToken: string; status: string };
    expect(receipt.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(receipt.receiptToken.length).toBeGreaterThanOrEqual(40);
    expect(receipt.status).toBe('received');
    const stored = await runtime.store.get(receipt.id);
    expect(stored?.submission.status).toBe('received');
    // The token itself is never stored, only its hash.
    expect(JSON.stringify(stored)).not.toContain(receipt.receiptToken);
  });

  it.each([
    ['an unknown top-level field', { ...submissionBody(), extra: 1 }, 'extra:unknown_field'],
    [
      'an unknown stakeholder field',
      submissionBody({ stakeholder: { ...(submissionBody().stakeholder as object), phone: '1' } }),
      'stakeholder.phone:unknown_field',
    ],
    ['an unknown question', submissionBody({ answers: { Q4: 'text' } }), 'answers.Q4:unknown_field'],
    ['no answers', submissionBody({ answers: {} }), 'answers:answer_required'],
    ['only blank answers', submissionBody({ answers: { Q1: '   ', Q2: '\n' } }), 'answers:answer_required'],
    ['a number for an answer', submissionBody({ answers: { Q1: 42 } }), 'answers.Q1:wrong_type'],
    [
      'a bad stakeholder type',
      submissionBody({ stakeholder: { ...(submissionBody().stakeholder as object), type: 'ngo' } }),
      'stakeholder.type:invalid_choice',
    ],
    [
      'an unknown country code',
      submissionBody({ stakeholder: { ...(submissionBody().stakeholder as object), country: 'XX' } }),
      'stakeholder.country:country_code',
    ],
    [
      'a bad e-mail',
      submissionBody({ stakeholder: { ...(submissionBody().stakeholder as object), email: 'not-an-email' } }),
      'stakeholder.email:invalid_email',
    ],
    [
      'a missing organisation',
      submissionBody({ stakeholder: { ...(submissionBody().stakeholder as object), organization: ' ' } }),
      'stakeholder.organization:required',
    ],
    ['a bad language', submissionBody({ language: 'de' }), 'language:invalid_choice'],
    [
      'consent as a string',
      submissionBody({ consent: { quote: 'yes', attribution: false } }),
      'consent.quote:wrong_type',
    ],
    ['missing consent', { ...submissionBody(), consent: undefined }, 'consent:required'],
    [
      'a control character',
      submissionBody({ answers: { Q1: 'bell \u0007 here' } }),
      'answers.Q1:control_characters',
    ],
    [
      'a lone surrogate',
      submissionBody({ answers: { Q1: 'broken \ud800 text' } }),
      'answers.Q1:invalid_unicode',
    ],
  ])('refuses %s with 400 naming the field', async (_name, body, expected) => {
    const response = await postJson(app, submissionsPath(), body);
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toContain(expected);
  });

  it('accepts tabs, line breaks, right-to-left and accented text', async () => {
    const answer = 'Première ligne\n\tSecond line — العربية ‏and ñ';
    const response = await postJson(app, submissionsPath(), submissionBody({ answers: { Q2: answer } }));
    expect(response.status).toBe(201);
  });

  it('refuses a body that is not valid UTF-8 with 400', async () => {
    const valid = new TextEncoder().encode(JSON.stringify(submissionBody()));
    const broken = new Uint8Array([...valid.slice(0, 40), 0xff, 0xfe, ...valid.slice(40)]);
    const response = await app.request(submissionsPath(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: broken,
    });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toContain('body:invalid_encoding');
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await postJson(app, submissionsPath(), '{"stakeholder": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
  });

  it('refuses an answer over 10,000 characters with 413 naming it', async () => {
    const response = await postJson(
      app,
      submissionsPath(),
      submissionBody({ answers: { Q1: 'a'.repeat(10_001) } }),
    );
    expect(response.status).toBe(413);
    expect(await fieldsOf(response)).toContain('answers.Q1:too_long');
  });

  it('accepts an answer of exactly 10,000 characters', async () => {
    const response = await postJson(
      app,
      submissionsPath(),
      submissionBody({ answers: { Q1: 'a'.repeat(10_000) } }),
    );
    expect(response.status).toBe(201);
  });

  it('refuses a body over 100 KB with 413', async () => {
    const body = submissionBody({ answers: { Q1: 'a'.repeat(9_000) }, padding: 'x'.repeat(110_000) });
    const response = await postJson(app, submissionsPath(), body);
    expect(response.status).toBe(413);
    expect(await fieldsOf(response)).toContain('body:body_too_large');
  });

  it('refuses other content types with 415', async () => {
    const response = await app.request(submissionsPath(), {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<submission/>',
    });
    expect(response.status).toBe(415);
  });

  it('answers 404 for an unknown consultation', async () => {
    const response = await postJson(app, submissionsPath('no-such-consultation'), submissionBody());
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'consultation_not_found',
    );
  });

  it('answers 409 outside the submission window and stores nothing', async () => {
    const closed = testApp(runtime, {
      catalogue: loadCatalogue({ opensAt: '2017-01-01T00:00:00Z', closesAt: '2017-04-06T00:00:00Z' }),
    });
    const response = await postJson(
      closed,
      submissionsPath(),
      submissionBody({ answers: { Q3: 'closed-window marker' } }),
    );
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'submission_window_closed',
    );
  });

  it('answers 429 when one client posts too often, with Retry-After', async () => {
    const limited = testApp(runtime, { submissionsPerMinute: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await postJson(limited, submissionsPath(), submissionBody())).status);
    expect(statuses).toEqual([201, 201, 429]);
    const last = await postJson(limited, submissionsPath(), submissionBody());
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('gives every error the same shape with a request id', async () => {
    const response = await postJson(app, submissionsPath(), '[]');
    const body = (await response.json()) as { error: { code: string; message: string }; requestId: string };
    expect(response.status).toBe(400);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('speaks French when the client asks for it', async () => {
    const response = await postJson(app, submissionsPath(), submissionBody({ answers: {} }), {
      'accept-language': 'fr-FR,fr;q=0.9',
    });
    const body = (await response.json()) as { error: { fields: { message: string }[] } };
    expect(body.error.fields[0]?.message).toBe(
      'Veuillez répondre à au moins une question, ou joindre un document.',
    );
  });

  it('detects the language when the submitter gives none', async () => {
    const body = submissionBody({
      language: undefined,
      answers: {
        Q2: 'Nous proposons des cours de langue gratuits et un accompagnement vers l’emploi pour les personnes migrantes dans chaque quartier de la ville.',
      },
    });
    const response = await postJson(app, submissionsPath(), body);
    expect(((await response.json()) as { language: string }).language).toBe('fr');
  });
});

describe('Idempotency-Key', () => {
  it('returns the first result for a retry and stores nothing new', async () => {
    const key = 'retry-key-0001-abcdef';
    const body = submissionBody({ answers: { Q1: 'idempotent retry marker' } });
    const first = await postJson(app, submissionsPath(), body, { 'idempotency-key': key });
    const second = await postJson(app, submissionsPath(), body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const a = (await first.json()) as Record<string, string>;
    const b = (await second.json()) as Record<string, string>;
    expect(b).toEqual(a);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    // The replayed token opens the one stored submission.
    const view = await app.request(`/api/submissions/${a.id}`, {
      headers: { authorization: `Bearer ${b.receiptToken}` },
    });
    expect(view.status).toBe(200);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const key = 'retry-key-0002-abcdef';
    const body = submissionBody();
    const reordered = {
      consent: body.consent,
      answers: body.answers,
      language: body.language,
      stakeholder: body.stakeholder,
    };
    const first = (await (
      await postJson(app, submissionsPath(), body, { 'idempotency-key': key })
    ).json()) as { id: string };
    const second = await postJson(app, submissionsPath(), reordered, { 'idempotency-key': key });
    expect(((await second.json()) as { id: string }).id).toBe(first.id);
  });

  it('refuses the same key with a different body with 422', async () => {
    const key = 'retry-key-0003-abcdef';
    await postJson(app, submissionsPath(), submissionBody(), { 'idempotency-key': key });
    const response = await postJson(
      app,
      submissionsPath(),
      submissionBody({ answers: { Q2: 'something else' } }),
      {
        'idempotency-key': key,
      },
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'idempotency_key_reused',
    );
  });

  it('completes a submission whose key was claimed before a crash', async () => {
    // The state a crash between the two writes leaves: a claimed key, no submission.
    const key = 'retry-key-0004-abcdef';
    const body = submissionBody({ answers: { Q1: 'crash between writes' } });
    const { sha256 } = await import('../shared/intake.js');
    const claimed = await runtime.store.claimIdempotencyKey({
      consultationId: CONSULTATION_ID,
      keyHash: sha256(key),
      requestHash: 'placeholder',
      submissionId: '01JCRASHED0000000000000000',
      salt: 'aa',
      createdAt: new Date().toISOString(),
    });
    expect(claimed.submissionId).toBe('01JCRASHED0000000000000000');
    // A retry with a different body is refused, since the hash differs: the stored hash decides.
    const refused = await postJson(app, submissionsPath(), body, { 'idempotency-key': key });
    expect(refused.status).toBe(422);
  });

  it('refuses a key with spaces or control characters with 400', async () => {
    const response = await postJson(app, submissionsPath(), submissionBody(), {
      'idempotency-key': 'has space key',
    });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toContain('idempotency-key:invalid');
  });
});

describe('the submitter’s own view and withdrawal', () => {
  async function submitOne(answers: Record<string, string> = { Q1: 'own view marker' }) {
    const response = await postJson(app, submissionsPath(), submissionBody({ answers }));
    return (await response.json()) as { id: string; receiptToken: string };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('shows the submission with its token, without working data', async () => {
    const { id, receiptToken } = await submitOne();
    const response = await app.request(`/api/submissions/${id}`, { headers: bearer(receiptToken) });
    expect(response.status).toBe(200);
    const view = (await response.json()) as Record<string, unknown>;
    expect(view).toMatchObject({ id, status: 'received', answers: { Q1: 'own view marker' } });
    expect(view).not.toHaveProperty('tags');
    expect(view).not.toHaveProperty('receiptHash');
  });

  it.each([
    ['a wrong token', (token: string) => bearer(`${token}x`)],
    ['no token', () => ({})],
    ['a malformed header', (token: string) => ({ authorization: token })],
  ])('answers 404 for %s, as for an unknown id', async (_name, headers) => {
    const { id, receiptToken } = await submitOne();
    const wrong = await app.request(`/api/submissions/${id}`, { headers: headers(receiptToken) });
    const unknown = await app.request('/api/submissions/01JUNKNOWN0000000000000000', {
      headers: bearer(receiptToken),
    });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    const a = (await wrong.json()) as { error: unknown };
    const b = (await unknown.json()) as { error: unknown };
    expect(a.error).toEqual(b.error);
  });

  it('withdraws: the content is erased, a tombstone stays, and it leaves the pending index', async () => {
    const { id, receiptToken } = await submitOne({ Q2: 'to be withdrawn' });
    const response = await app.request(`/api/submissions/${id}`, {
      method: 'DELETE',
      headers: bearer(receiptToken),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id, status: 'withdrawn' });
    const stored = await runtime.store.get(id);
    expect(stored?.submission.status).toBe('withdrawn');
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain('to be withdrawn');
    expect(raw).not.toContain('officer@example.org');
    expect(raw).not.toContain('Ministry of Labour');
    const after = await app.request(`/api/submissions/${id}`, { headers: bearer(receiptToken) });
    expect(await after.json()).toMatchObject({ id, status: 'withdrawn' });
  });

  it('refuses withdrawal with a wrong token (404) and after the window closed (409)', async () => {
    const { id, receiptToken } = await submitOne();
    const wrong = await app.request(`/api/submissions/${id}`, { method: 'DELETE', headers: bearer('nope') });
    expect(wrong.status).toBe(404);
    const closed = testApp(runtime, { now: () => new Date('2030-01-01T00:00:00Z') });
    const late = await closed.request(`/api/submissions/${id}`, {
      method: 'DELETE',
      headers: bearer(receiptToken),
    });
    expect(late.status).toBe(409);
    expect((await runtime.store.get(id))?.submission.status).toBe('received');
  });
});

describe('the rest of the public API', () => {
  it('serves the consultation as JSON', async () => {
    const response = await app.request(`/api/consultations/${CONSULTATION_ID}`);
    const body = (await response.json()) as {
      questions: { id: string }[];
      recommendations: { id: string }[];
    };
    expect(body.questions.map((q) => q.id)).toEqual(['Q1', 'Q2', 'Q3']);
    expect(body.recommendations.map((r) => r.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
  });

  it('answers 404 in the error shape for an unknown consultation and an unknown API path', async () => {
    expect((await app.request('/api/consultations/nope')).status).toBe(404);
    const response = await app.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('describes itself in OpenAPI 3 from the validating schemas', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\./);
    const post = doc.paths['/api/consultations/{id}/submissions']?.post;
    // Described by reference, so the router validates the body against the consultation in the path instead.
    expect(post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/SubmissionInput',
    });
    const schema = JSON.stringify(doc.components.schemas.SubmissionInput);
    for (const field of ['stakeholder', 'answers', 'consent', 'member_state', 'Q1'])
      expect(schema).toContain(field);
    expect(doc.paths['/api/submissions/{id}']).toHaveProperty('delete');
  });

  it('answers /healthz and sends security headers', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
