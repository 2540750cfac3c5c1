import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Language } from '../../consultation.js';
import type { Block, ChartBlock, Heading, Inline, Outline, TableBlock } from '../outline.js';
import { heatLevel } from './shared.js';

/**
 * The outline as a tagged PDF (pdfkit, pure JavaScript, so it runs on Lambda): a structure tree of
 * headings, paragraphs, tables (rows, header and data cells), lists, block quotes in their own
 * language and figures with alternative text, so that a screen reader reads it in order. Rules,
 * fills, repeated table headers and page footers are marked as artifacts. The standard PDF fonts
 * cover only Latin-1, so the report embeds Noto Sans, subset to the glyphs it uses. The Lambda must
 * ship pdfkit and the font package as node modules (see STACK.md).
 */

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
};
/** Read once per process: a compile draws three PDFs (one a language). */
let fonts: Record<keyof typeof FONT_FILES, Buffer> | undefined;
const loadFonts = () => {
  fonts ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
    italic: readFileSync(require.resolve(FONT_FILES.italic)),
  };
  return fonts;
};

const INK = '#1b2733';
const MUTED = '#4a5966';
const BLUE = '#005a9c';
const LINE = '#c9d3dc';
const PANEL = '#f3f6f9';
const MARGIN = 56;
const LANGUAGE_TAGS: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };
const HEADING_SIZES: Record<Heading['level'], number> = { 1: 26, 2: 18, 3: 13, 4: 10.5 };

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
/** PDF 1.7 standard structure types pdfkit writes as given but its typings do not list. */
type StructType = Parameters<Doc['struct']>[0];
const type = (name: string) => name as StructType;
/** pdfkit 0.20's structure options; its typings (0.17) lack the table scope and the figure's box. */
interface StructOptions {
  alt?: string;
  lang?: string;
  scope?: 'Row' | 'Column';
  bbox?: [number, number, number, number];
  placement?: 'Block' | 'Inline';
}

class Writer {
  readonly doc: Doc;
  readonly root: Struct;
  readonly width: number;
  /** Each section and the page it starts on, for the contents on the first page. */
  readonly sections = new Map<string, number>();
  #toc?: { block: Extract<Block, { kind: 'toc' }>; page: number; top: number; struct: Struct };

  constructor(readonly outline: Outline) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
      bufferPages: true,
      tagged: true,
      pdfVersion: '1.7',
      lang: LANGUAGE_TAGS[outline.language],
      displayTitle: true,
      info: { Title: outline.title },
    });
    for (const [name, data] of Object.entries(loadFonts())) this.doc.registerFont(name, data);
    this.reset();
    this.width = this.doc.page.width - 2 * MARGIN;
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get page() {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count;
  }

  reset() {
    this.doc.font('regular').fontSize(10.5).fillColor(INK);
  }

  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** Drawing that carries no meaning (fills, rules): marked so that a screen reader skips it. */
  artifact(draw: () => void) {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /** A structure element under `parent` whose content is what `draw` puts on the page. */
  tagged(name: string, parent: Struct, draw: () => void, options: StructOptions = {}): Struct {
    const element = this.doc.struct(type(name), options as Parameters<Doc['struct']>[1]);
    parent.add(element);
    element.add(draw);
    element.end();
    return element;
  }

  text(value: string, x: number, width: number, options: PDFKit.Mixins.TextOptions = {}) {
    this.doc.text(value, x, this.doc.y, { width, lineGap: 2, ...options });
  }

  /** Inline runs as one paragraph: bold and italic where the outline says so. */
  runs(list: Inline[], x: number, width: number, base: 'regular' | 'italic' = 'regular') {
    list.forEach((run, i) => {
      this.doc.font(run.strong ? 'bold' : run.emphasis ? 'italic' : base);
      this.doc.text(run.text, i === 0 ? x : undefined, i === 0 ? this.doc.y : undefined, {
        width,
        lineGap: 2,
        continued: i < list.length - 1,
      });
    });
  }

  /** How much of a block must share a page with the heading above it. */
  room(block: Block | undefined): number {
    const doc = this.doc;
    if (!block) return 0;
    const lines = (text: string, size = 10.5) =>
      doc.font('regular').fontSize(size).heightOfString(text, { width: this.width, lineGap: 2 });
    switch (block.kind) {
      case 'table':
        return this.tableRoom(block);
      case 'chart':
        return block.chart === 'bars' ? block.bars.length * 22 + 30 : this.tableRoom(block.table);
      case 'quote':
        return Math.min(lines(block.text) + 30, 200);
      case 'paragraph':
        return Math.min(lines(block.runs.map((r) => r.text).join('')) + 16, 80);
      case 'list':
        return Math.min(block.items.length, 3) * 16;
      default:
        return 60;
    }
  }

  heading(block: Heading, next?: Block) {
    const doc = this.doc;
    const own = doc
      .font('bold')
      .fontSize(HEADING_SIZES[block.level])
      .heightOfString(block.text, { width: this.width });
    if (block.breakBefore) doc.addPage();
    // A heading never ends a page: room for it and the first of what follows it.
    else if (block.level > 1) this.ensure(own + 24 + this.room(next));
    if (block.level === 2) this.sections.set(block.id, this.page);
    if (!block.breakBefore && block.level > 1) doc.moveDown(block.level === 2 ? 0.8 : 0.4);
    doc.addNamedDestination(block.id);
    const size = HEADING_SIZES[block.level];
    doc
      .font('bold')
      .fontSize(size)
      .fillColor(block.level <= 2 ? BLUE : block.level === 4 ? MUTED : INK);
    this.tagged(`H${block.level}`, this.root, () => this.text(block.text, MARGIN, this.width));
    if (block.level === 2) {
      const y = doc.y + 2;
      this.artifact(() =>
        doc
          .moveTo(MARGIN, y)
          .lineTo(MARGIN + this.width, y)
          .lineWidth(1.5)
          .strokeColor(BLUE)
          .stroke(),
      );
      doc.y = y + 8;
    } else doc.moveDown(0.3);
    this.reset();
  }

  paragraph(block: Extract<Block, { kind: 'paragraph' }>) {
    const doc = this.doc;
    if (block.style === 'box') {
      const width = this.width - 24;
      const height = doc
        .font('regular')
        .fontSize(10.5)
        .heightOfString(block.runs.map((r) => r.text).join(''), { width, lineGap: 2 });
      this.ensure(height + 16);
      const top = doc.y;
      this.artifact(() => {
        doc.rect(MARGIN, top, this.width, height + 14).fill(PANEL);
        doc.rect(MARGIN, top, 3, height + 14).fill(BLUE);
      });
      doc.fillColor(INK);
      doc.y = top + 7;
      this.tagged('P', this.root, () => this.runs(block.runs, MARGIN + 14, width));
      doc.y = top + height + 22;
      this.reset();
      return;
    }
    const note = block.style === 'note' || block.style === 'eyebrow';
    doc.fontSize(block.style === 'lead' ? 13 : note ? 9.5 : 10.5).fillColor(note ? MUTED : INK);
    this.tagged('P', this.root, () => this.runs(block.runs, MARGIN, this.width));
    doc.moveDown(0.5);
    this.reset();
  }

  quote(block: Extract<Block, { kind: 'quote' }>) {
    const doc = this.doc;
    const width = this.width - 18;
    const credit = `— ${block.attribution}${block.languageNote ? ` (${block.languageNote})` : ''}`;
    const textHeight = doc
      .font('italic')
      .fontSize(10.5)
      .heightOfString(`“${block.text}”`, { width, lineGap: 2 });
    const creditHeight = doc.font('regular').fontSize(9).heightOfString(credit, { width });
    this.ensure(textHeight + creditHeight + 12);
    const top = doc.y;
    const quote = doc.struct(type('BlockQuote'));
    this.root.add(quote);
    doc.font('italic').fontSize(10.5).fillColor(INK);
    this.tagged('P', quote, () => this.text(`“${block.text}”`, MARGIN + 14, width), {
      lang: LANGUAGE_TAGS[block.language],
    });
    doc.y += 2;
    doc.font('regular').fontSize(9).fillColor(MUTED);
    this.tagged('P', quote, () => this.text(credit, MARGIN + 14, width));
    quote.end();
    const bottom = doc.y;
    this.artifact(() => doc.rect(MARGIN, top, 2.5, bottom - top).fill(LINE));
    doc.y = bottom + 10;
    this.reset();
  }

  list(block: Extract<Block, { kind: 'list' }>) {
    const doc = this.doc;
    const list = doc.struct('L');
    this.root.add(list);
    for (const item of block.items) {
      doc.font('regular').fontSize(10).fillColor(INK);
      this.ensure(doc.heightOfString(item.map((r) => r.text).join(''), { width: this.width - 14 }) + 2);
      const y = doc.y;
      const li = doc.struct('LI');
      list.add(li);
      this.tagged('Lbl', li, () => doc.text('•', MARGIN + 2, y, { lineBreak: false }));
      doc.y = y;
      this.tagged('LBody', li, () => this.runs(item, MARGIN + 14, this.width - 14));
      li.end();
    }
    list.end();
    doc.moveDown(0.5);
    this.reset();
  }

  /** Each table's column widths and row heights, measured once (text measuring is what costs). */
  readonly #measured = new WeakMap<TableBlock, { widths: number[]; head: number; rows: number[] }>();

  measure(block: TableBlock) {
    let measured = this.#measured.get(block);
    if (!measured) {
      const widths = this.columns(block);
      measured = {
        widths,
        head: this.#rowHeight(widths, block.head, true),
        rows: block.rows.map((r) =>
          this.#rowHeight(
            widths,
            r.map((c) => c.text),
            false,
          ),
        ),
      };
      this.#measured.set(block, measured);
    }
    return measured;
  }

  /** Column widths from the content: every column as wide as its longest word, the rest shared by need. */
  columns(block: TableBlock): number[] {
    const doc = this.doc;
    const pad = 8;
    const columns = block.head.map((h, i) => [h, ...block.rows.map((r) => r[i]?.text ?? '')]);
    const measure = (text: string, font: string) => doc.font(font).fontSize(9).widthOfString(text) + pad + 1;
    const min = columns.map((cells, i) =>
      Math.max(
        ...cells.flatMap((c, r) =>
          c
            .split(/[ \t\n]+/)
            .map((w) => measure(w, r === 0 || (i === 0 && block.rowHeaders) ? 'bold' : 'regular')),
        ),
      ),
    );
    const want = columns.map((cells, i) =>
      Math.max(min[i] ?? 0, ...cells.map((c) => Math.min(measure(c, 'regular'), this.width))),
    );
    const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
    if (sum(want) <= this.width) {
      const spare = this.width - sum(want);
      return want.map((w, i) => (i === 0 ? w + spare : w));
    }
    if (sum(min) >= this.width) return min.map((w) => (w / sum(min)) * this.width);
    const stretch = (this.width - sum(min)) / (sum(want) - sum(min));
    return min.map((m, i) => m + ((want[i] ?? m) - m) * stretch);
  }

  #rowHeight(widths: number[], cells: string[], header: boolean) {
    const doc = this.doc;
    doc.font(header ? 'bold' : 'regular').fontSize(9);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (widths[i] ?? 0) - 8 })), 9) + 8;
  }

  /** The caption, the header and the first rows together; a short table whole. */
  tableRoom(block: TableBlock): number {
    const { head, rows } = this.measure(block);
    const whole = head + rows.reduce((a, b) => a + b, 0);
    const start = head + rows.slice(0, 3).reduce((a, b) => a + b, 0);
    return (block.captionHidden ? 0 : 18) + (whole < 320 ? whole : start);
  }

  table(block: TableBlock) {
    const caption = !block.captionHidden;
    const doc = this.doc;
    const measured = this.measure(block);
    const widths = measured.widths;
    const pad = 4;
    const head = block.head;
    this.ensure(this.tableRoom(block));

    const table = doc.struct('Table');
    this.root.add(table);
    if (caption) {
      doc.font('bold').fontSize(9.5).fillColor(INK);
      this.tagged('Caption', table, () => this.text(block.caption, MARGIN, this.width));
      doc.moveDown(0.2);
    }
    const drawRow = (
      cells: { text: string; shade?: number }[],
      height: number,
      header: boolean,
      parent?: Struct,
    ) => {
      const top = doc.y;
      const fills = cells.map((c) =>
        header ? { fill: PANEL, ink: INK } : c.shade === undefined ? undefined : heatLevel(c.shade),
      );
      this.artifact(() => {
        let x = MARGIN;
        cells.forEach((_, i) => {
          const fill = fills[i];
          if (fill) doc.rect(x, top, widths[i] ?? 0, height).fill(fill.fill);
          x += widths[i] ?? 0;
        });
        doc
          .moveTo(MARGIN, top + height)
          .lineTo(MARGIN + this.width, top + height)
          .lineWidth(0.5)
          .strokeColor(LINE)
          .stroke();
      });
      const row = parent ? doc.struct('TR') : undefined;
      if (row && parent) parent.add(row);
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        const bold = header || (i === 0 && block.rowHeaders);
        const draw = () => {
          doc
            .font(bold ? 'bold' : 'regular')
            .fontSize(9)
            .fillColor(fills[i]?.ink ?? INK);
          doc.text(cell.text, x + pad, top + pad, {
            width: w - 2 * pad,
            align: block.align[i] === 'right' ? 'right' : 'left',
          });
        };
        if (row) {
          const name = header || (i === 0 && block.rowHeaders) ? 'TH' : 'TD';
          const scope: StructOptions = header ? { scope: 'Column' } : name === 'TH' ? { scope: 'Row' } : {};
          this.tagged(name, row, draw, scope);
        } else this.artifact(draw);
        x += w;
      });
      row?.end();
      doc.y = top + height;
    };
    const headCells = head.map((text) => ({ text }));
    drawRow(headCells, measured.head, true, table);
    block.rows.forEach((row, r) => {
      const height = measured.rows[r] ?? 0;
      if (doc.y + height > this.bottom) {
        doc.addPage();
        // The header again on the new page, as an artifact: it was read once already.
        drawRow(headCells, measured.head, true);
      }
      drawRow(row, height, false, table);
    });
    table.end();
    doc.x = MARGIN;
    doc.y += 10;
    this.reset();
  }

  chart(block: ChartBlock) {
    const doc = this.doc;
    if (block.chart === 'heat') {
      // The shaded table is the heat map: its cells are read as numbers, the caption says what it shows.
      this.table(block.table);
      doc.y -= 4;
      this.paragraph({ kind: 'paragraph', runs: [{ text: block.caption }], style: 'note' });
      return;
    }
    const rows = block.bars;
    const max = Math.max(1, ...rows.map((r) => r.value));
    const barHeight = 16;
    const plot = this.width - 40 - 80;
    const height = rows.length * (barHeight + 6);
    this.ensure(height + 40);
    const top = doc.y;
    this.tagged(
      'Figure',
      this.root,
      () => {
        rows.forEach((bar, i) => {
          const y = top + i * (barHeight + 6);
          const w = Math.max((bar.value / max) * plot, bar.value > 0 ? 1.5 : 0);
          doc
            .font('bold')
            .fontSize(9.5)
            .fillColor(INK)
            .text(bar.label, MARGIN, y + 3, { lineBreak: false });
          doc.rect(MARGIN + 40, y, w, barHeight).fill(BLUE);
          doc
            .font('regular')
            .fontSize(9)
            .fillColor(INK)
            .text(bar.display, MARGIN + 46 + w, y + 3, { lineBreak: false });
        });
      },
      { alt: block.alt, bbox: [MARGIN, top, MARGIN + this.width, top + height], placement: 'Block' },
    );
    doc.x = MARGIN;
    doc.y = top + height + 4;
    this.paragraph({ kind: 'paragraph', runs: [{ text: block.caption }], style: 'note' });
    this.table(block.table);
  }

  /** Reserves room for the contents; they are drawn once every section knows its page. */
  reserveContents(block: Extract<Block, { kind: 'toc' }>) {
    const struct = this.doc.struct('TOC' as StructType);
    this.root.add(struct);
    this.#toc = { block, page: this.page - 1, top: this.doc.y + 10, struct };
    this.doc.y += 40 + block.entries.length * 20;
  }

  contents() {
    const toc = this.#toc;
    if (!toc) return;
    const doc = this.doc;
    doc.switchToPage(toc.page);
    doc.y = toc.top;
    doc.font('bold').fontSize(13).fillColor(INK);
    this.tagged('Caption', toc.struct, () => this.text(toc.block.title, MARGIN, this.width));
    doc.moveDown(0.4);
    for (const entry of toc.block.entries) {
      const y = doc.y;
      doc.font('regular').fontSize(10.5).fillColor(INK);
      this.tagged('TOCI', toc.struct, () => {
        doc.text(entry.text, MARGIN, y, { width: this.width - 40, lineBreak: false, goTo: entry.id });
        doc.text(String(this.sections.get(entry.id) ?? ''), MARGIN, y, {
          width: this.width,
          align: 'right',
          lineBreak: false,
        });
      });
      this.artifact(() =>
        doc
          .moveTo(MARGIN, y + 15)
          .lineTo(MARGIN + this.width, y + 15)
          .lineWidth(0.3)
          .strokeColor(LINE)
          .stroke(),
      );
      doc.y = y + 20;
    }
    toc.struct.end();
  }

  /** Page numbers and the report's name at the foot of every page: pagination artifacts. */
  footers() {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.markContent('Artifact', { type: 'Pagination' });
      if (i === 0) doc.rect(0, 0, doc.page.width, 10).fill(BLUE);
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(MUTED)
        .text(`${this.outline.footer} · ${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 10, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  block(block: Block, next?: Block) {
    switch (block.kind) {
      case 'heading':
        return this.heading(block, next);
      case 'paragraph':
        return this.paragraph(block);
      case 'table':
        return this.table(block);
      case 'chart':
        return this.chart(block);
      case 'quote':
        return this.quote(block);
      case 'list':
        return this.list(block);
      case 'toc':
        return this.reserveContents(block);
    }
  }
}

export function renderPdf(outline: Outline): Promise<Uint8Array> {
  const w = new Writer(outline);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    w.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    w.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    w.doc.on('error', reject);
  });
  w.doc.y = MARGIN + 10;
  for (const [i, block] of outline.blocks.entries()) w.block(block, outline.blocks[i + 1]);
  w.contents();
  w.footers();
  w.root.end();
  w.doc.end();
  return done;
}
