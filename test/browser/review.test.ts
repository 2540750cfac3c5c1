import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../../shared/submission.js';
import {
  createMember,
  PASSWORD,
  type ReviewFixture,
  reviewFixture,
  seed,
  untilListed,
} from '../review/support.js';
import { CONSULTATION_ID, submissionBody, submissionsPath } from '../support/factories.js';
import { launchBrowser, serveApp } from './browser.js';

let fx: ReviewFixture;
let site: Awaited<ReturnType<typeof serveApp>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let target: Submission;
let receiptPath: string;

beforeAll(async () => {
  fx = await reviewFixture();
  // The browser judges the session cookie's expiry by its own clock: the app must share it.
  fx.clock.now = new Date();
  await createMember(fx, 'admin@example.org', 'admin');
  target = await seed(fx, {
    organization: 'Réseau des villes <accueillantes>',
    answers: { Q1: 'Cities welcome migrants through local integration plans. Housing comes first.' },
    tags: [['R3', 0.82]],
  });
  await seed(fx, { organization: 'Labour Ministry', tags: [['R1', 0.9]] });
  await seed(fx, {
    organization: 'Diaspora Forum',
    tags: [
      ['R3', 0.41],
      ['R6', 0.7],
    ],
  });
  const receipt = await fx.app.request(submissionsPath(), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(submissionBody()),
  });
  const viewUrl = new URL(((await receipt.json()) as { viewUrl: string }).viewUrl);
  receiptPath = viewUrl.pathname + viewUrl.search;
  await untilListed(fx, 4);
  site = await serveApp(fx.app.fetch);
  browser = await launchBrowser();
  page = await browser.context.newPage();
  // A guard against a hang, not a speed limit: on a busy machine Chromium takes its time (vitest.config.ts).
  page.setDefaultTimeout(120_000);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  fx?.runtime.dynamo.destroy();
});

async function signIn() {
  await page.goto(`${site.url}/admin`);
  expect(new URL(page.url()).pathname).toBe('/admin/login');
  await page.getByLabel('E-mail address').fill('admin@example.org');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**/admin/consultations/${CONSULTATION_ID}`);
}

async function seriousViolations(path: string) {
  await page.goto(`${site.url}${path}`);
  return violationsHere(path);
}

/** The serious and critical axe findings on the page as it is now, labelled with where it is. */
async function violationsHere(path: string) {
  const results = await new AxeBuilder({ page }).analyze();
  // An empty page, or an axe that did not run, would pass every check: make sure it looked.
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${path}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('a reviewer in a browser', () => {
  it('signs in, filters, corrects a tag with the keyboard, sees the audit entry and exports CSV', async () => {
    await signIn();

    await page.getByLabel('Recommendation', { exact: true }).selectOption('R3');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/rec=R3/);
    await expect(page.locator('[role=status]').first().textContent()).resolves.toContain('2 of 4');

    await page.goto(`${site.url}/admin/submissions/${target.id}?rec=R3`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Réseau des villes <accueillantes>',
    );
    await expect(page.locator('mark').first().textContent()).resolves.toContain('Cities welcome migrants');

    // Keyboard only: untick R3, tick R4, save.
    await page.keyboard.press('3');
    await page.keyboard.press('4');
    await expect(page.locator('#tag-R3').isChecked()).resolves.toBe(false);
    await expect(page.locator('#tag-R4').isChecked()).resolves.toBe(true);
    await page.keyboard.press('s');
    await page.waitForURL(/saved=/);
    await expect(page.locator('[role=status]').first().textContent()).resolves.toContain('Saved');

    const stored = (await fx.runtime.store.get(target.id))?.submission as Submission;
    expect(stored.tags.map((t) => `${t.recommendationId}:${t.source}`)).toEqual(['R4:reviewer']);
    expect(stored.rejectedTags).toEqual(['R3']);

    const history = page.locator('table').last();
    await expect(history.textContent()).resolves.toContain('Review decision');
    await expect(history.textContent()).resolves.toContain('R4:reviewer');
    await expect(history.textContent()).resolves.toContain('admin@example.org');

    await page.goto(`${site.url}/admin/consultations/${CONSULTATION_ID}?rec=R4&source=reviewer`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv).toContain(target.id);
    expect(csv).toContain('R4:reviewer:1.00');
    expect(csv.trim().split('\r\n')).toHaveLength(2);
  });
});

describe('a submitter in a browser', () => {
  it('lands on an error summary that names the fields, and switches language without losing the text', async () => {
    await page.goto(`${site.url}/consultations/${CONSULTATION_ID}/submit`);
    await page.getByLabel(/^Organisation/).fill('Réseau des villes');
    await page.getByLabel(/^Question 1/).fill('Half an answer, typed before switching');
    await page.getByRole('button', { name: 'Send my input' }).click();
    await page.waitForURL('**/submit');
    // Focus moved to the summary, which names each field and links to it.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.getByRole('link', { name: /^E-mail address: / }).count()).toBe(1);
    expect(await violationsHere('the form with errors')).toEqual([]);
    await summary.getByRole('link', { name: /^E-mail address: / }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-stakeholder-email');

    await page.getByLabel(/^E-mail address/).fill('half@example.org');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.waitForURL('**/submit?lang=es');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.inputValue('#f-stakeholder-organization')).toBe('Réseau des villes');
    expect(await page.inputValue('#f-stakeholder-email')).toBe('half@example.org');
    expect(await page.inputValue('#f-answers-Q1')).toBe('Half an answer, typed before switching');
    expect(await violationsHere('the form after a language switch')).toEqual([]);
  });
});

describe('accessibility', () => {
  it('finds no serious or critical violation on any page, public or secretariat', async () => {
    const paths = [
      '/',
      `/consultations/${CONSULTATION_ID}`,
      `/consultations/${CONSULTATION_ID}/submit`,
      `/consultations/${CONSULTATION_ID}/report`,
      '/api-reference',
      receiptPath,
      // The confirmation step before a withdrawal.
      receiptPath.replace('?', '/withdraw?'),
      '/admin/login',
    ];
    const problems: string[] = [];
    await page.context().clearCookies();
    for (const path of paths) problems.push(...(await seriousViolations(path)));
    await signIn();
    for (const path of [
      `/admin/consultations/${CONSULTATION_ID}`,
      `/admin/consultations/${CONSULTATION_ID}?rec=R3&sort=score`,
      `/admin/submissions/${target.id}`,
      `/admin/consultations/${CONSULTATION_ID}/campaigns`,
      `/admin/consultations/${CONSULTATION_ID}/dashboard`,
      `/admin/consultations/${CONSULTATION_ID}/reports`,
      '/admin/log',
      '/admin/accounts',
      '/admin/accounts?lang=fr',
      `/admin/submissions/${target.id}?lang=es`,
    ])
      problems.push(...(await seriousViolations(path)));
    expect(problems).toEqual([]);
  });
});
