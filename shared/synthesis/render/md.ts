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
  reportTables,
  sessionRows,
  type TableSpec,
  termsByLanguage,
} from './shared.js';

/**
 * The report as CommonMark with GitHub tables, for pasting into other documents. Every text from a
 * submission goes through `escapeMarkdown`: no character of it can open a link, a heading, a table cell,
 * an emphasis or raw HTML.
 */

// Every ASCII punctuation character CommonMark lets a backslash escape and that can start or end
// markup (including raw HTML's "<" and entities' "&"), and line breaks folded into spaces.
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&^"=:]/g, '\\$&');
}

/** Every cell escaped: a model version or a dataset name is text like any other here. */
function table(spec: TableSpec): string {
  const cell = (value: string | number) => escapeMarkdown(cellText(value));
  return [
    `| ${spec.head.map(cell).join(' | ')} |`,
    `| ${spec.head.map((_, i) => (spec.numeric[i] ? '---:' : '---')).join(' | ')} |`,
    ...spec.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

function quote(q: Quote): string {
  const credit = [
    escapeMarkdown(q.attribution),
    q.campaignSize ? `, ${SENTENCES.campaignOf(q.campaignSize)}` : '',
    q.language !== 'en' ? ` ${SENTENCES.quoteLanguage(q.language)}` : '',
  ].join('');
  return `> “${escapeMarkdown(q.text)}”\n>\n> — ${credit}`;
}

function termLines(terms: DistinctiveTerm[]): string {
  if (terms.length === 0) return `_${SENTENCES.noTerms}_`;
  return termsByLanguage(terms)
    .map(
      ([language, list]) =>
        `- ${LANGUAGE_NAMES[language]}: ${list.map((t) => escapeMarkdown(t.term)).join(', ')}`,
    )
    .join('\n');
}

export function renderMarkdown(model: ReportModel): Uint8Array {
  const tables = reportTables(model);
  const { session, counts } = model;
  const out: string[] = [];
  const push = (...blocks: string[]) => out.push(...blocks.filter((b) => b !== ''));

  push(
    `# ${TITLE}`,
    `**${session.title}**`,
    SENTENCES.subtitle(session.workingSession, session.cluster),
    sessionRows(model)
      .map(([label, value]) => `- **${label}:** ${value}`)
      .join('\n'),
  );

  push(`## ${HEADINGS.session}`, session.objective, SENTENCES.intro(counts.included, counts.analysed));
  if (counts.awaitingAnalysis > 0) push(SENTENCES.awaiting(counts.awaitingAnalysis));
  if (counts.campaigns.groups > 0)
    push(SENTENCES.campaigns(counts.campaigns.groups, counts.campaigns.submissions));
  push(table(tables.counts));

  push(`## ${HEADINGS.participation}`);
  for (const [heading, spec] of tables.participation) push(`### ${heading}`, table(spec));

  push(
    `## ${HEADINGS.recommendations}`,
    `### ${HEADINGS.chartsRecommendations}`,
    SENTENCES.chartCaption,
    table(tables.recommendations),
    `### ${HEADINGS.heatMap}`,
    SENTENCES.heatMapCaption,
    table(tables.heat),
    `_${SENTENCES.quoteConsent}_`,
  );
  for (const r of model.recommendations) {
    push(
      `### ${LABELS.recommendation} ${r.id.slice(1)} (${r.year})`,
      `> ${r.text}`,
      SENTENCES.addressed(r.submissions, r.share, r.reviewed),
    );
    if (r.campaigns.count > 0) push(SENTENCES.campaignWeight(r.campaigns.count, r.campaigns.submissions));
    if (r.submissions > 0)
      push(
        STAKEHOLDER_TYPES.filter((t) => r.byStakeholderType[t] > 0)
          .map((t) => `${STAKEHOLDER_LABELS[t]}: ${r.byStakeholderType[t]}`)
          .join(' · '),
      );
    push(`#### ${HEADINGS.terms}`, termLines(r.terms), `#### ${HEADINGS.quotes}`);
    if (r.quotes.length === 0) push(`_${SENTENCES.noQuotes}_`);
    else if (r.quotes.length < 3 && r.submissions > r.quotes.length)
      push(`_${SENTENCES.fewQuotes(r.quotes.length)}_`);
    push(...r.quotes.map(quote));
  }

  push(`## ${HEADINGS.questions}`, `### ${HEADINGS.mapping}`, table(tables.matrix));
  for (const q of model.questions) {
    push(
      `### ${LABELS.question} ${q.id.slice(1)}`,
      `> ${q.text}`,
      SENTENCES.answered(q.answers),
      `#### ${HEADINGS.keyPoints}`,
    );
    if (q.keyPoints.length === 0) push(`_${SENTENCES.noKeyPoints}_`);
    push(...q.keyPoints.map(quote));
  }

  push(`## ${HEADINGS.gaps}`, SENTENCES.gapsIntro(model.gaps.submissions));
  if (model.gaps.submissions > 0) {
    push(`### ${HEADINGS.terms}`, termLines(model.gaps.terms), `### ${HEADINGS.quotes}`);
    if (model.gaps.quotes.length === 0) push(`_${SENTENCES.noQuotes}_`);
    push(...model.gaps.quotes.map(quote));
  }

  push(`## ${HEADINGS.contributors}`);
  if (model.contributors.length === 0) push(SENTENCES.noContributors);
  else
    push(
      SENTENCES.contributorsIntro(model.contributors.length),
      ...contributorGroups(model).flatMap((group) => [
        `### ${group.heading}`,
        group.names.map((name) => `- ${escapeMarkdown(name)}`).join('\n'),
      ]),
    );

  push(`## ${HEADINGS.methodology}`, ...SENTENCES.method, `### ${HEADINGS.model}`);
  const modelSpec = tables.model;
  const accuracy = tables.accuracy;
  if (!modelSpec) push(SENTENCES.noModel);
  else {
    push(table(modelSpec), `### ${HEADINGS.accuracy}`);
    if (!accuracy) push(SENTENCES.noEvaluation);
    else
      push(
        `${LABELS.dataset}: ${escapeMarkdown(model.methodology.model?.evaluation?.dataset ?? '')}`,
        table(accuracy),
      );
  }
  push(
    `### ${HEADINGS.review}`,
    SENTENCES.reviewCoverage(model.methodology.reviewedSubmissions, counts.analysed),
    table(tables.review),
    `### ${HEADINGS.languageCoverage}`,
    table(tables.languages),
    '---',
    `_${SENTENCES.footer(formatMoment(model.generatedAt))} ${escapeMarkdown(session.title)} · ${formatDay(session.date)}_`,
  );
  return new TextEncoder().encode(`${out.join('\n\n')}\n`);
}
