import type { Language } from '../../consultation.js';
import type { StakeholderType } from '../../submission.js';
import type { Contributor, DistinctiveTerm, ReportModel } from '../model.js';
import { formatDay, formatMoment, LABELS, LANGUAGE_NAMES, STAKEHOLDER_LABELS } from '../wording.js';

/** Rows and scales every renderer shows alike, so that the five formats cannot disagree. */

export function sessionRows(model: ReportModel): [string, string][] {
  return [
    [LABELS.date, formatDay(model.session.date)],
    [LABELS.venue, model.session.venue],
    [LABELS.cutoff, formatMoment(model.cutoff)],
    [LABELS.generated, formatMoment(model.generatedAt)],
  ];
}

export function countRows(model: ReportModel): [string, number][] {
  const c = model.counts;
  return [
    [LABELS.received, c.received],
    [LABELS.withdrawn, c.withdrawn],
    [LABELS.excluded, c.excluded],
    [LABELS.included, c.included],
    [LABELS.analysed, c.analysed],
    [LABELS.awaiting, c.awaitingAnalysis],
    [LABELS.reviewed, c.reviewed],
    ...(c.campaigns.groups > 0 ? ([[LABELS.campaigns, c.campaigns.groups]] as [string, number][]) : []),
  ];
}

export function modelRows(model: ReportModel): [string, string][] {
  const m = model.methodology.model;
  if (!m) return [];
  return [
    [LABELS.version, m.version],
    [LABELS.trainedAt, formatMoment(m.trainedAt)],
    [LABELS.trainingExamples, m.trainingExamples.toLocaleString('en')],
    [LABELS.language, m.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join(', ')],
    ...(m.evaluation
      ? ([
          [LABELS.macroF1, m.evaluation.macroF1.toFixed(2)],
          [LABELS.microF1, m.evaluation.microF1.toFixed(2)],
        ] as [string, string][])
      : []),
  ];
}

export function reviewRows(model: ReportModel): [string, string][] {
  const { tags, tagVersions } = model.methodology;
  return [
    [LABELS.modelTags, tags.model.toLocaleString('en')],
    [LABELS.confirmedTags, tags.reviewerConfirmed.toLocaleString('en')],
    [LABELS.addedTags, tags.reviewerAdded.toLocaleString('en')],
    [LABELS.rejectedTags, tags.reviewerRejected.toLocaleString('en')],
    [LABELS.tagVersions, tagVersions.map((v) => `${v.version} (${v.tags})`).join(', ') || LABELS.none],
  ];
}

export function termsByLanguage(terms: DistinctiveTerm[]): [Language, DistinctiveTerm[]][] {
  const groups = new Map<Language, DistinctiveTerm[]>();
  for (const term of terms) groups.set(term.language, [...(groups.get(term.language) ?? []), term]);
  return [...groups.entries()];
}

/** A heat-map cell's colour, from white to the report's blue, and a text colour that stays legible on it. */
export function heatLevel(
  value: number,
  max: number,
): { fill: string; ink: string; rgb: [number, number, number] } {
  const t = max === 0 ? 0 : value / max;
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  const rgb: [number, number, number] = [mix(243, 0), mix(246, 90), mix(249, 156)];
  const fill = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return { fill, ink: t > 0.5 ? '#ffffff' : '#1b2733', rgb };
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
