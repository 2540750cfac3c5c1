import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportFormat } from '../../shared/stores/ports.js';
import { buildReport, type ReportModel } from '../../shared/synthesis/model.js';
import { buildOutline } from '../../shared/synthesis/outline.js';
import { renderDocx } from '../../shared/synthesis/render/docx.js';
import { renderHtml } from '../../shared/synthesis/render/html.js';
import { renderJson } from '../../shared/synthesis/render/json.js';
import { renderMarkdown } from '../../shared/synthesis/render/md.js';
import { renderPdf } from '../../shared/synthesis/render/pdf.js';
import { consultation, docxText, pdfText, storedSubmission, tag, unzip } from './support.js';

const HOSTILE_ORG = '<script>alert(1)</script> & *Bold* [click](http://evil.example) | Łódź';
const HOSTILE_QUOTE =
  'We need <script>alert("q")</script> **strong** laws | now # and [a link](javascript:alert(1)) for Jane Secret, mail leak@example.org.';
const UNQUOTABLE =
  'NEVERQUOTE this sentence about diaspora pensions and re-entry visas must stay private forever.';
const QUOTABLE_ANONYMOUS =
  'Teachers should learn to answer xenophobic remarks in class with facts and with empathy.';

let model: ReportModel;
const texts = {} as Record<ReportFormat, string>;
const bytes = {} as Record<ReportFormat, Uint8Array>;

beforeAll(async () => {
  const submissions = [
    storedSubmission({
      stakeholder: {
        organization: HOSTILE_ORG,
        contactName: 'Jane Secret',
        email: 'jane.secret@example.org',
        type: 'civil_society',
        country: 'PL',
      },
      answers: { Q1: HOSTILE_QUOTE },
      tags: [tag('R4', 'Q1', [HOSTILE_QUOTE])],
    }),
    storedSubmission({
      stakeholder: {
        organization: 'Hidden Org Name',
        email: 'hidden@example.org',
        type: 'diaspora',
        country: 'SN',
      },
      answers: { Q2: UNQUOTABLE },
      consent: { quote: false, attribution: false },
      tags: [tag('R5', 'Q2', [UNQUOTABLE])],
    }),
    storedSubmission({
      stakeholder: {
        organization: 'Anonymous Org Zeta',
        contactName: 'Paul Private',
        email: 'paul@example.org',
        type: 'member_state',
        country: 'SE',
      },
      answers: { Q3: QUOTABLE_ANONYMOUS },
      consent: { quote: true, attribution: false },
      tags: [tag('R3', 'Q3', [QUOTABLE_ANONYMOUS])],
    }),
  ];
  // Widened to unreviewed tagged submissions: these tests are about consent and escaping, not review.
  model = await buildReport(consultation, [submissions], {
    cutoff: new Date('2026-11-01T00:00:00Z'),
    quotePolicy: 'tagged',
  });
  const outline = buildOutline(model, 'en', consultation);
  bytes.html = renderHtml(outline);
  bytes.md = renderMarkdown(outline);
  bytes.json = renderJson(model);
  bytes.docx = await renderDocx(outline);
  bytes.pdf = await renderPdf(outline);
  const utf8 = (b: Uint8Array) => new TextDecoder().decode(b);
  texts.html = utf8(bytes.html);
  texts.md = utf8(bytes.md);
  texts.json = utf8(bytes.json);
  texts.docx = docxText(bytes.docx);
  texts.pdf = pdfText(bytes.pdf);
});

const FORMATS: ReportFormat[] = ['html', 'md', 'json', 'docx', 'pdf'];

describe.each(FORMATS)('the %s report', (format) => {
  it('holds no e-mail address, contact name or private field', () => {
    expect(texts[format]).not.toMatch(/@example\.org/);
    expect(texts[format]).not.toContain('Jane Secret');
    expect(texts[format]).not.toContain('Paul Private');
    expect(texts[format]).not.toMatch(/contactName|"email"/);
  });

  it('quotes only where quotation was allowed, and names only where naming was allowed', () => {
    expect(texts[format]).not.toContain('NEVERQUOTE');
    expect(texts[format]).not.toContain('Hidden Org Name');
    expect(texts[format]).not.toContain('Anonymous Org Zeta');
    // Some formats fold lines; the words of the quote and its credit are what matter.
    const flat = texts[format].replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');
    expect(flat).toContain('Teachers should learn to answer xenophobic remarks in class');
    expect(flat).toContain('a Member State from Europe');
  });

  it('has every recommendation heading', () => {
    const flat = texts[format].replace(/\s+/g, ' ');
    for (const r of consultation.recommendations)
      expect(flat).toContain(format === 'json' ? `"id": "${r.id}"` : `Recommendation ${r.id.slice(1)}`);
  });
});

describe('user text in each format', () => {
  it('HTML: markup in user text is escaped, never live', () => {
    expect(texts.html).not.toMatch(/<script/i);
    expect(texts.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(texts.html).not.toContain('href="javascript:');
    expect(texts.html).not.toContain('href="http://evil.example"');
  });

  it('Markdown: user text cannot become markup, and is escaped only where it would', () => {
    expect(texts.md).toContain('\\<script>alert(1)\\</script>');
    expect(texts.md).toContain('\\[a link]\\(javascript:alert(1))');
    expect(texts.md).toContain('\\*\\*strong\\*\\*');
    // The report's own Markdown uses no "<"; any unescaped one would come from a submission.
    expect(texts.md).not.toMatch(/(^|[^\\])</m);
    // The organisation's name stays one list item, its markup characters escaped and nothing else.
    const item = texts.md.split('\n').find((line) => line.startsWith('- ') && line.includes('alert(1)'));
    expect(item).toBe('- \\<script>alert(1)\\</script> & \\*Bold\\* \\[click]\\(http://evil.example) | Łódź');
  });

  it('JSON: parses back to the same text, with "<" escaped for embedding', () => {
    expect(texts.json).not.toContain('<');
    const parsed = JSON.parse(texts.json) as ReportModel;
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.contributors.map((c) => c.organization)).toContain(HOSTILE_ORG);
    const quote = parsed.recommendations.find((r) => r.id === 'R4')?.quotes[0]?.text;
    expect(quote).toBe(
      'We need <script>alert("q")</script> **strong** laws | now # and [a link](javascript:alert(1)) for [name removed], mail [e-mail removed].',
    );
  });

  it('DOCX: a valid archive whose document holds user text as text, not markup', () => {
    const files = unzip(bytes.docx);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
    const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    expect(texts.docx).toContain(HOSTILE_ORG);
    for (const r of consultation.recommendations) expect(texts.docx).toContain(r.text.en);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    // A table of contents, header rows that repeat, rows that never split, widths fitted to content.
    expect(xml).toContain('TOC \\h \\o &quot;1-1&quot;');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:cantSplit/>');
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    expect(xml).toContain('<w:tbl>');
  });

  it('PDF: starts with %PDF and shows letters beyond Latin-1 as they were written', () => {
    expect(Buffer.from(bytes.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(texts.pdf).toContain('Łódź');
    expect(texts.pdf.replace(/\s+/g, ' ')).toContain('<script>alert(1)</script> & *Bold*');
  });
});
