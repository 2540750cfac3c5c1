import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  InternalHyperlink,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Language } from '../../consultation.js';
import type { Block, Heading, Inline, Outline, TableBlock } from '../outline.js';
import { heatLevel } from './shared.js';

/**
 * The outline as an editable Word document: real heading styles and a table of contents built from
 * them, tables whose columns are as wide as their content needs (so no label breaks mid-word), whose
 * header row repeats on each page and whose rows never split. The docx package writes text as XML
 * text nodes; nothing from a submission becomes markup.
 */

const BLUE = '005A9C';
const MUTED = '4A5966';
const PANEL = 'F3F6F9';
const LANGUAGE_TAGS: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };
/** A4 less 2.5 cm margins each side, in twips (twentieths of a point). */
const TEXT_WIDTH = 9_520;
const MARGIN = 1_190;
/**
 * A character of 10.5 pt text is about 6 pt wide at most on average (bold, or Calibri replaced by a
 * wider font in LibreOffice): 120 twips; a cell's margins and border take 240.
 */
const CHAR = 120;
const PAD = 240;
const RULE = { style: BorderStyle.SINGLE, size: 4, color: 'C9D3DC' };
/** Tables this short are kept on one page. */
const KEEP_TOGETHER_ROWS = 16;

const HEADINGS: Record<Heading['level'], (typeof HeadingLevel)[keyof typeof HeadingLevel]> = {
  1: HeadingLevel.TITLE,
  2: HeadingLevel.HEADING_1,
  3: HeadingLevel.HEADING_2,
  4: HeadingLevel.HEADING_3,
};

function runs(
  list: Inline[],
  options: { color?: string; size?: number; italics?: boolean } = {},
): ParagraphChild[] {
  return list.map((run) => {
    const text = new TextRun({
      text: run.text,
      ...(run.strong ? { bold: true } : {}),
      ...(run.emphasis || options.italics ? { italics: true } : {}),
      ...(options.color ? { color: options.color } : {}),
      ...(options.size ? { size: options.size } : {}),
      ...(run.href ? { style: 'Hyperlink' } : {}),
    });
    return run.href?.startsWith('#')
      ? new InternalHyperlink({ anchor: run.href.slice(1), children: [text] })
      : text;
  });
}

/**
 * Column widths from the content: each column at least as wide as its longest word (no word breaks),
 * then the room left shared in proportion to how much longer its longest text is.
 */
export function columnWidths(table: TableBlock, total = TEXT_WIDTH): number[] {
  const columns = table.head.map((h, i) => [h, ...table.rows.map((r) => r[i]?.text ?? '')]);
  // Words break at plain spaces only: "14 %" (a narrow no-break space) is one word.
  const longestWord = columns.map((cells) =>
    Math.max(...cells.flatMap((c) => c.split(/[ \t\n]+/).map((w) => w.length))),
  );
  const longest = columns.map((cells) => Math.max(...cells.map((c) => c.length)));
  const min = longestWord.map((n) => n * CHAR + PAD);
  const want = longest.map((n, i) => Math.max(n * CHAR + PAD, min[i] ?? 0));
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  if (sum(min) >= total) return min.map((w) => Math.floor((w / sum(min)) * total));
  if (sum(want) <= total) {
    // Room to spare: the first column (the labels) takes it, the numbers stay compact.
    const spare = total - sum(want);
    return want.map((w, i) => Math.floor(i === 0 ? w + spare : w));
  }
  const stretch = (total - sum(min)) / (sum(want) - sum(min));
  return min.map((m, i) => Math.floor(m + ((want[i] ?? m) - m) * stretch));
}

function table(block: TableBlock): (Paragraph | Table)[] {
  const widths = columnWidths(block);
  const keep = block.rows.length <= KEEP_TOGETHER_ROWS;
  const cell = (text: ParagraphChild[], i: number, fill?: string) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          ...(block.align[i] === 'right' ? { alignment: AlignmentType.RIGHT } : {}),
          children: text,
        }),
      ],
    });
  const caption = new Paragraph({
    keepNext: true,
    spacing: { before: 160, after: 60 },
    children: [new TextRun({ text: block.caption, bold: true, size: 20 })],
  });
  return [
    ...(block.captionHidden ? [] : [caption]),
    new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: {
        top: RULE,
        bottom: RULE,
        left: RULE,
        right: RULE,
        insideHorizontal: RULE,
        insideVertical: RULE,
      },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          keepNext: true,
          children: block.head.map((h, i) => cell([new TextRun({ text: h, bold: true })], i, PANEL)),
        }),
        ...block.rows.map(
          (row, r) =>
            new TableRow({
              cantSplit: true,
              keepNext: keep && r < block.rows.length - 1,
              children: row.map((c, i) => {
                const level = c.shade === undefined ? undefined : heatLevel(c.shade);
                const bold = i === 0 && block.rowHeaders;
                const ink = level?.ink.slice(1).toUpperCase();
                return cell(
                  runs(
                    [{ text: c.text, strong: bold, ...(c.href ? { href: c.href } : {}) }],
                    ink ? { color: ink } : {},
                  ),
                  i,
                  level?.fill.slice(1).toUpperCase(),
                );
              }),
            }),
        ),
      ],
    }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

function convert(block: Block, language: Language): (Paragraph | Table | TableOfContents)[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          heading: HEADINGS[block.level],
          keepNext: true,
          ...(block.breakBefore ? { pageBreakBefore: true } : {}),
          children: [new Bookmark({ id: block.id, children: [new TextRun(block.text)] })],
        }),
      ];
    case 'paragraph': {
      if (block.style === 'box')
        return [
          new Paragraph({
            indent: { left: 240 },
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: PANEL },
            border: { left: { style: BorderStyle.SINGLE, size: 24, color: BLUE, space: 8 } },
            spacing: { after: 160 },
            children: runs(block.runs),
          }),
        ];
      const style =
        block.style === 'note'
          ? { color: MUTED }
          : block.style === 'eyebrow'
            ? { color: MUTED, size: 18 }
            : {};
      return [
        new Paragraph({
          spacing: { after: 120 },
          children: runs(block.runs, { ...style, ...(block.style === 'lead' ? { size: 26 } : {}) }),
        }),
      ];
    }
    case 'table':
      return table(block);
    case 'chart':
      // Word draws no chart here: its caption says what the table shows, shaded where it is a heat map.
      return [
        new Paragraph({
          keepNext: true,
          spacing: { after: 60 },
          children: runs([{ text: block.caption }], { color: MUTED }),
        }),
        ...table(block.table),
      ];
    case 'quote': {
      const border = { left: { style: BorderStyle.SINGLE, size: 12, color: 'C9D3DC', space: 8 } };
      return [
        new Paragraph({
          indent: { left: 360 },
          border,
          keepNext: true,
          keepLines: true,
          spacing: { before: 120 },
          children: [
            new TextRun({
              text: `“${block.text}”`,
              italics: true,
              language: { value: LANGUAGE_TAGS[block.language] },
            }),
          ],
        }),
        new Paragraph({
          indent: { left: 360 },
          border,
          spacing: { after: 160 },
          children: [
            new TextRun({
              text: `— ${block.attribution}${block.languageNote ? ` (${block.languageNote})` : ''}`,
              color: MUTED,
              size: 20,
              language: { value: LANGUAGE_TAGS[language] },
            }),
          ],
        }),
      ];
    }
    case 'list':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
    case 'toc':
      return [
        // Styled as a heading but not one: the contents do not list themselves.
        new Paragraph({
          keepNext: true,
          spacing: { before: 360, after: 120 },
          children: [new TextRun({ text: block.title, bold: true, color: BLUE, size: 32 })],
        }),
        new TableOfContents(block.title, { hyperlink: true, headingStyleRange: '1-1' }),
      ];
  }
}

export async function renderDocx(outline: Outline): Promise<Uint8Array> {
  const document = new Document({
    creator: 'GFMD secretariat',
    title: outline.title,
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: 21, language: { value: LANGUAGE_TAGS[outline.language] } },
        },
        title: { run: { color: BLUE, size: 48, bold: true } },
        heading1: {
          run: { color: BLUE, size: 32, bold: true },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        heading2: {
          run: { size: 26, bold: true },
          paragraph: { spacing: { before: 240, after: 100 }, keepNext: true },
        },
        heading3: {
          run: { size: 22, bold: true, color: MUTED },
          paragraph: { spacing: { before: 160, after: 80 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11_906, height: 16_838 },
            margin: { left: MARGIN, right: MARGIN, top: 1_300, bottom: 1_300 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${outline.footer} · `, color: MUTED, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], color: MUTED, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: outline.blocks.flatMap((block) => convert(block, outline.language)),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
