import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../shared/submission.js';
import { CONSULTATION_ID } from '../support/factories.js';
import {
  api,
  getPage,
  type ReviewFixture,
  reviewFixture,
  seed,
  signInWithForm,
  tokenFor,
  untilListed,
} from './support.js';

// "Needs a look": the tags the model is unsure of, the least sure first, through the real app.
let fx: ReviewFixture;
let token: string;
const list = async (query: string) => {
  const response = await api(
    fx,
    'GET',
    `/api/admin/consultations/${CONSULTATION_ID}/submissions${query}`,
    token,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { items: Submission[]; total: number; uncertain: number };
};

let coinToss: Submission;
let leaning: Submission;
let sureR2: Submission;

beforeAll(async () => {
  fx = await reviewFixture();
  token = await tokenFor(fx, 'unsure@example.org', 'reviewer');
  leaning = await seed(fx, { organization: 'Leaning', tags: [['R2', 0.7, true]] });
  sureR2 = await seed(fx, { organization: 'Sure', tags: [['R2', 0.97]] });
  coinToss = await seed(fx, {
    organization: 'Coin toss',
    tags: [
      ['R1', 0.95],
      ['R8', 0.52, true],
    ],
  });
  await seed(fx, { organization: 'Untagged' });
  await untilListed(fx, 4);
});

afterAll(() => fx.runtime.dynamo.destroy());

describe('the triage list by uncertainty', () => {
  it('keeps only submissions with an unsure model tag, and counts them under the other filters', async () => {
    const body = await list('?uncertain=true&sort=newest');
    expect(body.items.map((s) => s.id)).toEqual([coinToss.id, leaning.id]);
    expect(body.total).toBe(2);
    expect(body.uncertain).toBe(2);
    expect((await list('?rec=R2')).uncertain).toBe(1);
  });

  it('sorts the least certain first, and the rows with no unsure tag last', async () => {
    const body = await list('?sort=uncertain');
    expect(body.items.map((s) => s.stakeholder.organization).slice(0, 2)).toEqual(['Coin toss', 'Leaning']);
    expect(body.items).toHaveLength(4);
    // Within one recommendation, only its own tags count.
    const r2 = await list('?rec=R2&sort=uncertain');
    expect(r2.items.map((s) => s.id)).toEqual([leaning.id, sureR2.id]);
  });

  it('refuses a value that is not a yes', async () => {
    const response = await api(
      fx,
      'GET',
      `/api/admin/consultations/${CONSULTATION_ID}/submissions?uncertain=maybe`,
      token,
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('uncertain');
  });

  it('offers the filter with its count on the page and marks unsure tags', async () => {
    const session = await signInWithForm(fx, 'unsure.page@example.org', 'reviewer');
    const response = await getPage(fx, `/admin/consultations/${CONSULTATION_ID}?uncertain=true`, session);
    const html = await response.text();
    expect(html).toMatch(/name="uncertain" value="true" checked=""/);
    expect(html).toContain('Needs a look: the model is unsure (2)');
    expect(html).toContain('R8 0.52 · unsure');
    expect(html).not.toContain('Untagged');
  });
});
