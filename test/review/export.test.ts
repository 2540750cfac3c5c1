import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../shared/review/export.js';
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

let fx: ReviewFixture;
let admin: string;
let reviewer: string;
let hostile: Submission;
let plain: Submission;
const path = (format: string, query = '') =>
  `/api/admin/consultations/${CONSULTATION_ID}/export.${format}${query}`;

/** A small RFC 4180 reader: enough to check what a spreadsheet would see in each cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

beforeAll(async () => {
  fx = await reviewFixture();
  admin = await tokenFor(fx, 'export.admin@example.org', 'admin');
  reviewer = await tokenFor(fx, 'export.reviewer@example.org', 'reviewer');
  hostile = await seed(fx, {
    organization: '=HYPERLINK("http://evil.example","click")',
    answers: { Q1: '+1 for this', Q2: '-2+3', Q3: '@SUM(A1:A9) and "quotes", commas\nand a line break' },
    tags: [['R2', 0.81]],
  });
  plain = await seed(fx, { organization: 'Plain Org', tags: [['R4', 0.6]] });
  await untilListed(fx, 2);
});
afterAll(() => fx.runtime.dynamo.destroy());

describe('exports', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\t=1', "'\t=1"],
    ['1-1', '1-1'],
    ['plain', 'plain'],
  ])('neutralises the cell %j', (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it('writes CSV a spreadsheet reads as text, with tags and review state, and no e-mails for reviewers', async () => {
    const response = await api(fx, 'GET', path('csv'), reviewer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
    const text = await response.text();
    const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(header).not.toContain('email');
    expect(text).not.toContain(hostile.stakeholder.email);
    const row = Object.fromEntries(
      (header ?? []).map((h, i) => [h, rows.find((r) => r[0] === hostile.id)?.[i]]),
    );
    expect(row.organization).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row.answerQ1).toBe("'+1 for this");
    expect(row.answerQ2).toBe("'-2+3");
    expect(row.answerQ3).toBe('\'@SUM(A1:A9) and "quotes", commas\nand a line break');
    expect(row.tags).toBe('R2:model:0.81');
    expect(row.status).toBe('tagged');
  });

  it('gives admins the contact e-mails', async () => {
    const text = await (await api(fx, 'GET', path('csv'), admin)).text();
    expect(parseCsv(text.replace(/^\uFEFF/, ''))[0]).toContain('email');
    expect(text).toContain(hostile.stakeholder.email);
    const json = (await (await api(fx, 'GET', path('json'), admin)).json()) as {
      items: { stakeholder: { email?: string } }[];
    };
    expect(json.items.map((i) => i.stakeholder.email).sort()).toEqual(
      [hostile.stakeholder.email, plain.stakeholder.email].sort(),
    );
  });

  it('exports what the filters on screen show, in JSON too, without e-mails for reviewers', async () => {
    const response = await api(fx, 'GET', path('json', '?rec=R4'), reviewer);
    const json = (await response.json()) as { items: { id: string; stakeholder: Record<string, unknown> }[] };
    expect(json.items.map((i) => i.id)).toEqual([plain.id]);
    expect(json.items[0]?.stakeholder).not.toHaveProperty('email');
    expect(json.items[0]?.stakeholder).not.toHaveProperty('contactName');
  });

  it('serves the same export to a signed-in browser, and nothing to anyone else', async () => {
    const session = await signInWithForm(fx, 'export.browser@example.org', 'reviewer');
    const page = await getPage(fx, `/admin/consultations/${CONSULTATION_ID}/export.csv?rec=R2`, session);
    expect(page.status).toBe(200);
    expect(parseCsv((await page.text()).replace(/^\uFEFF/, ''))).toHaveLength(2);
    expect((await getPage(fx, `/admin/consultations/${CONSULTATION_ID}/export.csv`)).status).toBe(303);
    expect((await api(fx, 'GET', path('csv'))).status).toBe(401);
  });
});
