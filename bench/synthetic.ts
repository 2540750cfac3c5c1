import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from 'ulid';
import type { Consultation, Language } from '../shared/consultation.js';
import { COUNTRY_CODES, regionOf } from '../shared/countries.js';
import {
  REVIEWER_ADDED,
  STAKEHOLDER_TYPES,
  type StakeholderType,
  type Submission,
  type Tag,
} from '../shared/submission.js';
import { seededRandom } from '../shared/synthesis/bounded.js';
import { sentences } from '../shared/tagging/text.js';

/**
 * Synthetic tagged submissions for measuring the report at scale: answers drawn from the labelled
 * training texts (so the tags fit the words), every field a real submission has, including the
 * private ones a report must never show, and a realistic mix of statuses, consents and campaigns.
 */

interface Labelled {
  text: string;
  labels: string[];
  language: Language;
  voice: string;
}

function readCorpus(): Labelled[] {
  const folder = join(import.meta.dirname, '..', 'fixtures', 'training');
  const files = ['en-r1-r4.jsonl', 'en-r5-r8.jsonl', 'en-negative.jsonl', 'fr.jsonl', 'es.jsonl'];
  return files.flatMap((file) =>
    readFileSync(join(folder, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as Labelled),
  );
}

const ORGANISATIONS = 2_000;
const PEOPLED_COUNTRIES = COUNTRY_CODES.filter((code) => regionOf(code) !== 'Antarctica');

export function* syntheticSubmissions(
  consultation: Consultation,
  count: number,
  seed = 1,
): Generator<Submission> {
  const corpus = readCorpus();
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const questions = consultation.questions.map((q) => q.id);
  const start = Date.parse(consultation.submissionWindow.opensAt);

  for (let i = 0; i < count; i++) {
    const source = pick(corpus);
    const type: StakeholderType = (STAKEHOLDER_TYPES as readonly string[]).includes(source.voice)
      ? (source.voice as StakeholderType)
      : 'civil_society';
    const questionId = pick(questions);
    const second = random() < 0.4 ? pick(corpus.filter((c) => c.language === source.language)) : undefined;
    const otherQuestion = questions.find((q) => q !== questionId) as string;
    const answers: Record<string, string> = { [questionId]: source.text };
    if (second) answers[otherQuestion] = second.text;
    const at = new Date(start + i * 1000).toISOString();
    const roll = random();
    const status: Submission['status'] =
      roll < 0.03 ? 'excluded' : roll < 0.25 ? 'reviewed' : roll < 0.95 ? 'tagged' : 'received';

    const tagsFor = (text: string, labels: string[], q: string): Tag[] =>
      labels.map((recommendationId) => {
        const spans = sentences(text, source.language);
        const evidence = spans.slice(0, 2).map((s) => ({ questionId: q, ...s, score: 0.5 + random() / 2 }));
        const reviewer = status === 'reviewed';
        return {
          recommendationId,
          score: evidence[0]?.score ?? 0.6,
          questionId: q,
          evidence,
          modelVersion: reviewer && random() < 0.1 ? REVIEWER_ADDED : 'synthetic-1',
          source: reviewer ? 'reviewer' : 'model',
        } satisfies Tag;
      });
    const tags =
      status === 'received'
        ? []
        : [
            ...tagsFor(source.text, source.labels, questionId),
            ...(second ? tagsFor(second.text, second.labels, otherQuestion) : []),
          ];
    const organisation = Math.floor(random() * ORGANISATIONS);
    const campaign = random() < 0.02 ? { groupId: `campaign-${organisation % 7}`, size: 40 } : undefined;

    yield {
      id: ulid(start + i * 1000),
      consultationId: consultation.id,
      stakeholder: {
        organization: `Organisation ${organisation}`,
        contactName: `Contact Person ${i}`,
        email: `person${i}@example.org`,
        type,
        country: pick(PEOPLED_COUNTRIES),
      },
      language: source.language,
      languageSource: random() < 0.3 ? 'detected' : 'declared',
      answers,
      consent: { quote: random() < 0.75, attribution: random() < 0.55 },
      submittedAt: at,
      updatedAt: at,
      status,
      version: 2,
      tags,
      ...(status !== 'received' ? { taggedAt: at, modelVersion: 'synthetic-1' } : {}),
      ...(campaign ? { campaign } : {}),
    };
  }
}
