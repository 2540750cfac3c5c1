import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from 'markdownlint/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/consultation.js';
import { REPORT_CATALOGUES } from '../../shared/http/i18n/report.js';
import type { ModelManifest } from '../../shared/stores/ports.js';
import { buildReport, type ReportModel } from '../../shared/synthesis/model.js';
import { buildOutline, type Outline } from '../../shared/synthesis/outline.js';
import { renderDocx } from '../../shared/synthesis/render/docx.js';
import { renderHtml } from '../../shared/synthesis/render/html.js';
import markdownlintConfig from '../../shared/synthesis/render/markdownlint.json' with { type: 'json' };
import { renderMarkdown } from '../../shared/synthesis/render/md.js';
import { renderPdf } from '../../shared/synthesis/render/pdf.js';
import { consultation, docxText, pdfText, storedSubmission, tag, unzip } from './support.js';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** One of every block kind, with words each emitter must carry. */
const EVERY_BLOCK: Outline = {
  language: 'en',
  title: 'Every block',
  footer: 'Every block · footer',
  empty: false,
  blocks: [
    { kind: 'heading', level: 1, id: 'title', text: 'Title heading' },
    {
      kind: 'paragraph',
      runs: [
        { text: 'Plain run, ' },
        { text: 'emphasised run', emphasis: true },
        { text: ' and ' },
        { text: 'a link', href: '#section' },
      ],
    },
    { kind: 'toc', title: 'Contents', entries: [{ id: 'section', text: 'Section heading' }] },
    { kind: 'heading', level: 2, id: 'section', text: 'Section heading', breakBefore: true },
    {
      kind: 'table',
      id: 'table-1',
      caption: 'Table caption',
      head: ['Row label', 'Count'],
      rows: [
        [{ text: 'Montclair-sur-Loire' }, { text: '1,234' }],
        [
          { text: 'R4 (2008)', href: '#section' },
          { text: '7', shade: 1 },
        ],
      ],
      align: ['left', 'right'],
      rowHeaders: true,
    },
    {
      kind: 'quote',
      text: 'Une citation en français',
      language: 'fr',
      languageNote: 'in French',
      attribution: 'a civil society organisation from Africa',
      anonymous: true,
    },
    {
      kind: 'chart',
      chart: 'bars',
      id: 'chart-1',
      alt: 'Bar chart alt text',
      caption: 'Chart caption',
      bars: [{ label: 'R1', value: 3, display: '3 (50%)' }],
      table: {
        kind: 'table',
        id: 'table-2',
        caption: 'Chart table',
        head: ['Bar', 'Value'],
        rows: [[{ text: 'R1' }, { text: '3' }]],
        align: ['left', 'right'],
        rowHeaders: true,
      },
    },
    { kind: 'heading', level: 3, id: 'sub', text: 'Sub heading' },
    { kind: 'list', items: [[{ text: 'First item' }], [{ text: 'Second item' }]] },
    { kind: 'heading', level: 4, id: 'minor', text: 'Minor heading' },
  ],
};

describe('every emitter draws every block kind', () => {
  it('HTML', () => {
    const html = utf8(renderHtml(EVERY_BLOCK));
    expect(html).toContain('<h1 id="title">Title heading</h1>');
    expect(html).toMatch(/<h2 id="section" class="break">Section heading<\/h2>/);
    expect(html).toContain('<em>emphasised run</em>');
    expect(html).toContain('<a href="#section">a link</a>');
    expect(html).toMatch(/<nav class="toc"[^>]*>[\s\S]*<a href="#section">Section heading<\/a>/);
    expect(html).toMatch(
      /<section class="scroll" aria-labelledby="table-1-caption" tabindex="0"><table><caption id="table-1-caption">Table caption<\/caption>/,
    );
    expect(html).toContain('<th scope="row">Montclair-sur-Loire</th>');
    expect(html).toMatch(/<td class="right" style="background:#005a9c;color:#ffffff">7<\/td>/);
    expect(html).toMatch(/<blockquote lang="fr">[\s\S]*Une citation en français[\s\S]*in French/);
    expect(html).toContain('role="img" aria-label="Bar chart alt text"');
    expect(html).toContain('<figcaption>Chart caption</figcaption>');
    expect(html).toMatch(/<ul><li>First item<\/li><li>Second item<\/li><\/ul>/);
    expect(html).toContain('<h4 id="minor">Minor heading</h4>');
  });

  it('Markdown', () => {
    const md = utf8(renderMarkdown(EVERY_BLOCK));
    expect(md).toContain('# Title heading\n');
    expect(md).toContain('## Section heading\n');
    expect(md).toContain('#### Minor heading\n');
    expect(md).toContain('_emphasised run_');
    expect(md).toContain('[a link](#section-heading)');
    expect(md).toContain('1. [Section heading](#section-heading)');
    expect(md).toContain('\n\nTable caption\n\n|');
    expect(md).toMatch(/\| Montclair-sur-Loire +\| +1,234 \|/);
    expect(md).toContain('[R4 (2008)](#section-heading)');
    expect(md).toContain('> “Une citation en français”');
    expect(md).toContain('> — a civil society organisation from Africa (in French)');
    expect(md).toContain('\n\nChart caption\n\n');
    expect(md).not.toContain('&#x');
    expect(md).toContain('- First item\n- Second item');
  });

  it('DOCX', async () => {
    const docx = await renderDocx(EVERY_BLOCK);
    const xml = unzip(docx).get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    for (const style of ['Heading1', 'Heading2', 'Heading3'])
      expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    expect(xml).toContain('<w:pageBreakBefore/>');
    expect(xml).toMatch(/<w:hyperlink [^>]*w:anchor="section"/);
    expect(xml).toContain('TOC \\h \\o &quot;1-1&quot;');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(
      /<w:lang w:val="fr-FR"\/><\/w:rPr><w:t xml:space="preserve">“Une citation en français”/,
    );
    expect(xml).toContain('<w:shd w:fill="005A9C"');
    expect(xml).toContain('<w:numPr>');
    const text = docxText(docx);
    for (const words of [
      'Table caption',
      'Chart caption',
      'Chart table',
      'First item',
      'Minor heading',
      'Montclair-sur-Loire',
    ])
      expect(text).toContain(words);
  });

  it('PDF: each kind is a structure element, the chart has its alternative text', async () => {
    const pdf = await renderPdf(EVERY_BLOCK);
    const raw = latin1(pdf);
    for (const type of [
      'Document',
      'H1',
      'H2',
      'H3',
      'H4',
      'P',
      'Table',
      'TR',
      'TH',
      'TD',
      'Caption',
      'BlockQuote',
      'Figure',
      'L',
      'LI',
      'LBody',
      'TOC',
      'TOCI',
    ])
      expect(raw, type).toMatch(new RegExp(`/S /${type}\\b`));
    expect(raw).toContain('/Alt (Bar chart alt text)');
    expect(raw).toContain('/Lang (fr-FR)');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const words of [
      'Title heading',
      'Montclair-sur-Loire',
      'Une citation en français',
      'First item',
      'Minor heading',
    ])
      expect(text).toContain(words);
  });
});

let model: ReportModel;
beforeAll(async () => {
  const submissions = [
    storedSubmission({
      stakeholder: {
        organization: 'Ville de Montclair-sur-Loire',
        email: 'a@example.org',
        type: 'local_authority',
        country: 'FR',
      },
      language: 'fr',
      answers: {
        Q1: 'Le dialogue interculturel doit être relié à l’accès concret aux services de santé et d’éducation.',
      },
      tags: [
        tag('R4', 'Q1', [
          'Le dialogue interculturel doit être relié à l’accès concret aux services de santé et d’éducation.',
        ]),
      ],
    }),
    storedSubmission({
      stakeholder: {
        organization: 'Quiet Org',
        email: 'b@example.org',
        type: 'civil_society',
        country: 'KE',
      },
      consent: { quote: true, attribution: false },
      answers: {
        Q2: 'Schools should teach how to answer xenophobic remarks with facts and with empathy in class.',
      },
      tags: [
        tag('R1', 'Q2', [
          'Schools should teach how to answer xenophobic remarks with facts and with empathy in class.',
        ]),
      ],
    }),
  ];
  // Widened to tagged submissions: these tests are about sections, languages and formats, not review.
  model = await buildReport(consultation, [submissions], {
    cutoff: new Date('2026-11-01T00:00:00Z'),
    quotePolicy: 'tagged',
  });
});

describe.each(LANGUAGES)('the report in %s', (language) => {
  const t = REPORT_CATALOGUES[language];

  it('has every section, in its own words, and quotes in theirs', () => {
    const outline = buildOutline(model, language, consultation);
    const sections = outline.blocks
      .filter((b) => b.kind === 'heading' && b.level === 2)
      .map((b) => (b.kind === 'heading' ? b.text : ''));
    const h = t.headings;
    expect(sections).toEqual([
      h.summary,
      h.session,
      h.participation,
      h.recommendations,
      h.questions,
      h.gaps,
      h.contributors,
      h.methodology,
    ]);
    const html = utf8(renderHtml(outline));
    expect(html).toContain(`<html lang="${language}">`);
    for (const r of consultation.recommendations) expect(html).toContain(escapeHtml(r.text[language] ?? ''));
    // The French quote is never translated, and says its language when the report's is another.
    expect(html).toMatch(/<blockquote lang="fr">[\s\S]*Le dialogue interculturel/);
    if (language !== 'fr') expect(html).toContain(`(${t.quoteLanguage.fr})`);
    if (language !== 'en') {
      expect(html).not.toContain(REPORT_CATALOGUES.en.headings.participation);
      expect(html).not.toContain(REPORT_CATALOGUES.en.annex.method[0]);
    }
  });

  it('Markdown is clean under markdownlint with the documented configuration', () => {
    const md = utf8(renderMarkdown(buildOutline(model, language, consultation)));
    const result = lint({ strings: { report: md }, config: markdownlintConfig });
    expect(result.report).toEqual([]);
    // Nothing escaped that needs no escaping.
    expect(md).toContain('Montclair-sur-Loire');
    expect(md).toContain('R4 (2008)');
    expect(md).not.toMatch(/\\[-().]/);
  });

  it('the PDF is tagged, titled and in the language', async () => {
    const pdf = await renderPdf(buildOutline(model, language, consultation));
    const raw = latin1(pdf);
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R|\/MarkInfo <<\s*\/Marked true/);
    expect(raw).toContain('/Marked true');
    expect(raw).toContain(`/Lang (${{ en: 'en-GB', fr: 'fr-FR', es: 'es-ES' }[language]})`);
    expect(raw).toContain('/DisplayDocTitle true');
    if (hasPdfinfo()) {
      const info = pdfinfo(pdf);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toContain(`Title:           ${t.title}`);
    }
  });
});

describe('the methodology annex', () => {
  it('names exactly the model versions that made the tags, each with the quality stored with it', async () => {
    const manifest = (version: string, macroF1: number): ModelManifest => ({
      version,
      key: `models/${version}.json`,
      trainedAt: '2026-10-01T09:00:00Z',
      trainingExamples: 420,
      languages: ['en', 'fr', 'es'],
      thresholds: Object.fromEntries(consultation.recommendations.map((r) => [r.id, 0.37])),
      quality: {
        crossValidation: { macroF1, microF1: 0.7, perLabel: {}, folds: 5, groups: 40 },
        independent: { dataset: 'independent', macroF1: 0.61, microF1: 0.66, perLabel: {} },
        uncertainBand: { low: 0.3, high: 0.5 },
      },
    });
    const withVersions = await buildReport(
      consultation,
      [
        [
          storedSubmission({
            answers: { Q1: 'Schools should teach how to answer xenophobic remarks with facts in class.' },
            tags: [
              tag('R1', 'Q1', ['Schools should teach how to answer xenophobic remarks with facts in class.']),
            ],
          }),
          storedSubmission({
            answers: { Q2: 'Cities should open their councils of foreign residents to every newcomer.' },
            tags: [
              tag('R5', 'Q2', ['Cities should open their councils of foreign residents to every newcomer.'], {
                modelVersion: 'older',
              }),
            ],
          }),
        ],
      ],
      {
        cutoff: new Date('2026-11-01T00:00:00Z'),
        // The current model tagged nothing here: the annex must not present it as the one that did.
        manifest: manifest('current-unused', 0.9),
        manifestOf: async (version) => (version === 'm1' ? manifest('m1', 0.72) : undefined),
      },
    );
    expect(withVersions.methodology.versions.map((v) => v.version).sort()).toEqual(['m1', 'older']);
    for (const language of LANGUAGES) {
      const q = REPORT_CATALOGUES[language].annexQuality;
      const outline = buildOutline(withVersions, language, consultation);
      const start = outline.blocks.findIndex((b) => b.kind === 'heading' && b.id === 'model');
      const annex = outline.blocks.slice(start);
      const versions = annex.find((b) => b.kind === 'table' && b.caption === q.versionsHeading);
      expect(versions?.kind === 'table' && versions.rows.map((row) => row[0]?.text)).toEqual(['m1']);
      const decimal = new Intl.NumberFormat(language, { minimumFractionDigits: 2 }).format(0.72);
      expect(versions?.kind === 'table' && versions.rows[0]?.map((c) => c.text)).toContain(decimal);
      const words = JSON.stringify(annex);
      expect(words).toContain(JSON.stringify(q.noQuality.replace('{version}', 'older')).slice(1, -1));
      expect(words).toContain('current-unused');
      // The codebook is cited from the consultation, in the report's language.
      const r1 = consultation.recommendations.find((r) => r.id === 'R1');
      if (r1?.codebook)
        expect(words).toContain(
          JSON.stringify(r1.codebook.include[language] ?? r1.codebook.include.en).slice(1, -1),
        );
      else expect(words).toContain(q.noCodebook);
    }
  });
});

describe('an empty consultation', () => {
  let empty: ReportModel;
  beforeAll(async () => {
    empty = await buildReport(consultation, [[]], { cutoff: new Date('2026-11-01T00:00:00Z') });
  });

  it.each(LANGUAGES)('gets a one-page report that says no input has arrived yet (%s)', async (language) => {
    const outline = buildOutline(empty, language, consultation);
    const sentence = REPORT_CATALOGUES[language].sentences.empty;
    expect(outline.empty).toBe(true);
    expect(outline.blocks.some((b) => b.kind === 'table' || b.kind === 'chart')).toBe(false);
    const pdf = await renderPdf(outline);
    expect(latin1(pdf).match(/\/Type \/Page\b/g)?.length).toBe(1);
    expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain(sentence.split(' ').slice(0, 4).join(' '));
    expect(utf8(renderHtml(outline))).toContain(sentence);
    expect(utf8(renderMarkdown(outline))).toContain(sentence);
    const xml =
      unzip(await renderDocx(outline))
        .get('word/document.xml')
        ?.toString('utf8') ?? '';
    expect(xml).not.toContain('<w:pageBreakBefore/>');
    expect(xml).not.toContain('<w:tbl>');
    expect(docxText(await renderDocx(outline))).toContain(sentence);
    const md = utf8(renderMarkdown(outline));
    expect(lint({ strings: { report: md }, config: markdownlintConfig }).report).toEqual([]);
  });
});

function hasPdfinfo(): boolean {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pdfinfo(pdf: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'report-pdf-')), 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfinfo', [file], { encoding: 'utf8' });
}
