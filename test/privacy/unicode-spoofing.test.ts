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
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath } from '../support/factories.js';

// A right-to-left override makes "gro.elpmaxe" read "example.org"; zero-width characters hide between letters.
const SPOOFED = '\u202Egro.elpmaxe\u202C Mini\u200Bstry\u2066 of\u2069 Labour\uFEFF';
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

let fx: ReviewFixture;
let admin: string;
let session: BrowserSession;
let legacy: Submission;

beforeAll(async () => {
  fx = await reviewFixture();
  admin = await tokenFor(fx, 'unicode.admin@example.org', 'admin');
  session = await signInWithForm(fx, 'unicode.page@example.org', 'admin');
  // Stored before names were cleaned at intake: the pages and exports must still hold it in check.
  legacy = await seed(fx, { organization: SPOOFED });
  await untilListed(fx, 1);
});
afterAll(() => fx.runtime.dynamo.destroy());

describe('bidi controls and zero-width characters', () => {
  it('are stripped from names at intake', async () => {
    const body = submissionBody();
    const response = await postJson(fx.app, submissionsPath(), {
      ...body,
      stakeholder: {
        ...(body.stakeholder as object),
        organization: SPOOFED,
        contactName: 'A.\u200B Offi\u202Ecer',
      },
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const stored = (await fx.runtime.store.get(id))?.submission as Submission;
    expect(stored.stakeholder.organization).toBe('gro.elpmaxe Ministry of Labour');
    expect(stored.stakeholder.contactName).toBe('A. Officer');
  });

  it('refuse a name made of nothing else', async () => {
    const body = submissionBody();
    const response = await postJson(fx.app, submissionsPath(), {
      ...body,
      stakeholder: { ...(body.stakeholder as object), organization: '\u202E\u200B' },
    });
    expect(response.status).toBe(400);
  });

  it('never reach a CSV cell', async () => {
    const csv = await (
      await api(fx, 'GET', `/api/admin/consultations/${CONSULTATION_ID}/export.csv`, admin)
    ).text();
    expect(csv).toContain('gro.elpmaxe Ministry of Labour');
    expect(csv.replace(/^\uFEFF/, '')).not.toMatch(INVISIBLE);
  });

  it('stay isolated in the pages: the organisation is inside <bdi>', async () => {
    const list = await (await getPage(fx, `/admin/consultations/${CONSULTATION_ID}`, session)).text();
    expect(list).toContain(`<bdi>${SPOOFED}</bdi>`);
    const view = await (await getPage(fx, `/admin/submissions/${legacy.id}`, session)).text();
    expect(view).toContain(`<h1><bdi>${SPOOFED}</bdi></h1>`);
  });
});
