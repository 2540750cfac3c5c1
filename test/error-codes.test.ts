import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../shared/http/i18n/index.js';
import { postForm, type ReviewFixture, reviewFixture, signInWithForm } from './review/support.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath } from './support/factories.js';

/** Issue 13 item 11: one error code per cause, so that a client (and a person reading logs) can tell them apart. */

let fx: ReviewFixture;
beforeAll(async () => {
  fx = await reviewFixture();
});
afterAll(() => fx.runtime.dynamo.destroy());

async function problemOf(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; fields?: { path: string; code: string }[] };
  };
  return { code: body.error.code, fields: body.error.fields?.map((f) => `${f.path}:${f.code}`) ?? [] };
}

describe('error codes', () => {
  it('a path id over 64 characters is invalid input naming `id`, not a payload too large', async () => {
    const response = await fx.app.request(`/api/consultations/${'a'.repeat(65)}`);
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toEqual({ code: 'invalid_input', fields: ['id:too_long'] });
  });

  it('an Idempotency-Key over 128 characters is invalid input naming the header', async () => {
    const response = await postJson(fx.app, submissionsPath(), submissionBody(), {
      'idempotency-key': 'k'.repeat(129),
    });
    expect(response.status).toBe(400);
    expect(await problemOf(response)).toEqual({
      code: 'invalid_input',
      fields: ['idempotency-key:too_long'],
    });
  });

  it('an answer over its limit stays a 413: the body is what is too large', async () => {
    const response = await postJson(
      fx.app,
      submissionsPath(),
      submissionBody({ answers: { Q1: 'a'.repeat(10_001) } }),
    );
    expect(response.status).toBe(413);
    expect((await problemOf(response)).code).toBe('payload_too_large');
  });

  it('an empty JSON body is `empty_body`, not malformed JSON', async () => {
    const response = await postJson(fx.app, submissionsPath(), '');
    expect(response.status).toBe(400);
    expect((await problemOf(response)).code).toBe('empty_body');
  });

  it('malformed JSON keeps its code', async () => {
    const response = await postJson(fx.app, submissionsPath(), '{"stakeholder": ');
    expect((await problemOf(response)).code).toBe('malformed_json');
  });

  it('a form post without its CSRF token says so, and a foreign origin says that instead', async () => {
    const session = await signInWithForm(fx, 'codes.admin@example.org', 'admin');
    const fields = { email: 'codes.target@example.org', role: 'reviewer' };
    const t = CATALOGUES.en.errors;

    const missing = await postForm(fx, '/admin/accounts', fields, session);
    expect(missing.status).toBe(403);
    const missingText = await missing.text();
    expect(missingText).toContain(CATALOGUES.en.security.csrfToken);
    expect(missingText).not.toContain(t.forbiddenOrigin);

    const foreign = await postForm(
      fx,
      '/admin/accounts',
      { ...fields, _csrf: session.csrf },
      session,
      'https://evil.example',
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain(t.forbiddenOrigin);
  });

  it('an unknown consultation id of allowed length stays a 404', async () => {
    const response = await fx.app.request(`/api/consultations/${CONSULTATION_ID}x`);
    expect(response.status).toBe(404);
    expect((await problemOf(response)).code).toBe('consultation_not_found');
  });
});
