import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';
import type { Runtime } from '../../shared/runtime.js';
import type { ReportFormat, ReportStore } from '../../shared/stores/ports.js';
import { compileReport } from '../../shared/synthesis/compile.js';
import { seedDemo } from '../../shared/synthesis/demo.js';
import { CONSULTATION_ID, submissionBody, testApp } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';
import { storedSubmission, tag } from './support.js';

const logger = createLogger('test', 'SILENT');

/** The real S3 store, with a record of the calls made on it and, if asked, a failure at one format. */
function recording(store: ReportStore, failAt?: ReportFormat) {
  const calls: string[] = [];
  const wrapped: ReportStore = {
    put: async (id, stamp, file, body) => {
      const name = file.language ? `${file.format} ${file.language}` : file.format;
      calls.push(`put ${name}`);
      if (file.format === failAt) throw new Error(`disk full while writing ${name}`);
      return store.put(id, stamp, file, body);
    },
    discard: (keys) => {
      calls.push(`discard ${keys.length}`);
      return store.discard(keys);
    },
    saveDraft: (manifest, secretariat) => {
      calls.push('save draft');
      return store.saveDraft(manifest, secretariat);
    },
    publish: (id, stamp, by, at) => {
      calls.push('publish');
      return store.publish(id, stamp, by, at);
    },
    latest: (id) => store.latest(id),
    list: (id) => store.list(id),
    get: (id, stamp) => store.get(id, stamp),
    secretariat: (id, stamp) => store.secretariat(id, stamp),
    open: (key) => store.open(key),
    downloadUrl: (key, name, type) => store.downloadUrl(key, name, type),
  };
  return { store: wrapped, calls };
}

let clock = Date.parse('2026-11-01T10:00:00.000Z');
const now = () => {
  clock += 1000;
  return new Date(clock);
};

function deps(runtime: Runtime, reports: ReportStore = runtime.reports) {
  return { store: runtime.store, reports, models: runtime.models, catalogue: runtime.catalogue, logger, now };
}

async function addTagged(runtime: Runtime, organization: string) {
  const text = `${organization} trains teachers to answer xenophobic remarks in class with facts and with empathy.`;
  await runtime.store.create(
    storedSubmission({
      stakeholder: { organization, email: 'x@example.org', type: 'academia', country: 'FR' },
      answers: { Q3: text },
      tags: [tag('R3', 'Q3', [text])],
    }),
    'hash',
  );
}

describe('compileReport on the local stack', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(() => {
    runtime.dynamo.destroy();
    runtime.s3.destroy();
  });

  it('writes each format in each language (the JSON once) under the run stamp, then the draft, never the public pointer, and skips a run that would change nothing', async () => {
    await addTagged(runtime, 'University of Lyon');
    const { store, calls } = recording(runtime.reports);
    const first = await compileReport(deps(runtime, store), CONSULTATION_ID);

    const each = (format: string) => ['en', 'fr', 'es'].map((language) => `put ${format} ${language}`);
    expect(calls).toEqual([
      ...each('html'),
      ...each('md'),
      'put json',
      ...each('docx'),
      ...each('pdf'),
      'save draft',
    ]);
    expect(first.unchanged).toBe(false);
    expect(first.submissions).toBe(1);
    for (const language of ['en', 'fr', 'es'] as const) {
      for (const format of ['html', 'md', 'docx', 'pdf'] as const) {
        expect(first.keys[language][format]).toBe(
          `reports/${CONSULTATION_ID}/${first.stamp}/synthesis-${language}.${format}`,
        );
        expect(first.sizes[language][format]).toBeGreaterThan(0);
      }
      // The JSON is data, the same in every language: one file.
      expect(first.keys[language].json).toBe(`reports/${CONSULTATION_ID}/${first.stamp}/synthesis.json`);
    }
    expect(await runtime.reports.latest(CONSULTATION_ID)).toBeUndefined();
    const [draft] = await runtime.reports.list(CONSULTATION_ID);
    expect(draft).toMatchObject({ stamp: first.stamp, keys: first.keys, submissions: 1 });
    expect(draft?.published).toBeUndefined();
    const pdf = await runtime.reports.open(first.keys.fr.pdf);
    const head = await new Response(pdf?.body).arrayBuffer();
    expect(Buffer.from(head).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const again = await compileReport(deps(runtime, store), CONSULTATION_ID);
    expect(again).toMatchObject({ unchanged: true, stamp: first.stamp });
    expect(calls.filter((c) => c === 'save draft')).toHaveLength(1);
    // Two compiles of four formats in three languages: on a busy 2-core machine that takes a while.
  }, 120_000);

  it('leaves latest.json untouched and removes its own files when a run fails half-way', async () => {
    const [draft] = await runtime.reports.list(CONSULTATION_ID);
    await runtime.reports.publish(
      CONSULTATION_ID,
      draft?.stamp ?? '',
      'admin@example.org',
      '2026-11-01T11:00:00Z',
    );
    const before = await runtime.reports.latest(CONSULTATION_ID);
    expect(before?.stamp).toBe(draft?.stamp);
    await addTagged(runtime, 'University of Dakar');
    const { store, calls } = recording(runtime.reports, 'docx');

    await expect(compileReport(deps(runtime, store), CONSULTATION_ID)).rejects.toThrow(/disk full/);

    expect(calls.at(-2)).toBe('put docx en');
    // The six HTML and Markdown files and the JSON were written: all removed.
    expect(calls.at(-1)).toBe('discard 7');
    expect(await runtime.reports.latest(CONSULTATION_ID)).toEqual(before);
    const listed = await runtime.reports.list(CONSULTATION_ID);
    expect(listed.map((r) => r.stamp)).toEqual([before?.stamp]);

    const next = await compileReport(deps(runtime), CONSULTATION_ID);
    expect(next.submissions).toBe(2);
    expect((await runtime.reports.list(CONSULTATION_ID)).map((r) => [r.stamp, r.published?.by])).toEqual([
      [next.stamp, undefined],
      [before?.stamp, 'admin@example.org'],
    ]);
    expect(await runtime.reports.latest(CONSULTATION_ID)).toEqual(before);
  });
});

describe('the report over HTTP', () => {
  let runtime: Runtime;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    app = testApp(runtime, { reports: runtime.reports });
  });
  afterAll(() => {
    runtime.dynamo.destroy();
    runtime.s3.destroy();
  });

  it('answers a kind 404 before the first publication, even with a draft compiled', async () => {
    await addTagged(runtime, 'Université de Genève');
    const draft = await compileReport(deps(runtime), CONSULTATION_ID);
    const page = await app.request(`/consultations/${CONSULTATION_ID}/report`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('The synthesis report is not published yet');
    for (const format of ['html', 'md', 'json', 'docx', 'pdf']) {
      const file = await app.request(`/api/consultations/${CONSULTATION_ID}/report.${format}`);
      expect(file.status).toBe(404);
      const body = (await file.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('report_not_published');
      expect(body.error.message).toContain('not published yet');
    }
    const stamped = await app.request(
      `/api/consultations/${CONSULTATION_ID}/reports/${draft.stamp}/synthesis.json`,
    );
    expect(stamped.status).toBe(404);
    const list = await app.request(`/api/consultations/${CONSULTATION_ID}/reports`);
    expect(await list.json()).toEqual({ consultationId: CONSULTATION_ID, latest: null, reports: [] });
  });

  it('serves the latest published report in each format with its type and a download name, and lists the published', async () => {
    const [compiled] = await runtime.reports.list(CONSULTATION_ID);
    if (!compiled) throw new Error('no draft');
    await runtime.reports.publish(
      CONSULTATION_ID,
      compiled.stamp,
      'admin@example.org',
      '2026-11-01T12:00:00Z',
    );

    const day = compiled.stamp.slice(0, 8);
    const pdf = await app.request(`/api/consultations/${CONSULTATION_ID}/report.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-language')).toBe('en');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="report-${CONSULTATION_ID}-${day}-en.pdf"`,
    );
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // ?lang picks the language; the file name says it.
    const frPdf = await app.request(`/api/consultations/${CONSULTATION_ID}/report.pdf?lang=fr`);
    expect(frPdf.headers.get('content-disposition')).toBe(
      `attachment; filename="report-${CONSULTATION_ID}-${day}-fr.pdf"`,
    );
    expect(Buffer.from(await frPdf.arrayBuffer()).toString('latin1')).toContain('/Lang (fr-FR)');
    const esMd = await app.request(`/api/consultations/${CONSULTATION_ID}/report.md?lang=es`);
    expect(await esMd.text()).toContain('# Síntesis de las contribuciones escritas');
    const wrong = await app.request(`/api/consultations/${CONSULTATION_ID}/report.pdf?lang=de`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { fields: { path: string }[] } }).error.fields[0]?.path).toBe(
      'lang',
    );

    // The web page opens in the browser; ?download=1 makes it a file.
    const inline = await app.request(`/api/consultations/${CONSULTATION_ID}/report.html?lang=fr`);
    expect(inline.headers.get('content-disposition')).toBe(
      `inline; filename="report-${CONSULTATION_ID}-${day}-fr.html"`,
    );
    expect(await inline.text()).toContain('<html lang="fr">');
    // Shown in the browser, its inline styles must apply: the page's own policy allows them, and
    // nothing else (no script, nothing fetched).
    const policy = inline.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).not.toContain('script-src');
    const site = await app.request(`/consultations/${CONSULTATION_ID}/report`);
    expect(site.headers.get('content-security-policy')).toContain("style-src 'self'");
    const download = await app.request(`/api/consultations/${CONSULTATION_ID}/report.html?download=1`);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="report-${CONSULTATION_ID}-${day}-en.html"`,
    );

    const docx = await app.request(`/api/consultations/${CONSULTATION_ID}/report.docx`);
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const md = await app.request(`/api/consultations/${CONSULTATION_ID}/report.md`);
    expect(await md.text()).toContain('# Synthesis of written input');

    const page = await app.request(`/consultations/${CONSULTATION_ID}/report?lang=fr`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Rapport de synthèse');
    for (const language of ['en', 'fr', 'es'])
      expect(html).toContain(`href="/api/consultations/${CONSULTATION_ID}/report.pdf?lang=${language}"`);
    expect(html).toContain('Français');
    expect(html).toContain('Español');

    const list = (await (await app.request(`/api/consultations/${CONSULTATION_ID}/reports`)).json()) as {
      latest: {
        stamp: string;
        files: Record<string, Record<string, { url: string; bytes: number; fileName: string }>>;
      };
      reports: { stamp: string; files: Record<string, Record<string, { url: string }>> }[];
    };
    expect(list.latest.stamp).toBe(compiled.stamp);
    expect(list.latest.files.en?.json?.bytes).toBe(compiled.sizes.en.json);
    expect(list.latest.files.es?.pdf?.fileName).toBe(`report-${CONSULTATION_ID}-${day}-es.pdf`);
    expect(list.reports.map((r) => r.stamp)).toEqual([compiled.stamp]);
    const stamped = await app.request(list.reports[0]?.files.es?.html?.url ?? '');
    expect(stamped.status).toBe(200);
    expect(stamped.headers.get('content-disposition')).toMatch(/^inline; filename=".*-es\.html"$/);
    expect(await stamped.text()).toContain('<html lang="es">');
  });

  it('redirects to a short-lived presigned link when a file is too large to stream', async () => {
    const small = testApp(runtime, { reports: runtime.reports, reportStreamLimitBytes: 10 });
    const response = await small.request(`/api/consultations/${CONSULTATION_ID}/report.json`);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(((await download.json()) as { schemaVersion: number }).schemaVersion).toBe(2);
  });

  it('refuses a format it does not make', async () => {
    expect((await app.request(`/api/consultations/${CONSULTATION_ID}/report.exe`)).status).toBe(404);
  });
});

describe('the demo data', () => {
  it('seeds through intake once: a second run adds nothing', async () => {
    const runtime = await createTestRuntime();
    const intake = {
      store: runtime.store,
      catalogue: runtime.catalogue,
      now: () => new Date('2026-10-01T00:00:00Z'),
    };
    const bodies = [
      submissionBody(),
      submissionBody({ language: 'fr' }),
      submissionBody({ consent: { quote: false, attribution: false } }),
    ];

    expect(await seedDemo(intake, CONSULTATION_ID, bodies)).toEqual({ created: 3, existing: 0 });
    expect(await seedDemo(intake, CONSULTATION_ID, bodies)).toEqual({ created: 0, existing: 3 });
    let stored = 0;
    for await (const page of runtime.store.listByConsultation(CONSULTATION_ID)) stored += page.length;
    expect(stored).toBe(3);
    runtime.dynamo.destroy();
    runtime.s3.destroy();
  });

  it('is a realistic set: at least 60 submissions, every stakeholder type, three languages, mixed consent', async () => {
    const { DEMO_SUBMISSIONS } = await import('../../shared/synthesis/demo.js');
    const bodies = DEMO_SUBMISSIONS as {
      stakeholder: { type: string };
      language?: string;
      consent: object;
    }[];
    expect(bodies.length).toBeGreaterThanOrEqual(60);
    expect(new Set(bodies.map((b) => b.stakeholder.type)).size).toBe(9);
    expect(new Set(bodies.map((b) => b.language).filter(Boolean))).toEqual(new Set(['en', 'fr', 'es']));
    expect(new Set(bodies.map((b) => JSON.stringify(b.consent))).size).toBe(4);
  });
});
