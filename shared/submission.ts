import { z } from 'zod';
import { type Consultation, LANGUAGES, type Language } from './consultation.js';
import { isCountryCode } from './countries.js';
import type { DocumentAnswers, DocumentRef, Extraction } from './documents/model.js';
import { stripInvisible } from './invisible.js';
import type { Screening } from './screening.js';

export const STAKEHOLDER_TYPES = [
  'member_state',
  'local_authority',
  'civil_society',
  'private_sector',
  'academia',
  'international_organization',
  'diaspora',
  'media',
  'other',
] as const;
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];

export const SUBMISSION_STATUSES = ['received', 'tagged', 'reviewed', 'excluded', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const LIMITS = {
  answerChars: 10_000,
  organizationChars: 200,
  contactNameChars: 120,
  emailChars: 254,
  bodyBytes: 100 * 1024,
} as const;

// C0 and C1 control characters other than tab, line feed and carriage return: they have no place
// in prose and are a classic way to smuggle content past a reader or a CSV export.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Text a person typed: well-formed Unicode, no control characters, NFC, trimmed, bounded. */
export function userText(max: number) {
  return z
    .string()
    .refine((s) => s.isWellFormed(), { message: 'invalid_unicode', abort: true })
    .refine((s) => !CONTROL_CHARACTERS.test(s), { message: 'control_characters', abort: true })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max));
}

/** A name: typed text without the invisible characters that would let it pass for another (invisible.ts). */
function nameText(max: number) {
  return userText(max)
    .transform((s) => stripInvisible(s).trim())
    .pipe(z.string().max(max));
}

const stakeholderSchema = z.strictObject({
  organization: nameText(LIMITS.organizationChars).pipe(z.string().min(1)),
  contactName: nameText(LIMITS.contactNameChars).optional(),
  email: z.string().trim().max(LIMITS.emailChars).pipe(z.email()),
  type: z.enum(STAKEHOLDER_TYPES),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => isCountryCode(code), { message: 'country_code' }),
});

const consentSchema = z.strictObject({
  quote: z.boolean(),
  attribution: z.boolean(),
});

const schemaCache = new WeakMap<Consultation, ReturnType<typeof buildSubmissionInputSchema>>();

/** An upload's id as POST /uploads issued it: 128 random bits, base64url. */
export const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

function buildSubmissionInputSchema(questionIds: readonly string[]) {
  const answers = z
    .strictObject(Object.fromEntries(questionIds.map((id) => [id, userText(LIMITS.answerChars).optional()])))
    .transform((all) => {
      const kept: Record<string, string> = {};
      for (const [id, text] of Object.entries(all)) if (text) kept[id] = text;
      return kept;
    });

  return z
    .strictObject({
      stakeholder: stakeholderSchema,
      language: z.enum(LANGUAGES).optional(),
      // A document may stand in for typed answers: then answers may be left out.
      answers: answers.optional().transform((kept) => kept ?? {}),
      document: z.strictObject({ uploadId: z.string().regex(UPLOAD_ID_PATTERN) }).optional(),
      consent: consentSchema,
    })
    .refine((input) => Object.keys(input.answers ?? {}).length > 0 || input.document !== undefined, {
      path: ['answers'],
      message: 'answer_required',
      // Checked even when other fields are wrong, so that a form shows every problem at once.
      when: (payload) =>
        typeof payload.value === 'object' &&
        payload.value !== null &&
        !payload.issues.some((issue) => issue.path?.[0] === 'answers' || issue.path?.[0] === 'document'),
    });
}

/** The body a stakeholder posts, for one consultation: its answer keys are that consultation's questions. */
export function submissionInputSchema(consultation: Consultation) {
  let schema = schemaCache.get(consultation);
  if (!schema) {
    schema = buildSubmissionInputSchema(consultation.questions.map((q) => q.id));
    schemaCache.set(consultation, schema);
  }
  return schema;
}

export type SubmissionInput = z.output<ReturnType<typeof submissionInputSchema>>;
export type Stakeholder = SubmissionInput['stakeholder'];
export type Consent = SubmissionInput['consent'];

/** A passage of an answer: which question, and where in its text. */
export interface Evidence {
  questionId: string;
  start: number;
  end: number;
  text: string;
  score: number;
}

/** A recommendation a submission addresses, as the model saw it or a reviewer decided. */
export interface Tag {
  recommendationId: string;
  score: number;
  questionId: string;
  evidence: Evidence[];
  modelVersion: string;
  source: 'model' | 'reviewer';
  /** The model's probability fell in its uncertain band: a reviewer should decide (triage's "needs a look"). */
  uncertain?: boolean;
}

export const EXCLUSION_REASONS = ['spam', 'duplicate', 'off_topic', 'abusive'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** The model version a reviewer-added tag carries: the model never proposed it, so it has no score of its own. */
export const REVIEWER_ADDED = 'reviewer';

/** What the secretariat decided about a submission; absent until a reviewer acts. */
export interface ReviewState {
  /** Why an excluded submission is left out of the report. */
  exclusionReason?: ExclusionReason;
  reviewNote?: string;
  reviewedBy?: string;
  reviewedAt?: string;
  /** Recommendations the model proposed and a reviewer rejected: the tagger must never add them again. */
  rejectedTags?: string[];
  /** The last secretariat change's audit entry: the head of the chain that tells applied entries from orphans. */
  lastAuditId?: string;
}

export interface Submission extends ReviewState {
  id: string;
  consultationId: string;
  stakeholder: Stakeholder;
  language: Language;
  /** Whether the submitter chose the language or the intake detected it. */
  languageSource: 'declared' | 'detected';
  answers: Record<string, string>;
  consent: Consent;
  submittedAt: string;
  updatedAt: string;
  status: SubmissionStatus;
  version: number;
  tags: Tag[];
  taggedAt?: string;
  modelVersion?: string;
  /** Signs of an advert or off-topic text, found when tagged: flagged ones wait for a reviewer. */
  screening?: Screening;
  withdrawnAt?: string;
  /** Set by a reviewer on near-identical submissions: the report counts a campaign once, with its size. */
  campaign?: { groupId: string; size: number };
  /** The document sent with the submission, as intake found it in the store. */
  document?: DocumentRef;
  /** Set when the tagger starts reading the document: a pass that dies on it leaves this mark behind. */
  extractionStartedAt?: string;
  extraction?: Extraction;
  /** Which parts of `answers` came from the document. */
  documentAnswers?: DocumentAnswers;
}

/**
 * What is left of a withdrawn submission: enough to show the submitter it is gone, nothing they
 * wrote and nothing the secretariat noted about it. A store keeps these fields and drops all others.
 */
export const TOMBSTONE_FIELDS = [
  'id',
  'consultationId',
  'submittedAt',
  'updatedAt',
  'status',
  'version',
  'withdrawnAt',
] as const satisfies readonly (keyof Submission)[];
export type Tombstone = Pick<Submission, (typeof TOMBSTONE_FIELDS)[number]>;

/** The answers as the submitter typed them: text read from their document is left out. */
export function typedAnswers(
  submission: Pick<Submission, 'answers' | 'documentAnswers'>,
): Record<string, string> {
  const starts = submission.documentAnswers?.starts ?? {};
  const typed: Record<string, string> = {};
  for (const [key, text] of Object.entries(submission.answers)) {
    const own = (starts[key] === undefined ? text : text.slice(0, starts[key])).trim();
    if (own) typed[key] = own;
  }
  return typed;
}

/** What the submitter sees with their receipt: what they sent and where it stands, not the working tags. */
export function ownerView(submission: Submission | Tombstone) {
  if (submission.status === 'withdrawn') {
    const { id, consultationId, submittedAt, status, withdrawnAt } = submission;
    return { id, consultationId, submittedAt, status, withdrawnAt };
  }
  const s = submission as Submission;
  return {
    id: s.id,
    consultationId: s.consultationId,
    stakeholder: s.stakeholder,
    language: s.language,
    answers: typedAnswers(s),
    ...(s.document
      ? {
          document: {
            filename: s.document.filename,
            contentType: s.document.contentType,
            size: s.document.size,
          },
        }
      : {}),
    consent: s.consent,
    submittedAt: s.submittedAt,
    status: s.status,
  };
}
export type OwnerView = ReturnType<typeof ownerView>;
