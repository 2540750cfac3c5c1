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
  contributorGroups,
  countRows,
  modelRows,
  reviewRows,
  sessionRows,
  termsByLanguage,
} from './shared.js';

/**
 * The report as CommonMark with GitHub tables, for pasting into other documents. Every text from a
 * submission goes through `escape`: no character of it can open a link, a heading, a table cell,
 * an emphasis or raw HTML.
 */

// Every ASCII punctuation character CommonMark lets a backslash escape and that can start or end
// markup (including raw HTML's "<" and entities' "&"), and line breaks folded into spaces.
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&^"=:]/g, '\\$&');
}

function table(head: string[], rows: (string | number)[][], numeric: boolean[] = []): string {
  const cell = (value: string | number) => (typeof value === 'number' ? value.toLocaleString('en') : value);
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (numeric[i] ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
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
  push(table([LABELS.submissions, ''], countRows(model), [false, true]));

  push(`## ${HEADINGS.participation}`);
  for (const [heading, label, list] of [
    [HEADINGS.byStakeholderType, LABELS.stakeholderType, model.participation.byStakeholderType],
    [HEADINGS.byRegion, LABELS.region, model.participation.byRegion],
    [HEADINGS.byLanguage, LABELS.language, model.participation.byLanguage],
  ] as const)
    push(
      `### ${heading}`,
      table(
        [label, LABELS.submissions, LABELS.share],
        list.map((e) => [e.label, e.count, percent(e.share)]),
        [false, true, true],
      ),
    );

  push(
    `## ${HEADINGS.recommendations}`,
    `### ${HEADINGS.chartsRecommendations}`,
    SENTENCES.chartCaption,
    table(
      [LABELS.recommendation, LABELS.submissions, LABELS.share, LABELS.confirmed],
      model.recommendations.map((r) => [`${r.id} (${r.year})`, r.submissions, percent(r.share), r.reviewed]),
      [false, true, true, true],
    ),
    `### ${HEADINGS.heatMap}`,
    SENTENCES.heatMapCaption,
    table(
      [LABELS.stakeholderType, ...model.recommendations.map((r) => r.id)],
      STAKEHOLDER_TYPES.map((t) => [
        STAKEHOLDER_LABELS[t],
        ...model.recommendations.map((r) => r.byStakeholderType[t]),
      ]),
      [false, ...model.recommendations.map(() => true)],
    ),
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

  push(
    `## ${HEADINGS.questions}`,
    `### ${HEADINGS.mapping}`,
    table(
      [LABELS.question, ...model.recommendations.map((r) => r.id)],
      model.questions.map((q) => [q.id, ...model.recommendations.map((r) => q.recommendations[r.id] ?? 0)]),
      [false, ...model.recommendations.map(() => true)],
    ),
  );
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
  const manifest = model.methodology.model;
  if (!manifest) push(SENTENCES.noModel);
  else {
    push(table(['', ''], modelRows(model)), `### ${HEADINGS.accuracy}`);
    const evaluation = manifest.evaluation;
    if (!evaluation) push(SENTENCES.noEvaluation);
    else
      push(
        `${LABELS.dataset}: ${escapeMarkdown(evaluation.dataset)}`,
        table(
          [
            LABELS.recommendation,
            LABELS.threshold,
            LABELS.precision,
            LABELS.recall,
            LABELS.f1,
            LABELS.support,
          ],
          model.recommendations.map((r) => {
            const label = evaluation.perLabel[r.id];
            const threshold = manifest.thresholds[r.id];
            return [
              r.id,
              threshold === undefined ? '–' : threshold.toFixed(2),
              label ? label.precision.toFixed(2) : '–',
              label ? label.recall.toFixed(2) : '–',
              label ? label.f1.toFixed(2) : '–',
              label ? label.support : '–',
            ];
          }),
          [false, true, true, true, true, true],
        ),
      );
  }
  push(
    `### ${HEADINGS.review}`,
    SENTENCES.reviewCoverage(model.methodology.reviewedSubmissions, counts.analysed),
    table(['', ''], reviewRows(model), [false, true]),
    `### ${HEADINGS.languageCoverage}`,
    table(
      [LABELS.language, LABELS.submissions, LABELS.detected],
      model.methodology.languages.map((l) => [
        LANGUAGE_NAMES[l.language] ?? l.language,
        l.submissions,
        l.detected,
      ]),
      [false, true, true],
    ),
    '---',
    `_${SENTENCES.footer(formatMoment(model.generatedAt))} ${escapeMarkdown(session.title)} · ${formatDay(session.date)}_`,
  );
  return new TextEncoder().encode(`${out.join('\n\n')}\n`);
}
