import type { Language } from '../../consultation.js';
import { STAKEHOLDER_TYPES, type StakeholderType } from '../../submission.js';
import type { Contributor, DistinctiveTerm, ReportModel } from '../model.js';
import {
  formatDay,
  formatMoment,
  HEADINGS,
  LABELS,
  LANGUAGE_NAMES,
  percent,
  STAKEHOLDER_LABELS,
} from '../wording.js';

/** Rows and scales every renderer shows alike, so that the five formats cannot disagree. */

export function sessionRows(model: ReportModel): [string, string][] {
  return [
    [LABELS.date, formatDay(model.session.date)],
    [LABELS.venue, model.session.venue],
    [LABELS.cutoff, formatMoment(model.cutoff)],
    [LABELS.generated, formatMoment(model.generatedAt)],
  ];
}

/** A table as every format draws it: header cells, rows, and which columns hold numbers. */
export interface TableSpec {
  head: string[];
  rows: (string | number)[][];
  numeric: boolean[];
}

const numbersAfterFirst = (columns: number) => Array.from({ length: columns }, (_, i) => i > 0);
const dash = (value: number | undefined, digits = 2) => (value === undefined ? '–' : value.toFixed(digits));

function countTable(model: ReportModel): TableSpec {
  const c = model.counts;
  const rows: [string, number][] = [
    [LABELS.received, c.received],
    [LABELS.withdrawn, c.withdrawn],
    [LABELS.excluded, c.excluded],
    [LABELS.included, c.included],
    [LABELS.analysed, c.analysed],
    [LABELS.awaiting, c.awaitingAnalysis],
    [LABELS.reviewed, c.reviewed],
  ];
  if (c.campaigns.groups > 0) rows.push([LABELS.campaigns, c.campaigns.groups]);
  return { head: [LABELS.submissions, ''], rows, numeric: [false, true] };
}

/** Who took part, three ways: each with its heading. */
function participationTables(model: ReportModel): [string, TableSpec][] {
  const p = model.participation;
  return (
    [
      [HEADINGS.byStakeholderType, LABELS.stakeholderType, p.byStakeholderType],
      [HEADINGS.byRegion, LABELS.region, p.byRegion],
      [HEADINGS.byLanguage, LABELS.language, p.byLanguage],
    ] as const
  ).map(([heading, label, list]) => [
    heading,
    {
      head: [label, LABELS.submissions, LABELS.share],
      rows: list.map((e) => [e.label, e.count, percent(e.share)]),
      numeric: [false, true, true],
    },
  ]);
}

/** The bar chart's numbers. */
function recommendationTable(model: ReportModel): TableSpec {
  return {
    head: [LABELS.recommendation, LABELS.submissions, LABELS.share, LABELS.confirmed],
    rows: model.recommendations.map((r) => [
      `${r.id} (${r.year})`,
      r.submissions,
      percent(r.share),
      r.reviewed,
    ]),
    numeric: [false, true, true, true],
  };
}

/** The heat map's numbers: stakeholder types down, recommendations across. */
function heatTable(model: ReportModel): TableSpec {
  const ids = model.recommendations.map((r) => r.id);
  return {
    head: [LABELS.stakeholderType, ...ids],
    rows: STAKEHOLDER_TYPES.map((t) => [
      STAKEHOLDER_LABELS[t],
      ...model.recommendations.map((r) => r.byStakeholderType[t]),
    ]),
    numeric: numbersAfterFirst(ids.length + 1),
  };
}

/** The heat map's colour for each cell of `heatTable`; none for the row labels. */
export function heatShades(spec: TableSpec): (row: number, column: number) => HeatLevel | undefined {
  const max = Math.max(1, ...spec.rows.flatMap((r) => r.slice(1).map(Number)));
  return (row, column) => (column === 0 ? undefined : heatLevel(Number(spec.rows[row]?.[column] ?? 0), max));
}

/** The question × recommendation matrix. */
function matrixTable(model: ReportModel): TableSpec {
  const ids = model.recommendations.map((r) => r.id);
  return {
    head: [LABELS.question, ...ids],
    rows: model.questions.map((q) => [q.id, ...ids.map((id) => q.recommendations[id] ?? 0)]),
    numeric: numbersAfterFirst(ids.length + 1),
  };
}

function modelTable(model: ReportModel): TableSpec | undefined {
  const m = model.methodology.model;
  if (!m) return undefined;
  const rows: [string, string][] = [
    [LABELS.version, m.version],
    [LABELS.trainedAt, formatMoment(m.trainedAt)],
    [LABELS.trainingExamples, m.trainingExamples.toLocaleString('en')],
    [LABELS.language, m.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join(', ')],
  ];
  if (m.evaluation)
    rows.push(
      [LABELS.macroF1, m.evaluation.macroF1.toFixed(2)],
      [LABELS.microF1, m.evaluation.microF1.toFixed(2)],
    );
  return { head: ['', ''], rows, numeric: [false, false] };
}

/** Threshold, precision, recall and F1 for each recommendation, where the model was evaluated. */
function accuracyTable(model: ReportModel): TableSpec | undefined {
  const m = model.methodology.model;
  const evaluation = m?.evaluation;
  if (!m || !evaluation) return undefined;
  return {
    head: [
      LABELS.recommendation,
      LABELS.threshold,
      LABELS.precision,
      LABELS.recall,
      LABELS.f1,
      LABELS.support,
    ],
    rows: model.recommendations.map((r) => {
      const label = evaluation.perLabel[r.id];
      return [
        r.id,
        dash(m.thresholds[r.id]),
        dash(label?.precision),
        dash(label?.recall),
        dash(label?.f1),
        label ? label.support : '–',
      ];
    }),
    numeric: numbersAfterFirst(6),
  };
}

function reviewTable(model: ReportModel): TableSpec {
  const { tags, tagVersions } = model.methodology;
  return {
    head: ['', ''],
    rows: [
      [LABELS.modelTags, tags.model],
      [LABELS.confirmedTags, tags.reviewerConfirmed],
      [LABELS.addedTags, tags.reviewerAdded],
      [LABELS.rejectedTags, tags.reviewerRejected],
      [LABELS.tagVersions, tagVersions.map((v) => `${v.version} (${v.tags})`).join(', ') || LABELS.none],
    ],
    numeric: [false, true],
  };
}

function languageTable(model: ReportModel): TableSpec {
  return {
    head: [LABELS.language, LABELS.submissions, LABELS.detected],
    rows: model.methodology.languages.map((l) => [
      LANGUAGE_NAMES[l.language] ?? l.language,
      l.submissions,
      l.detected,
    ]),
    numeric: [false, true, true],
  };
}

/** A table cell's text: numbers with thousands separators. */
export const cellText = (value: string | number) =>
  typeof value === 'number' ? value.toLocaleString('en') : value;

export function termsByLanguage(terms: DistinctiveTerm[]): [Language, DistinctiveTerm[]][] {
  const groups = new Map<Language, DistinctiveTerm[]>();
  for (const term of terms) groups.set(term.language, [...(groups.get(term.language) ?? []), term]);
  return [...groups.entries()];
}

/** A heat-map cell's colour, from white to the report's blue, and a text colour that stays legible on it. */
export interface HeatLevel {
  fill: string;
  ink: string;
}

export function heatLevel(value: number, max: number): HeatLevel {
  const t = max === 0 ? 0 : value / max;
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  const fill = `#${[mix(243, 0), mix(246, 90), mix(249, 156)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return { fill, ink: t > 0.5 ? '#ffffff' : '#1b2733' };
}

/** The named contributors grouped under their type, with the group's heading: "Member States (7)". */
export function contributorGroups(model: ReportModel): { heading: string; names: string[] }[] {
  const groups = new Map<StakeholderType, Contributor[]>();
  for (const c of model.contributors)
    groups.set(c.stakeholderType, [...(groups.get(c.stakeholderType) ?? []), c]);
  return [...groups.entries()].map(([type, list]) => ({
    heading: `${STAKEHOLDER_LABELS[type]} (${list.length})`,
    names: list.map((c) => c.organization),
  }));
}

/** Every table of the report, built once: each renderer draws the same rows. */
export function reportTables(model: ReportModel) {
  return {
    counts: countTable(model),
    participation: participationTables(model),
    recommendations: recommendationTable(model),
    heat: heatTable(model),
    matrix: matrixTable(model),
    model: modelTable(model),
    accuracy: accuracyTable(model),
    review: reviewTable(model),
    languages: languageTable(model),
  };
}
