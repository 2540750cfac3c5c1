import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { STAKEHOLDER_TYPES } from '../../submission.js';
import type { DistinctiveTerm, Quote, ReportModel } from '../model.js';
import {
  formatDay,
  formatMoment,
  HEADINGS,
  LABELS,
  LANGUAGE_NAMES,
  percent,
  SENTENCES,
  STAKEHOLDER_LABELS,
  TITLE,
} from '../wording.js';
import {
  cellText,
  contributorGroups,
  type HeatLevel,
  heatShades,
  reportTables,
  sessionRows,
  type TableSpec,
  termsByLanguage,
} from './shared.js';

/**
 * The report as a PDF, drawn with pdfkit (pure JavaScript, so it runs on Lambda). PDF has no markup
 * to inject into; what matters is that every character shows: the standard PDF fonts cover only
 * Latin-1, so the report embeds Noto Sans (Latin, Greek, Cyrillic), subset to the glyphs it uses.
 * The Lambda must ship pdfkit and the font package as node modules (see STACK.md).
 */

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
};

const INK = '#1b2733';
const MUTED = '#4a5966';
const BLUE = '#005a9c';
const LINE = '#c9d3dc';
const PANEL = '#f3f6f9';
const MARGIN = 56;

type Doc = PDFKit.PDFDocument;

class Writer {
  readonly doc: Doc;
  readonly width: number;
  #outline?: PDFKit.PDFOutline;
  /** Each top-level section and the page it starts on, for the contents on the cover. */
  readonly sections: { title: string; page: number }[] = [];

  constructor(model: ReportModel) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
      bufferPages: true,
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: `${TITLE}: ${model.session.workingSession}`,
        Subject: model.session.cluster,
        Author: model.session.title,
      },
    });
    this.doc.registerFont('regular', FONTS.regular);
    this.doc.registerFont('bold', FONTS.bold);
    this.doc.registerFont('italic', FONTS.italic);
    this.doc.font('regular').fontSize(10.5).fillColor(INK);
    this.width = this.doc.page.width - 2 * MARGIN;
  }

  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  h1(text: string) {
    this.doc.addPage();
    const range = this.doc.bufferedPageRange();
    this.sections.push({ title: text, page: range.start + range.count });
    this.doc.font('bold').fontSize(18).fillColor(BLUE).text(text, MARGIN, this.doc.y, { width: this.width });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(1.5)
      .strokeColor(BLUE)
      .stroke();
    this.doc.y = y + 10;
    this.#outline = this.doc.outline.addItem(text);
    this.reset();
  }

  /** `keepWith`: the height of what must follow on the same page (a chart, a table's first rows). */
  h2(text: string, keepWith = 110) {
    this.ensure(keepWith + 20);
    this.doc.moveDown(0.6);
    this.doc.font('bold').fontSize(13).fillColor(INK).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    (this.#outline ?? this.doc.outline).addItem(text);
    this.reset();
  }

  h3(text: string) {
    // A sub-heading never ends a page: room for it and the first lines under it.
    this.ensure(90);
    this.doc.moveDown(0.3);
    this.doc
      .font('bold')
      .fontSize(10.5)
      .fillColor(MUTED)
      .text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
    this.reset();
  }

  reset() {
    this.doc.font('regular').fontSize(10.5).fillColor(INK);
  }

  para(text: string, options: { muted?: boolean; italic?: boolean } = {}) {
    this.doc
      .font(options.italic ? 'italic' : 'regular')
      .fontSize(options.muted ? 9.5 : 10.5)
      .fillColor(options.muted ? MUTED : INK)
      .text(text, MARGIN, this.doc.y, { width: this.width, lineGap: 2 });
    this.doc.moveDown(0.5);
    this.reset();
  }

  /** A shaded box with a blue rule: the recommendation's or question's own wording. */
  box(text: string) {
    const height = this.doc
      .font('regular')
      .fontSize(10.5)
      .heightOfString(text, { width: this.width - 24, lineGap: 2 });
    this.ensure(height + 16);
    const top = this.doc.y;
    this.doc.rect(MARGIN, top, this.width, height + 14).fill(PANEL);
    this.doc.rect(MARGIN, top, 3, height + 14).fill(BLUE);
    this.doc.fillColor(INK).text(text, MARGIN + 14, top + 7, { width: this.width - 24, lineGap: 2 });
    this.doc.y = top + height + 22;
    this.reset();
  }

  quote(q: Quote) {
    const credit = [
      `— ${q.attribution}`,
      q.campaignSize ? `, ${SENTENCES.campaignOf(q.campaignSize)}` : '',
      q.language !== 'en' ? ` ${SENTENCES.quoteLanguage(q.language)}` : '',
    ].join('');
    const width = this.width - 18;
    const textHeight = this.doc
      .font('italic')
      .fontSize(10.5)
      .heightOfString(`“${q.text}”`, { width, lineGap: 2 });
    const creditHeight = this.doc.font('regular').fontSize(9).heightOfString(credit, { width });
    this.ensure(textHeight + creditHeight + 12);
    const top = this.doc.y;
    this.doc
      .font('italic')
      .fontSize(10.5)
      .fillColor(INK)
      .text(`“${q.text}”`, MARGIN + 14, top, { width, lineGap: 2 });
    this.doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(credit, MARGIN + 14, this.doc.y + 2, { width });
    this.doc.rect(MARGIN, top, 2.5, this.doc.y - top).fill(LINE);
    this.doc.y += 10;
    this.reset();
  }

  listItem(text: string) {
    this.doc.font('regular').fontSize(9.5).fillColor(INK);
    this.ensure(this.doc.heightOfString(text, { width: this.width - 12 }) + 2);
    this.doc.text(`•  ${text}`, MARGIN + 4, this.doc.y, { width: this.width - 12, indent: -8 });
    this.reset();
  }

  terms(list: DistinctiveTerm[]) {
    if (list.length === 0) return this.para(SENTENCES.noTerms, { muted: true });
    for (const [language, group] of termsByLanguage(list)) {
      this.doc
        .font('bold')
        .text(`${LANGUAGE_NAMES[language]}: `, MARGIN, this.doc.y, { continued: true, width: this.width })
        .font('regular')
        .text(group.map((t) => t.term).join(', '));
    }
    this.doc.moveDown(0.5);
    this.reset();
  }

  /** `weights`: relative column widths (the first column three times the others by default). */
  table(
    spec: TableSpec,
    options: { weights?: number[]; shade?: (row: number, column: number) => HeatLevel | undefined } = {},
  ) {
    const doc = this.doc;
    const { head, numeric } = spec;
    const w = options.weights ?? head.map((_, i) => (i === 0 ? 3 : 1));
    const total = w.reduce((a, b) => a + b, 0);
    const widths = w.map((x) => (x / total) * this.width);
    const pad = 4;
    const row = (cells: string[], header: boolean, fills?: (HeatLevel | undefined)[]) => {
      doc.font(header ? 'bold' : 'regular').fontSize(9);
      const height =
        Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (widths[i] ?? 0) - 2 * pad })), 9) +
        2 * pad;
      if (doc.y + height > this.bottom) {
        doc.addPage();
        if (!header) row(head, true);
        doc.font(header ? 'bold' : 'regular').fontSize(9);
      }
      const top = doc.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        const cw = widths[i] ?? 0;
        const fill = header ? { fill: PANEL, ink: INK } : fills?.[i];
        if (fill) doc.rect(x, top, cw, height).fill(fill.fill);
        doc
          .fillColor(fill?.ink ?? INK)
          .text(c, x + pad, top + pad, { width: cw - 2 * pad, align: numeric[i] ? 'right' : 'left' });
        x += cw;
      });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + this.width, top + height)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
      doc.y = top + height;
    };
    this.ensure(40);
    if (head.some((h) => h)) row(head, true);
    spec.rows.forEach((cells, r) => {
      row(
        cells.map(cellText),
        false,
        cells.map((_, c) => options.shade?.(r, c)),
      );
    });
    doc.y += 10;
    this.reset();
  }

  barChart(model: ReportModel) {
    const doc = this.doc;
    const rows = model.recommendations;
    const max = Math.max(1, ...rows.map((r) => r.submissions));
    const barHeight = 16;
    const plot = this.width - 40 - 70;
    this.ensure(rows.length * (barHeight + 6) + 30);
    const top = doc.y;
    rows.forEach((r, i) => {
      const y = top + i * (barHeight + 6);
      const w = Math.max((r.submissions / max) * plot, r.submissions > 0 ? 1.5 : 0);
      doc
        .font('bold')
        .fontSize(9.5)
        .fillColor(INK)
        .text(r.id, MARGIN, y + 3, { lineBreak: false });
      doc.rect(MARGIN + 40, y, w, barHeight).fill(BLUE);
      doc
        .font('regular')
        .fontSize(9)
        .fillColor(INK)
        .text(`${r.submissions} (${percent(r.share)})`, MARGIN + 46 + w, y + 3, { lineBreak: false });
    });
    doc.x = MARGIN;
    doc.y = top + rows.length * (barHeight + 6) + 4;
    this.para(SENTENCES.chartCaption, { muted: true });
  }

  heatMap(heat: TableSpec) {
    this.table(heat, { weights: [3.2, ...heat.head.slice(1).map(() => 1)], shade: heatShades(heat) });
    this.doc.y -= 4;
    this.para(SENTENCES.heatMapCaption, { muted: true });
  }

  /** The contents, with page numbers, on the cover below `top`: drawn once every section has its page. */
  contents(top: number) {
    const doc = this.doc;
    doc.switchToPage(0);
    doc.font('bold').fontSize(13).fillColor(INK).text(HEADINGS.contents, MARGIN, top, { width: this.width });
    doc.moveDown(0.4);
    for (const { title, page } of this.sections) {
      const y = doc.y;
      doc
        .font('regular')
        .fontSize(10.5)
        .fillColor(INK)
        .text(title, MARGIN, y, { width: this.width - 40, lineBreak: false });
      doc.text(String(page), MARGIN, y, { width: this.width, align: 'right', lineBreak: false });
      doc
        .moveTo(MARGIN, y + 15)
        .lineTo(MARGIN + this.width, y + 15)
        .lineWidth(0.3)
        .strokeColor(LINE)
        .stroke();
      doc.y = y + 20;
    }
  }

  /** Page numbers and the report's name at the foot of every page, drawn once all pages exist. */
  footers(model: ReportModel) {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(MUTED)
        .text(
          `${TITLE} · ${model.session.workingSession} · ${formatDay(model.session.date)} · ${i + 1} / ${range.count}`,
          MARGIN,
          doc.page.height - MARGIN + 10,
          { width: this.width, align: 'center', lineBreak: false },
        );
      doc.page.margins.bottom = bottom;
    }
  }
}

function write(w: Writer, model: ReportModel) {
  const tables = reportTables(model);
  const { session, counts } = model;
  const doc = w.doc;
  doc.rect(0, 0, doc.page.width, 10).fill(BLUE);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(session.title.toUpperCase(), MARGIN, MARGIN + 20, {
      width: w.width,
      characterSpacing: 0.5,
    });
  doc.moveDown(0.5);
  doc.font('bold').fontSize(26).fillColor(BLUE).text(TITLE, { width: w.width });
  doc.moveDown(0.4);
  doc
    .font('regular')
    .fontSize(12)
    .fillColor(INK)
    .text(SENTENCES.subtitle(session.workingSession, session.cluster), {
      width: w.width,
      lineGap: 3,
    });
  doc.moveDown(1.2);
  for (const [label, value] of sessionRows(model)) {
    doc
      .font('bold')
      .fontSize(10.5)
      .text(`${label}: `, MARGIN, doc.y, { continued: true })
      .font('regular')
      .text(value);
  }
  doc.moveDown(1.5);
  w.reset();
  w.para(SENTENCES.intro(counts.included, counts.analysed));
  w.para(SENTENCES.quoteConsent, { muted: true, italic: true });
  const contentsTop = doc.y + 16;

  w.h1(HEADINGS.session);
  w.para(session.objective);
  if (counts.awaitingAnalysis > 0) w.para(SENTENCES.awaiting(counts.awaitingAnalysis), { muted: true });
  if (counts.campaigns.groups > 0)
    w.para(SENTENCES.campaigns(counts.campaigns.groups, counts.campaigns.submissions), { muted: true });
  w.table(tables.counts);

  w.h1(HEADINGS.participation);
  for (const [title, spec] of tables.participation) {
    w.h3(title);
    w.table(spec);
  }

  w.h1(HEADINGS.recommendations);
  w.h2(HEADINGS.chartsRecommendations, model.recommendations.length * 22 + 30);
  w.barChart(model);
  w.table(tables.recommendations);
  // The heading, the map's rows and its caption on one page.
  w.h2(HEADINGS.heatMap, (STAKEHOLDER_TYPES.length + 1) * 21 + 60);
  w.heatMap(tables.heat);
  for (const r of model.recommendations) {
    w.h2(`${LABELS.recommendation} ${r.id.slice(1)} (${r.year})`);
    w.box(r.text);
    w.para(SENTENCES.addressed(r.submissions, r.share, r.reviewed));
    if (r.campaigns.count > 0)
      w.para(SENTENCES.campaignWeight(r.campaigns.count, r.campaigns.submissions), { muted: true });
    if (r.submissions > 0)
      w.para(
        STAKEHOLDER_TYPES.filter((t) => r.byStakeholderType[t] > 0)
          .map((t) => `${STAKEHOLDER_LABELS[t]}: ${r.byStakeholderType[t]}`)
          .join(' · '),
        { muted: true },
      );
    w.h3(HEADINGS.terms);
    w.terms(r.terms);
    w.h3(HEADINGS.quotes);
    if (r.quotes.length === 0) w.para(SENTENCES.noQuotes, { muted: true });
    else if (r.quotes.length < 3 && r.submissions > r.quotes.length)
      w.para(SENTENCES.fewQuotes(r.quotes.length), { muted: true });
    for (const q of r.quotes) w.quote(q);
  }

  w.h1(HEADINGS.questions);
  w.h2(HEADINGS.mapping);
  w.table(tables.matrix, { weights: [2, ...model.recommendations.map(() => 1)] });
  for (const q of model.questions) {
    w.h2(`${LABELS.question} ${q.id.slice(1)}`);
    w.box(q.text);
    w.para(SENTENCES.answered(q.answers));
    w.h3(HEADINGS.keyPoints);
    if (q.keyPoints.length === 0) w.para(SENTENCES.noKeyPoints, { muted: true });
    for (const k of q.keyPoints) w.quote(k);
  }

  w.h1(HEADINGS.gaps);
  w.para(SENTENCES.gapsIntro(model.gaps.submissions));
  if (model.gaps.submissions > 0) {
    w.h2(HEADINGS.terms);
    w.terms(model.gaps.terms);
    w.h2(HEADINGS.quotes);
    if (model.gaps.quotes.length === 0) w.para(SENTENCES.noQuotes, { muted: true });
    for (const q of model.gaps.quotes) w.quote(q);
  }

  w.h1(HEADINGS.contributors);
  if (model.contributors.length === 0) w.para(SENTENCES.noContributors);
  else {
    w.para(SENTENCES.contributorsIntro(model.contributors.length));
    for (const group of contributorGroups(model)) {
      w.h3(group.heading);
      for (const name of group.names) w.listItem(name);
      w.doc.moveDown(0.4);
    }
  }

  w.h1(HEADINGS.methodology);
  for (const p of SENTENCES.method) w.para(p);
  w.h2(HEADINGS.model);
  const modelSpec = tables.model;
  const accuracy = tables.accuracy;
  if (!modelSpec) w.para(SENTENCES.noModel);
  else {
    w.table(modelSpec, { weights: [1, 2] });
    w.h2(HEADINGS.accuracy);
    if (!accuracy) w.para(SENTENCES.noEvaluation);
    else {
      w.para(`${LABELS.dataset}: ${model.methodology.model?.evaluation?.dataset ?? ''}`, { muted: true });
      w.table(accuracy, { weights: [2, 1, 1, 1, 1, 1] });
    }
  }
  w.h2(HEADINGS.review);
  w.para(SENTENCES.reviewCoverage(model.methodology.reviewedSubmissions, counts.analysed));
  w.table(tables.review);
  w.h2(HEADINGS.languageCoverage);
  w.table(tables.languages);
  w.para(SENTENCES.footer(formatMoment(model.generatedAt)), { muted: true });
  w.contents(contentsTop);
}

export function renderPdf(model: ReportModel): Promise<Uint8Array> {
  const w = new Writer(model);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    w.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    w.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    w.doc.on('error', reject);
  });
  write(w, model);
  w.footers(model);
  w.doc.end();
  return done;
}
