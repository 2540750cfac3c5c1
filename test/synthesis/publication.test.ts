import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import type { QuotePolicy } from '../../shared/screening.js';
import type { Submission } from '../../shared/submission.js';
import { compileReport } from '../../shared/synthesis/compile.js';
import type { SecretariatReport } from '../../shared/synthesis/trace.js';
import {
  api,
  type BrowserSession,
  errorCode,
  getPage,
  postForm,
  type ReviewFixture,
  reviewFixture,
  seed,
  signInWithForm,
  tokenFor,
  untilListed,
} from '../review/support.js';
import { CONSULTATION_ID } from '../support/factories.js';

const logger = createLogger('test', 'SILENT');
const base = `/api/admin/consultations/${CONSULTATION_ID}/reports`;

const compile = (fx: ReviewFixture, quotePolicy?: QuotePolicy) =>
  compileReport(
    {
      store: fx.runtime.store,
      reports: fx.runtime.reports,
      models: fx.runtime.models,
      catalogue: fx.runtime.catalogue,
      logger,
      ...(quotePolicy ? { quotePolicy } : {}),
    },
    CONSULTATION_ID,
  );

const REVIEWED =
  'Bilateral labour agreements must give domestic workers a contract they can read and a way to complain. They work.';
const UNREVIEWED =
  'Bilateral agreements between countries should cover domestic workers and let them change employer freely. Really.';
const SPAM =
  'GUARANTEED WORK VISA FOR EUROPE IN TWO WEEKS, contact our agency on WhatsApp +44 7700 900123 now. Visit www.visa-fast.com';

describe('drafts, publication and screening through the real app', () => {
  let fx: ReviewFixture;
  let admin: string;
  let reviewer: string;
  let reviewed: Submission;
  let unreviewed: Submission;
  let spam: Submission;
  let draftId: string;

  beforeAll(async () => {
    fx = await reviewFixture();
    admin = await tokenFor(fx, 'admin@example.org', 'admin');
    reviewer = await tokenFor(fx, 'reviewer@example.org', 'reviewer');
    reviewed = await seed(fx, {
      organization: 'Kenya Domestic Workers Union',
      answers: { Q1: REVIEWED },
      tags: [['R1', 0.9]],
    });
    unreviewed = await seed(fx, {
      organization: 'Unreviewed Collective',
      answers: { Q1: UNREVIEWED },
      tags: [['R1', 0.8]],
    });
    spam = await seed(fx, { organization: 'Fast Visa Agency', answers: { Q1: SPAM }, tags: [['R2', 0.6]] });
    const decided = await api(fx, 'PATCH', `/api/admin/submissions/${reviewed.id}`, reviewer, {
      version: reviewed.version,
      confirm: ['R1'],
      reviewed: true,
    });
    expect(decided.status).toBe(200);
    await untilListed(fx, 3);
    draftId = (await compile(fx)).stamp;
  });
  afterAll(() => {
    fx.runtime.dynamo.destroy();
    fx.runtime.s3.destroy();
  });

  it('lists the compile as a draft with its coverage and model versions, and keeps it from the public', async () => {
    const listed = await api(fx, 'GET', base, admin);
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: Record<string, unknown>[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      reportId: draftId,
      status: 'draft',
      coverage: { reviewed: 1, total: 3 },
      modelVersions: [{ version: 'model-1', tags: 2 }],
      latest: false,
    });
    expect(typeof items[0]?.compiledAt).toBe('string');

    const file = await fx.app.request(`/api/consultations/${CONSULTATION_ID}/report.json`);
    expect(file.status).toBe(404);
    expect(await errorCode(file)).toBe('report_not_published');
    const page = await fx.app.request(`/consultations/${CONSULTATION_ID}/report`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('not published yet');
  });

  it('names and quotes only the reviewed submission, never the unreviewed one nor the flagged advert', async () => {
    const response = await api(fx, 'GET', `${base}/${draftId}/report.json`, admin);
    const report = (await response.json()) as SecretariatReport;
    const text = JSON.stringify({ ...report, trace: undefined });
    expect(report.contributors.map((c) => c.organization)).toEqual(['Kenya Domestic Workers Union']);
    expect(text).toContain('a contract they can read');
    expect(text).not.toContain('Unreviewed Collective');
    expect(text).not.toContain('change employer freely');
    expect(text).not.toContain('Fast Visa Agency');
    expect(text).not.toMatch(/WhatsApp|GUARANTEED/i);
    expect(report.counts.flagged).toBe(1);
    expect(report.trace.flagged).toEqual([spam.id]);
    // Held back from every analysis: not counted under a recommendation, nor among the gaps.
    expect(report.trace['recommendation:R2'] ?? []).toEqual([]);
    expect(report.trace.gaps ?? []).not.toContain(spam.id);
  });

  it('widened to tagged submissions, quotes the unreviewed one but still never the flagged advert', async () => {
    const widened = await compile(fx, 'tagged');
    const report = (await (
      await api(fx, 'GET', `${base}/${widened.stamp}/report.json`, admin)
    ).json()) as SecretariatReport;
    expect(report.methodology.quotePolicy).toBe('tagged');
    expect(report.contributors.map((c) => c.organization).sort()).toEqual([
      'Kenya Domestic Workers Union',
      'Unreviewed Collective',
    ]);
    expect(JSON.stringify(report)).not.toMatch(/Fast Visa Agency|WhatsApp/);
  });

  it('puts the ids behind every count in the secretariat JSON, and the triage filter lists exactly them', async () => {
    const report = (await (
      await api(fx, 'GET', `${base}/${draftId}/report.json`, admin)
    ).json()) as SecretariatReport;
    const r1 = report.recommendations.find((r) => r.id === 'R1');
    expect(r1?.submissions).toBe(2);
    expect(r1?.coverage).toEqual({ reviewed: 1, total: 2 });
    const counts: [string, number][] = [
      ...report.recommendations.map((r): [string, number] => [r.trace, r.submissions]),
      ...report.questions.map((q): [string, number] => [q.trace, q.answers]),
      [report.gaps.trace, report.gaps.submissions],
      ['included', report.counts.included],
      ['counted', report.counts.counted],
      ['flagged', report.counts.flagged],
    ];
    for (const [key, count] of counts) {
      const ids = report.trace[key] ?? [];
      expect(ids, key).toHaveLength(count);
      const listed = await api(
        fx,
        'GET',
        `/api/admin/consultations/${CONSULTATION_ID}/submissions?report=${draftId}&key=${encodeURIComponent(key)}&limit=500`,
        reviewer,
      );
      const body = (await listed.json()) as { total: number; items: { id: string }[] };
      expect(body.total, key).toBe(count);
      expect(body.items.map((s) => s.id).sort(), key).toEqual([...ids].sort());
    }
    expect(report.trace['recommendation:R1']?.sort()).toEqual([reviewed.id, unreviewed.id].sort());
  });

  it('previews the web page in each language with each count and theme linked to exactly its submissions', async () => {
    const report = (await (
      await api(fx, 'GET', `${base}/${draftId}/report.json`, admin)
    ).json()) as SecretariatReport;
    for (const language of ['en', 'fr', 'es']) {
      const preview = await api(fx, 'GET', `${base}/${draftId}/report.html?lang=${language}`, admin);
      expect(preview.status).toBe(200);
      expect(preview.headers.get('content-language')).toBe(language);
      expect(preview.headers.get('content-disposition')).toMatch(/^inline;/);
      const html = await preview.text();
      const keys = [
        ...html.matchAll(
          /href="\/admin\/consultations\/[^"?]+\?report=(\d{8}T\d{9}Z)&amp;key=([^&"]+)&amp;limit=500"/g,
        ),
      ].map(([, stamp, key]) => {
        expect(stamp).toBe(draftId);
        return decodeURIComponent(key ?? '');
      });
      // Each recommendation addressed, each question answered, the gaps: every count is a link.
      const expected = [
        ...report.recommendations.filter((r) => r.submissions > 0).map((r) => r.trace),
        ...report.questions.filter((q) => q.answers > 0).map((q) => q.trace),
        ...report.recommendations.flatMap((r) => r.themes.map((t) => t.trace)),
      ];
      expect(expected.length).toBeGreaterThan(0);
      for (const key of expected) expect(keys, key).toContain(key);
      for (const key of keys) expect(report.trace[key] ?? [], key).not.toHaveLength(0);
    }
  });

  it('refuses the list and publication to a reviewer, and publishes for an admin with an audit entry', async () => {
    expect((await api(fx, 'GET', base, reviewer)).status).toBe(403);
    const refused = await api(fx, 'POST', `${base}/${draftId}/publish`, reviewer);
    expect(refused.status).toBe(403);
    expect((await fx.app.request(`/api/consultations/${CONSULTATION_ID}/report.json`)).status).toBe(404);

    const published = await api(fx, 'POST', `${base}/${draftId}/publish`, admin);
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({
      reportId: draftId,
      status: 'published',
      published: { by: 'admin@example.org', at: fx.clock.now.toISOString() },
    });

    const log = await api(
      fx,
      'GET',
      `/api/admin/audit?day=${fx.clock.now.toISOString().slice(0, 10)}`,
      admin,
    );
    const entries = (
      (await log.json()) as { items: { action: string; actor: string; at: string; after: object }[] }
    ).items;
    expect(entries.filter((e) => e.action === 'report_published')).toEqual([
      expect.objectContaining({
        actor: 'admin@example.org',
        at: fx.clock.now.toISOString(),
        after: expect.objectContaining({ published: draftId }),
      }),
    ]);

    const file = await fx.app.request(`/api/consultations/${CONSULTATION_ID}/report.json`);
    expect(file.status).toBe(200);
    const publicJson = (await file.json()) as Record<string, unknown>;
    expect(publicJson.trace).toBeUndefined();
    expect(JSON.stringify(publicJson)).not.toContain(reviewed.id);
    const listed = (await (await api(fx, 'GET', base, admin)).json()) as {
      items: { reportId: string; status: string; latest: boolean }[];
    };
    expect(listed.items.find((i) => i.reportId === draftId)).toMatchObject({
      status: 'published',
      latest: true,
    });
  });

  describe('the reports page', () => {
    let session: BrowserSession;
    let reviewerSession: BrowserSession;
    let nextDraft: string;
    beforeAll(async () => {
      session = await signInWithForm(fx, 'page-admin@example.org', 'admin');
      reviewerSession = await signInWithForm(fx, 'page-reviewer@example.org', 'reviewer');
      nextDraft = (await compile(fx)).stamp;
    });

    it('previews a draft with what changed, links every number to its submissions, and offers every format and language', async () => {
      const page = await getPage(fx, `/admin/consultations/${CONSULTATION_ID}/reports/${nextDraft}`, session);
      expect(page.status).toBe(200);
      const html = await page.text();
      for (const format of ['html', 'md', 'json', 'docx', 'pdf'])
        for (const lang of ['en', 'fr', 'es']) expect(html).toContain(`report.${format}?lang=${lang}`);
      expect(html).toContain('What changed since the last publication');
      expect(html).toContain(`report=${nextDraft}&amp;key=recommendation%3AR1`);
      const preview = await getPage(
        fx,
        `/admin/consultations/${CONSULTATION_ID}/reports/${nextDraft}/report.pdf?lang=fr`,
        session,
      );
      expect(preview.status).toBe(200);
      expect(preview.headers.get('content-type')).toBe('application/pdf');
      expect(preview.headers.get('cache-control')).toBe('no-store');

      const triage = await getPage(
        fx,
        `/admin/consultations/${CONSULTATION_ID}?report=${nextDraft}&key=recommendation%3AR1&limit=500`,
        reviewerSession,
      );
      const list = await triage.text();
      expect(list).toContain('2 of 3 submissions match.');
      expect(list).toContain('Kenya Domestic Workers Union');
      expect(list).not.toContain('Fast Visa Agency');
    });

    it('refuses the page and its publication to a reviewer, and a post without the CSRF token', async () => {
      expect(
        (await getPage(fx, `/admin/consultations/${CONSULTATION_ID}/reports`, reviewerSession)).status,
      ).toBe(403);
      const path = `/admin/consultations/${CONSULTATION_ID}/reports/${nextDraft}/publish`;
      expect((await postForm(fx, path, { _csrf: reviewerSession.csrf }, reviewerSession)).status).toBe(403);
      expect((await postForm(fx, path, {}, session)).status).toBe(403);
      expect(
        (await postForm(fx, path, { _csrf: session.csrf }, session, 'https://evil.example')).status,
      ).toBe(403);
      const latest = await fx.runtime.reports.latest(CONSULTATION_ID);
      expect(latest?.stamp).toBe(draftId);

      const done = await postForm(fx, path, { _csrf: session.csrf }, session);
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe(
        `/admin/consultations/${CONSULTATION_ID}/reports?published=${nextDraft}`,
      );
      expect((await fx.runtime.reports.latest(CONSULTATION_ID))?.published?.by).toBe(
        'page-admin@example.org',
      );
      const listing = await (await getPage(fx, done.headers.get('location') ?? '', session)).text();
      expect(listing).toContain('The public report page now shows this report.');
      // The earlier publication stays downloadable by its id.
      const earlier = await fx.app.request(
        `/api/consultations/${CONSULTATION_ID}/reports/${draftId}/synthesis.json`,
      );
      expect(earlier.status).toBe(200);
    });
  });
});
