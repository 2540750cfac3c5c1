import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Consultation, LANGUAGES, type Language } from '../consultation.js';
import { detectLanguage } from '../language.js';
import type { SubmissionStore } from '../stores/ports.js';
import type { Submission } from '../submission.js';
import type { TrainingExample } from './classifier.js';

/** A labelled text, as the training and validation files hold it (other fields are ignored). */
export interface LabelledText extends TrainingExample {
  id: string;
  /** Set where the file said the language: only those texts can measure language detection. */
  languageGiven?: true;
  /**
   * The source document an adapted example paraphrases: examples of one group are near-duplicates
   * in content, so cross-validation must keep a group inside one fold.
   */
  group?: string;
}

const lineSchema = z.looseObject({
  id: z.string().min(1),
  text: z.string(),
  labels: z.array(z.string()),
  language: z.enum(LANGUAGES).optional(),
  /** Where an adapted example comes from (a public page) and which source document it belongs to. */
  source: z.url().optional(),
  group: z.string().min(1).optional(),
});

/**
 * Reads JSONL: one `{"id", "text", "labels"}` a line, `language` optional (detected from the text
 * where missing, English where the text is too short to tell); adapted examples add `source` (the
 * page's URL) and `group`. A bad line stops the read with its file and line number; a label the
 * consultation does not have is such a bad line too.
 */
export function parseLabelledJsonl(
  content: string,
  source: string,
  labels: readonly string[],
): LabelledText[] {
  const items: LabelledText[] = [];
  content.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${source}:${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not JSON (${(error as Error).message})`);
    }
    const parsed = lineSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`);
      throw new Error(`${where}: ${problems.join('; ')}`);
    }
    const unknown = parsed.data.labels.filter((label) => !labels.includes(label));
    if (unknown.length > 0)
      throw new Error(`${where}: unknown label ${unknown.join(', ')} (known: ${labels.join(', ')})`);
    const { id, text, group } = parsed.data;
    const language = parsed.data.language ?? detectLanguage(text) ?? 'en';
    items.push({
      id,
      text,
      labels: [...new Set(parsed.data.labels)],
      language,
      ...(group ? { group } : {}),
      ...(parsed.data.language ? { languageGiven: true as const } : {}),
    });
  });
  return items;
}

export async function readLabelledFile(path: string, labels: readonly string[]): Promise<LabelledText[]> {
  return parseLabelledJsonl(await readFile(path, 'utf8'), path, labels);
}

/**
 * Where the fixtures are: beside the code in the repository; in a Lambda bundle, copied into the
 * function's root (LAMBDA_TASK_ROOT), since a bundle holds code, not data files.
 */
export const FIXTURES_DIR = process.env.LAMBDA_TASK_ROOT
  ? join(process.env.LAMBDA_TASK_ROOT, 'fixtures')
  : fileURLToPath(new URL('../../fixtures/', import.meta.url));

export const VALIDATION_FILE = join(FIXTURES_DIR, 'validation', 'validation.jsonl');
/** Written apart from the training data; only ever measured on, never used to choose. */
export const INDEPENDENT_FILE = join(FIXTURES_DIR, 'validation', 'independent.jsonl');

export const recommendationIds = (consultation: Consultation) =>
  consultation.recommendations.map((r) => r.id);

/** Every `fixtures/training/*.jsonl`, in name order, so that the same files give the same model. */
export async function readTrainingFixtures(
  consultation: Consultation,
  directory = join(FIXTURES_DIR, 'training'),
): Promise<LabelledText[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.jsonl')).sort();
  if (files.length === 0) throw new Error(`no training files (*.jsonl) in ${directory}`);
  const labels = recommendationIds(consultation);
  const sets = await Promise.all(files.map((name) => readLabelledFile(join(directory, name), labels)));
  return sets.flat();
}

/** The recommendations' own wording, in each language the consultation publishes: the plainest example of each. */
export function recommendationExamples(consultation: Consultation): LabelledText[] {
  return consultation.recommendations.flatMap((recommendation) =>
    LANGUAGES.flatMap((language: Language) => {
      const text = recommendation.text[language];
      return text
        ? [{ id: `${recommendation.id}-${language}`, text, labels: [recommendation.id], language }]
        : [];
    }),
  );
}

/**
 * What reviewers decided, as training examples: every live submission a reviewer reviewed or
 * tagged, its answers as one text, labelled with the reviewer's tags only (a model tag nobody
 * confirmed teaches nothing). Reviewed with no reviewer tag means "none of the eight": a negative.
 * Excluded submissions are left out: spam teaches "none", but a duplicate would teach it wrongly.
 */
export async function readReviewerExamples(
  store: SubmissionStore,
  consultation: Consultation,
): Promise<LabelledText[]> {
  const examples: LabelledText[] = [];
  for await (const page of store.listByConsultation(consultation.id)) {
    for (const stored of page) {
      if (stored.status === 'withdrawn' || stored.status === 'excluded') continue;
      const submission = stored as Submission;
      const decided = submission.tags.filter((tag) => tag.source === 'reviewer');
      if (submission.status !== 'reviewed' && decided.length === 0) continue;
      examples.push({
        id: submission.id,
        text: answerText(submission),
        labels: [...new Set(decided.map((tag) => tag.recommendationId))].sort(),
        language: submission.language,
      });
    }
  }
  return examples.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A submission's answers as one text, paragraphs apart, in question order. */
export function answerText(submission: Pick<Submission, 'answers'>): string {
  return Object.keys(submission.answers)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((id) => submission.answers[id])
    .join('\n\n');
}
