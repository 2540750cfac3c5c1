import type { Consultation } from '../consultation.js';
import { regionOf } from '../countries.js';
import { stripInvisible } from '../invisible.js';
import type { StoredSubmission } from '../stores/ports.js';
import type { Submission } from '../submission.js';
import type { Role } from './model.js';
import { asSeenBy, type VisibleSubmission } from './visibility.js';

/**
 * Exports of the triage list as filtered on screen, for the secretariat: CSV for spreadsheets and
 * JSON for scripts, each record as the role may see it (asSeenBy): contact data for admins only.
 */
export function exportRecord(s: StoredSubmission, role: Role) {
  if (s.status === 'withdrawn') {
    const { id, submittedAt, status, withdrawnAt } = s;
    return { id, submittedAt, status, withdrawnAt };
  }
  return liveRecord(s as Submission, role);
}

function liveRecord(live: Submission, role: Role) {
  const seen = asSeenBy(role, live) as VisibleSubmission;
  const { contactName, email, ...public_ } = seen.stakeholder;
  return {
    id: live.id,
    submittedAt: live.submittedAt,
    status: live.status,
    language: live.language,
    stakeholder: {
      ...public_,
      region: regionOf(live.stakeholder.country),
      ...(email !== undefined ? { contactName, email } : {}),
    },
    consent: live.consent,
    answers: seen.answers,
    tags: live.tags.map(({ recommendationId, score, source, modelVersion, questionId }) => ({
      recommendationId,
      score,
      source,
      modelVersion,
      questionId,
    })),
    rejectedTags: live.rejectedTags ?? [],
    exclusionReason: live.exclusionReason ?? null,
    reviewNote: live.reviewNote ?? null,
    reviewedBy: live.reviewedBy ?? null,
    reviewedAt: live.reviewedAt ?? null,
    campaign: live.campaign ?? null,
  };
}

/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return that
 * hides one) as a formula: a submitter could make a reviewer's spreadsheet fetch a URL or run a command.
 * A leading apostrophe makes it text.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A cell never carries bidi controls or zero-width characters: a spreadsheet would show them as they trick. */
function csvCell(value: string): string {
  return `"${neutraliseCell(stripInvisible(value)).replaceAll('"', '""')}"`;
}

export function toCsv(
  submissions: readonly StoredSubmission[],
  consultation: Consultation,
  role: Role,
): string {
  const questions = consultation.questions.map((q) => q.id);
  const header = [
    'id',
    'submittedAt',
    'status',
    'language',
    'organization',
    'stakeholderType',
    'country',
    'region',
    ...(role === 'admin' ? ['contactName', 'email'] : []),
    'consentQuote',
    'consentAttribution',
    ...questions.map((q) => `answer${q}`),
    'tags',
    'rejectedTags',
    'exclusionReason',
    'reviewNote',
    'reviewedBy',
    'reviewedAt',
    'campaignGroup',
    'campaignSize',
  ];
  const rows = submissions.map((s) => {
    if (s.status === 'withdrawn') return [s.id, s.submittedAt, s.status, ...header.slice(3).map(() => '')];
    const r = liveRecord(s as Submission, role);
    const contact = r.stakeholder as { contactName?: string; email?: string };
    return [
      r.id,
      r.submittedAt,
      r.status,
      r.language,
      r.stakeholder.organization,
      r.stakeholder.type,
      r.stakeholder.country,
      r.stakeholder.region,
      ...(role === 'admin' ? [contact.contactName ?? '', contact.email ?? ''] : []),
      String(r.consent.quote),
      String(r.consent.attribution),
      ...questions.map((q) => r.answers[q] ?? ''),
      r.tags.map((t) => `${t.recommendationId}:${t.source}:${t.score.toFixed(2)}`).join('; '),
      r.rejectedTags.join('; '),
      r.exclusionReason ?? '',
      r.reviewNote ?? '',
      r.reviewedBy ?? '',
      r.reviewedAt ?? '',
      r.campaign?.groupId ?? '',
      r.campaign ? String(r.campaign.size) : '',
    ];
  });
  // The byte-order mark makes spreadsheet programs read the file as UTF-8.
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
