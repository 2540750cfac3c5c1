import { findPhones } from './redaction.js';
import type { Submission, SubmissionStatus } from './submission.js';

/**
 * Plain signs that a submission is an advert or off-topic, found when it is tagged: such a
 * submission is flagged for a reviewer and stays out of the report's analysis (themes, gaps,
 * contributors, quotes) until a reviewer includes it by reviewing it.
 *
 * The signals are deliberately simple and visible to the reviewer (the triage list names them):
 * a flag asks for a look, it never excludes anything by itself.
 */
export const SIGNALS = ['advert', 'link', 'phone', 'capitals', 'no_recommendation'] as const;
export type Signal = (typeof SIGNALS)[number];

export interface Screening {
  flagged: boolean;
  signals: Signal[];
}

const LINK = /\bhttps?:\/\/|\bwww\.[\p{L}\p{N}-]+\.|\b[\p{L}\p{N}-]+\.(?:com|net|biz|info|xyz|top)\b/iu;

/** Words of adverts and scams, in the consultation's three languages, matched on folded text. */
const ADVERT_WORDS = [
  // English
  'guaranteed visa',
  'guaranteed work visa',
  'visa guaranteed',
  '100% guaranteed',
  'whatsapp',
  'telegram',
  'call now',
  'contact us now',
  'limited offer',
  'special offer',
  'no experience needed',
  'earn money',
  'fast processing',
  'click here',
  'buy now',
  // French
  'visa garanti',
  'garantie de visa',
  'offre speciale',
  'offre limitee',
  'appelez maintenant',
  'contactez-nous vite',
  'cliquez ici',
  'gagnez de l argent',
  // Spanish
  'visa garantizada',
  'visado garantizado',
  'oferta especial',
  'oferta limitada',
  'llame ahora',
  'haga clic aqui',
  'gane dinero',
  'sin experiencia',
];

const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[''`]/g, ' ').replace(/\s+/g, ' ');

/** Most letters in capitals over a stretch long enough to be shouting rather than an acronym. */
function shouts(text: string): boolean {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  const capital = words.filter((w) => w === w.toLocaleUpperCase('en') && w !== w.toLocaleLowerCase('en'));
  return capital.length >= 3 && capital.length / Math.max(words.length, 1) >= 0.3;
}

/** The signals a text shows. `tagged` is whether the model found any recommendation in it. */
export function signalsOf(text: string, tagged: boolean): Signal[] {
  const folded = fold(text);
  const found: Signal[] = [];
  if (ADVERT_WORDS.some((w) => folded.includes(w))) found.push('advert');
  if (LINK.test(text)) found.push('link');
  // The same numbers the report redacts from quotes.
  if (findPhones(text).length > 0) found.push('phone');
  if (shouts(text)) found.push('capitals');
  if (!tagged) found.push('no_recommendation');
  return found;
}

/**
 * Flagged: advert words alone, or two other signals together. One link or one number in an
 * organisation's answer is ordinary; a gap (no recommendation) is what the report is looking for.
 */
export function screen(answers: Record<string, string>, tagged: boolean): Screening {
  const signals = signalsOf(Object.values(answers).join('\n'), tagged);
  const flagged = signals.includes('advert') || signals.length >= 2;
  return { flagged, signals };
}

/** The screening of a submission: as the tagger stored it, or worked out now for one tagged before. */
export function screeningOf(submission: Pick<Submission, 'screening' | 'answers' | 'tags'>): Screening {
  return submission.screening ?? screen(submission.answers, submission.tags.length > 0);
}

/**
 * Who may be quoted and named in a report. `reviewed` (the default): only what a reviewer has
 * reviewed and not excluded. `tagged`: also tagged submissions not flagged as likely spam.
 */
export const QUOTE_POLICIES = ['reviewed', 'tagged'] as const;
export type QuotePolicy = (typeof QUOTE_POLICIES)[number];

/** A reviewer included it: reviewed, not excluded. */
export const isReviewed = (status: SubmissionStatus) => status === 'reviewed';

/** Flagged and not yet looked at: held back from the analysis until a reviewer includes it. */
export function heldBack(submission: Pick<Submission, 'status' | 'screening' | 'answers' | 'tags'>): boolean {
  return !isReviewed(submission.status) && screeningOf(submission).flagged;
}

/** Whether the report may quote or name this submission (consent is checked besides). */
export function quotable(
  submission: Pick<Submission, 'status' | 'screening' | 'answers' | 'tags'>,
  policy: QuotePolicy,
): boolean {
  if (isReviewed(submission.status)) return true;
  return policy === 'tagged' && submission.status === 'tagged' && !heldBack(submission);
}
