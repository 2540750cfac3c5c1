import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../shared/submission.js';
import {
  api,
  type BrowserSession,
  getPage,
  type ReviewFixture,
  reviewFixture,
  seed,
  signInWithForm,
  tokenFor,
  untilListed,
} from '../review/support.js';
import { CONSULTATION_ID } from '../support/factories.js';

let fx: ReviewFixture;
let reviewer: string;
let admin: string;
let reviewerPage: BrowserSession;
let adminPage: BrowserSession;
let submission: Submission;

// seed() gives each submission the contact name "A. Person" and an address contact<n>@example.org.
const ANSWER =
  'Bilateral agreements protect workers. Write to a.person@ministry.example or call +63 2 8527 8000; a. person signs this.';

beforeAll(async () => {
  fx = await reviewFixture();
  reviewer = await tokenFor(fx, 'contact.reviewer@example.org', 'reviewer');
  admin = await tokenFor(fx, 'contact.admin@example.org', 'admin');
  reviewerPage = await signInWithForm(fx, 'contact.page.reviewer@example.org', 'reviewer');
  adminPage = await signInWithForm(fx, 'contact.page.admin@example.org', 'admin');
  submission = await seed(fx, { answers: { Q1: ANSWER }, tags: [['R1', 0.9]] });
  await untilListed(fx, 1);
});
afterAll(() => fx.runtime.dynamo.destroy());

/** Everything of the submission's contact data a response might leak. */
function contactDataIn(text: string): string[] {
  const email = submission.stakeholder.email;
  return [email, 'A. Person', 'a. person', 'a.person@ministry.example', '8527 8000'].filter((s) =>
    text.includes(s),
  );
}

const reviewerRoutes: [string, () => Response | Promise<Response>][] = [
  [
    'the triage list API',
    () => api(fx, 'GET', `/api/admin/consultations/${CONSULTATION_ID}/submissions`, reviewer),
  ],
  ['the submission API', () => api(fx, 'GET', `/api/admin/submissions/${submission.id}`, reviewer)],
  [
    'the JSON export',
    () => api(fx, 'GET', `/api/admin/consultations/${CONSULTATION_ID}/export.json`, reviewer),
  ],
  [
    'the CSV export',
    () => api(fx, 'GET', `/api/admin/consultations/${CONSULTATION_ID}/export.csv`, reviewer),
  ],
  ['the review page', () => getPage(fx, `/admin/submissions/${submission.id}`, reviewerPage)],
  ['the triage page', () => getPage(fx, `/admin/consultations/${CONSULTATION_ID}`, reviewerPage)],
];

describe('contact data', () => {
  it.each(reviewerRoutes)('is not in %s for a reviewer', async (_, request) => {
    const response = await request();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(submission.stakeholder.organization);
    expect(contactDataIn(text)).toEqual([]);
  });

  it('is not in the answer to a reviewer’s decision, nor in a conflict’s current state', async () => {
    const saved = await api(fx, 'PATCH', `/api/admin/submissions/${submission.id}`, reviewer, {
      version: submission.version,
      confirm: ['R1'],
    });
    expect(saved.status).toBe(200);
    expect(contactDataIn(await saved.text())).toEqual([]);
    const stale = await api(fx, 'PATCH', `/api/admin/submissions/${submission.id}`, reviewer, {
      version: submission.version,
      reviewed: true,
    });
    expect(stale.status).toBe(409);
    const text = await stale.text();
    expect(text).toContain('Bilateral agreements');
    expect(contactDataIn(text)).toEqual([]);
  });

  it('is there for an admin, on the API, the page and the export', async () => {
    const email = submission.stakeholder.email;
    const shown = (await (await api(fx, 'GET', `/api/admin/submissions/${submission.id}`, admin)).json()) as {
      submission: Submission;
    };
    expect(shown.submission.stakeholder).toMatchObject({ email, contactName: 'A. Person' });
    expect(shown.submission.answers.Q1).toBe(ANSWER);
    const page = await (await getPage(fx, `/admin/submissions/${submission.id}`, adminPage)).text();
    expect(page).toContain(email);
    const csv = await (
      await api(fx, 'GET', `/api/admin/consultations/${CONSULTATION_ID}/export.csv`, admin)
    ).text();
    expect(csv).toContain(email);
  });
});
