import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../shared/submission.js';
import { CONSULTATION_ID } from '../support/factories.js';
import {
  api,
  errorCode,
  getPage,
  type ReviewFixture,
  reviewFixture,
  seed,
  signInWithForm,
  tokenFor,
  untilListed,
} from './support.js';

let fx: ReviewFixture;
let token: string;
const list = (query = '') =>
  api(fx, 'GET', `/api/admin/consultations/${CONSULTATION_ID}/submissions${query}`, token);

interface ListBody {
  items: Submission[];
  total: number;
  overall: number;
  counts: Record<string, Record<string, number>>;
  cursor?: string;
}

let ph: Submission;
let fr: Submission;
let mx: Submission;

beforeAll(async () => {
  fx = await reviewFixture();
  token = await tokenFor(fx, 'triage@example.org', 'reviewer');
  ph = await seed(fx, {
    organization: 'Ministry of Labour',
    country: 'PH',
    type: 'member_state',
    tags: [
      ['R1', 0.91],
      ['R3', 0.55],
    ],
  });
  fr = await seed(fx, {
    organization: 'Société civile de Lyon',
    country: 'FR',
    language: 'fr',
    answers: { Q2: 'Les villes accueillent les migrants. Le logement compte.' },
    tags: [['R3', 0.72]],
  });
  mx = await seed(fx, {
    organization: 'Consulado',
    country: 'MX',
    language: 'es',
    answers: { Q3: 'Sin etiquetas aquí.' },
  });
  for (let i = 0; i < 7; i++) await seed(fx, { country: 'KE', tags: [['R5', 0.3 + i / 20]] });
  await untilListed(fx, 10);
});
afterAll(() => fx.runtime.dynamo.destroy());

async function body(response: Response): Promise<ListBody> {
  expect(response.status).toBe(200);
  return (await response.json()) as ListBody;
}

describe('GET /api/admin/consultations/:id/submissions', () => {
  it('lists every submission, newest first, with counts per filter value', async () => {
    const result = await body(await list());
    expect(result.total).toBe(10);
    expect((result.items[0]?.submittedAt ?? '') >= (result.items[1]?.submittedAt ?? '')).toBe(true);
    expect(result.counts.rec).toEqual({ R1: 1, R3: 2, R5: 7 });
    expect(result.counts.country).toEqual({ PH: 1, FR: 1, MX: 1, KE: 7 });
    expect(result.counts.status).toEqual({ tagged: 9, received: 1 });
    expect(result.counts.region).toMatchObject({ Asia: 1, Europe: 1, 'North America': 1, Africa: 7 });
    // Contact data is for admins only: this list is a reviewer's (test/privacy/contact-data.test.ts).
    expect(result.items.find((s) => s.id === ph.id)?.stakeholder).not.toHaveProperty('email');
  });

  it.each([
    ['?rec=R3', () => [fr.id, ph.id]],
    ['?question=Q2', () => [fr.id]],
    ['?type=member_state', () => [ph.id]],
    ['?region=Europe', () => [fr.id]],
    ['?country=mx', () => [mx.id]],
    ['?language=fr', () => [fr.id]],
    ['?status=received', () => [mx.id]],
    ['?q=societe+lyon', () => [fr.id]],
    ['?rec=R3&minScore=0.6', () => [fr.id]],
    ['?rec=R3&maxScore=0.6', () => [ph.id]],
  ])('filters with %s', async (query, expected) => {
    const result = await body(await list(query));
    expect(result.items.map((s) => s.id).sort()).toEqual(expected().sort());
  });

  it('counts each filter’s values under the other filters, not its own', async () => {
    const result = await body(await list('?rec=R3&country=FR'));
    expect(result.total).toBe(1);
    // Under country=FR, R3 is the only recommendation; under rec=R3, two countries have it.
    expect(result.counts.rec).toEqual({ R3: 1 });
    expect(result.counts.country).toEqual({ FR: 1, PH: 1 });
  });

  it('tells reviewer tags from model tags', async () => {
    const current = (await fx.runtime.store.get(fr.id))?.submission as Submission;
    await api(fx, 'PATCH', `/api/admin/submissions/${fr.id}`, token, {
      version: current.version,
      confirm: ['R3'],
    });
    expect((await body(await list('?rec=R3&source=reviewer'))).items.map((s) => s.id)).toEqual([fr.id]);
    expect((await body(await list('?rec=R3&source=model'))).items.map((s) => s.id)).toEqual([ph.id]);
  });

  it('pages with a cursor through every match exactly once, in score order', async () => {
    const seen: string[] = [];
    const scores: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await body(await list(`?rec=R5&sort=score&limit=3${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...result.items.map((s) => s.id));
      scores.push(...result.items.map((s) => s.tags[0]?.score ?? 0));
      cursor = result.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it.each([
    ['?rec=R9', 'rec', 'unknown_recommendation'],
    ['?status=lost', 'status', 'invalid_choice'],
    ['?minScore=2', 'minScore', 'score_range'],
    ['?cursor=bm9wZQ', 'cursor', 'invalid_cursor'],
    ['?surprise=1', 'surprise', 'unknown_field'],
  ])('refuses %s with 400 naming the field', async (query, path, code) => {
    const response = await list(query);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { fields: { path: string; code: string }[] } };
    expect(error.fields).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('answers 404 for an unknown consultation', async () => {
    const response = await api(fx, 'GET', '/api/admin/consultations/nope-nope/submissions', token);
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('consultation_not_found');
  });
});

describe('the triage page', () => {
  it('shows the filters with their counts, the matching rows and links that keep the filter', async () => {
    const session = await signInWithForm(fx, 'triage.page@example.org', 'reviewer');
    const response = await getPage(fx, `/admin/consultations/${CONSULTATION_ID}?country=KE&lang=fr`, session);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<option value="R5">R5 (7)</option>');
    expect(html).toContain('<option value="KE" selected="">Kenya (7)</option>');
    expect(html).toContain('7 contributions sur 10 correspondent.');
    expect(html).not.toContain(ph.stakeholder.organization);
    expect(html).toMatch(/href="\/admin\/submissions\/[0-9A-Z]{26}\?country=KE"/);
  });
});
