import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../shared/runtime.js';
import { CONSULTATION_ID, submissionBody, submissionsPath, testApp } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';

const PUBLIC = 'https://consult.example.org';
// A request whose Host header someone forged: links built from it would send the token to them.
const FORGED = 'http://evil.example';

let runtime: Runtime;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  runtime = await createTestRuntime();
  app = testApp(runtime, { documents: runtime.documents, publicBaseUrl: PUBLIC });
});
afterAll(() => runtime.dynamo.destroy());

describe('links that leave the request', () => {
  it('builds the private receipt link from PUBLIC_BASE_URL, not from the Host header', async () => {
    const response = await app.request(`${FORGED}${submissionsPath()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submissionBody()),
    });
    expect(response.status).toBe(201);
    const { id, receiptToken, viewUrl } = (await response.json()) as Record<string, string>;
    expect(viewUrl).toBe(`${PUBLIC}/submissions/${id}?token=${receiptToken}`);

    const page = await (await app.request(`${FORGED}/submissions/${id}?token=${receiptToken}`)).text();
    expect(page).toContain(`href="${PUBLIC}/submissions/${id}?token=`);
    expect(page).not.toContain('evil.example');
  });

  it('sends the browser back from the store to PUBLIC_BASE_URL after an upload', async () => {
    const page = await (await app.request(`${FORGED}/consultations/${CONSULTATION_ID}/submit`)).text();
    const redirect = page
      .match(/name="success_action_redirect" value="([^"]+)"/)?.[1]
      ?.replaceAll('&amp;', '&');
    expect(redirect).toMatch(
      new RegExp(`^${PUBLIC}/consultations/${CONSULTATION_ID}/submit\\?upload=[\\w-]{22}$`),
    );
  });

  it('keeps the path of a base under a path', async () => {
    const under = testApp(runtime, { publicBaseUrl: `${PUBLIC}/gfmd/` });
    const response = await under.request(`${FORGED}${submissionsPath()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submissionBody()),
    });
    const { viewUrl } = (await response.json()) as Record<string, string>;
    expect(viewUrl?.startsWith(`${PUBLIC}/gfmd/submissions/`)).toBe(true);
  });
});
