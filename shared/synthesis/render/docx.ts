import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { STAKEHOLDER_TYPES } from '../../submission.js';
import type { DistinctiveTerm, Quote, ReportModel } from '../model.js';
import {
  formatDay,
  formatMoment,
  HEADINGS,
  LABELS,
  LANGUAGE_NAMES,
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
 * The report as an editable Word document: real heading styles (so Word's navigation pane and
 * table of contents work), real tables, quotes as indented paragraphs. The docx package writes
 * text as XML text nodes, escaping it; nothing from a submission becomes markup.
 */

const BLUE = '005A9C';
const MUTED = '4A5966';
const LANGUAGE_TAGS: Record<string, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level });

const para = (text: string, options: { muted?: boolean; italics?: boolean } = {}) =>
  new Paragraph({
    spacing: { after: 120 },
    children: [
      new TextRun({
        text,
        ...(options.muted ? { color: MUTED } : {}),
        ...(options.italics ? { italics: true } : {}),
      }),
    ],
  });

function cell(
  text: string,
  options: { header?: boolean; numeric?: boolean; fill?: string; ink?: string } = {},
) {
  return new TableCell({
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        ...(options.numeric ? { alignment: AlignmentType.RIGHT } : {}),
        children: [
          new TextRun({
            text,
            ...(options.header ? { bold: true } : {}),
            ...(options.ink ? { color: options.ink } : {}),
          }),
        ],
      }),
    ],
  });
}

function table(spec: TableSpec, shade?: (row: number, column: number) => HeatLevel | undefined): Table {
  const hex = (colour: string) => colour.slice(1).toUpperCase();
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: spec.head.map((h, i) =>
          cell(h, { header: true, numeric: spec.numeric[i] ?? false, fill: 'F3F6F9' }),
        ),
      }),
      ...spec.rows.map(
        (row, r) =>
          new TableRow({
            children: row.map((v, c) => {
              const level = shade?.(r, c);
              return cell(cellText(v), {
                numeric: spec.numeric[c] ?? false,
                ...(level ? { fill: hex(level.fill), ink: hex(level.ink) } : {}),
              });
            }),
          }),
      ),
    ],
  });
}

function quote(q: Quote): Paragraph[] {
  const credit = [
    q.attribution,
    q.campaignSize ? `, ${SENTENCES.campaignOf(q.campaignSize)}` : '',
    q.language !== 'en' ? ` ${SENTENCES.quoteLanguage(q.language)}` : '',
  ].join('');
  const border = { style: BorderStyle.SINGLE, size: 12, color: 'C9D3DC', space: 8 };
  return [
    new Paragraph({
      indent: { left: 360 },
      border: { left: border },
      spacing: { before: 120 },
      children: [
        new TextRun({
          text: `“${q.text}”`,
          italics: true,
          language: { value: LANGUAGE_TAGS[q.language] ?? 'en-GB' },
        }),
      ],
    }),
    new Paragraph({
      indent: { left: 360 },
      border: { left: border },
      spacing: { after: 160 },
      children: [new TextRun({ text: `— ${credit}`, color: MUTED, size: 20 })],
    }),
  ];
}

function terms(list: DistinctiveTerm[]): Paragraph[] {
  if (list.length === 0) return [para(SENTENCES.noTerms, { muted: true })];
  return termsByLanguage(list).map(
    ([language, group]) =>
      new Paragraph({
        bullet: { level: 0 },
        children: [
          new TextRun({ text: `${LANGUAGE_NAMES[language]}: `, bold: true }),
          new TextRun({
            text: group.map((t) => t.term).join(', '),
            language: { value: LANGUAGE_TAGS[language] ?? 'en-GB' },
          }),
        ],
      }),
  );
}

function body(model: ReportModel): (Paragraph | Table)[] {
  const tables = reportTables(model);
  const { session, counts } = model;
  const out: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: session.title.toUpperCase(), color: MUTED, size: 18 })] }),
    new Paragraph({ text: TITLE, heading: HeadingLevel.TITLE }),
    para(SENTENCES.subtitle(session.workingSession, session.cluster)),
    ...sessionRows(model).map(
      ([label, value]) =>
        new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
    ),
    heading(HEADINGS.session, HeadingLevel.HEADING_1),
    para(session.objective),
    para(SENTENCES.intro(counts.included, counts.analysed)),
  ];
  if (counts.awaitingAnalysis > 0)
    out.push(para(SENTENCES.awaiting(counts.awaitingAnalysis), { muted: true }));
  if (counts.campaigns.groups > 0)
    out.push(
      para(SENTENCES.campaigns(counts.campaigns.groups, counts.campaigns.submissions), { muted: true }),
    );
  out.push(table(tables.counts));

  out.push(heading(HEADINGS.participation, HeadingLevel.HEADING_1));
  for (const [title, spec] of tables.participation)
    out.push(heading(title, HeadingLevel.HEADING_2), table(spec));

  out.push(
    heading(HEADINGS.recommendations, HeadingLevel.HEADING_1),
    heading(HEADINGS.chartsRecommendations, HeadingLevel.HEADING_2),
    para(SENTENCES.chartCaption, { muted: true }),
    table(tables.recommendations),
    heading(HEADINGS.heatMap, HeadingLevel.HEADING_2),
    para(SENTENCES.heatMapCaption, { muted: true }),
    table(tables.heat, heatShades(tables.heat)),
    para(SENTENCES.quoteConsent, { muted: true, italics: true }),
  );
  for (const r of model.recommendations) {
    out.push(
      heading(`${LABELS.recommendation} ${r.id.slice(1)} (${r.year})`, HeadingLevel.HEADING_2),
      new Paragraph({
        indent: { left: 360 },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F6F9' },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: BLUE, space: 8 } },
        spacing: { after: 160 },
        children: [new TextRun(r.text)],
      }),
      para(SENTENCES.addressed(r.submissions, r.share, r.reviewed)),
    );
    if (r.campaigns.count > 0)
      out.push(para(SENTENCES.campaignWeight(r.campaigns.count, r.campaigns.submissions), { muted: true }));
    if (r.submissions > 0)
      out.push(
        para(
          STAKEHOLDER_TYPES.filter((t) => r.byStakeholderType[t] > 0)
            .map((t) => `${STAKEHOLDER_LABELS[t]}: ${r.byStakeholderType[t]}`)
            .join(' · '),
          { muted: true },
        ),
      );
    out.push(
      heading(HEADINGS.terms, HeadingLevel.HEADING_3),
      ...terms(r.terms),
      heading(HEADINGS.quotes, HeadingLevel.HEADING_3),
    );
    if (r.quotes.length === 0) out.push(para(SENTENCES.noQuotes, { muted: true }));
    else if (r.quotes.length < 3 && r.submissions > r.quotes.length)
      out.push(para(SENTENCES.fewQuotes(r.quotes.length), { muted: true }));
    out.push(...r.quotes.flatMap(quote));
  }

  out.push(
    heading(HEADINGS.questions, HeadingLevel.HEADING_1),
    heading(HEADINGS.mapping, HeadingLevel.HEADING_2),
    table(tables.matrix),
  );
  for (const q of model.questions) {
    out.push(
      heading(`${LABELS.question} ${q.id.slice(1)}`, HeadingLevel.HEADING_2),
      para(q.text, { italics: true }),
      para(SENTENCES.answered(q.answers)),
      heading(HEADINGS.keyPoints, HeadingLevel.HEADING_3),
    );
    if (q.keyPoints.length === 0) out.push(para(SENTENCES.noKeyPoints, { muted: true }));
    out.push(...q.keyPoints.flatMap(quote));
  }

  out.push(heading(HEADINGS.gaps, HeadingLevel.HEADING_1), para(SENTENCES.gapsIntro(model.gaps.submissions)));
  if (model.gaps.submissions > 0) {
    out.push(
      heading(HEADINGS.terms, HeadingLevel.HEADING_2),
      ...terms(model.gaps.terms),
      heading(HEADINGS.quotes, HeadingLevel.HEADING_2),
    );
    if (model.gaps.quotes.length === 0) out.push(para(SENTENCES.noQuotes, { muted: true }));
    out.push(...model.gaps.quotes.flatMap(quote));
  }

  out.push(heading(HEADINGS.contributors, HeadingLevel.HEADING_1));
  if (model.contributors.length === 0) out.push(para(SENTENCES.noContributors));
  else
    out.push(
      para(SENTENCES.contributorsIntro(model.contributors.length)),
      ...contributorGroups(model).flatMap((group) => [
        heading(group.heading, HeadingLevel.HEADING_2),
        ...group.names.map((name) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(name)] })),
      ]),
    );

  out.push(heading(HEADINGS.methodology, HeadingLevel.HEADING_1), ...SENTENCES.method.map((p) => para(p)));
  out.push(heading(HEADINGS.model, HeadingLevel.HEADING_2));
  const modelSpec = tables.model;
  const accuracy = tables.accuracy;
  if (!modelSpec) out.push(para(SENTENCES.noModel));
  else {
    out.push(table(modelSpec), heading(HEADINGS.accuracy, HeadingLevel.HEADING_2));
    if (!accuracy) out.push(para(SENTENCES.noEvaluation));
    else
      out.push(
        para(`${LABELS.dataset}: ${model.methodology.model?.evaluation?.dataset ?? ''}`, { muted: true }),
        table(accuracy),
      );
  }
  out.push(
    heading(HEADINGS.review, HeadingLevel.HEADING_2),
    para(SENTENCES.reviewCoverage(model.methodology.reviewedSubmissions, counts.analysed)),
    table(tables.review),
    heading(HEADINGS.languageCoverage, HeadingLevel.HEADING_2),
    table(tables.languages),
    para(SENTENCES.footer(formatMoment(model.generatedAt)), { muted: true }),
  );
  return out;
}

export async function renderDocx(model: ReportModel): Promise<Uint8Array> {
  const document = new Document({
    creator: model.session.title,
    title: `${TITLE}: ${model.session.workingSession}`,
    description: SENTENCES.subtitle(model.session.workingSession, model.session.cluster),
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: 'en-GB' } } },
        title: { run: { color: BLUE, size: 48, bold: true } },
        heading1: {
          run: { color: BLUE, size: 32, bold: true },
          paragraph: { spacing: { before: 360, after: 120 } },
        },
        heading2: { run: { size: 26, bold: true }, paragraph: { spacing: { before: 240, after: 100 } } },
        heading3: {
          run: { size: 22, bold: true, color: MUTED },
          paragraph: { spacing: { before: 160, after: 80 } },
        },
      },
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    text: `${TITLE} · ${formatDay(model.session.date)} · `,
                    color: MUTED,
                    size: 16,
                  }),
                  new TextRun({ children: [PageNumber.CURRENT], color: MUTED, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: body(model),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
