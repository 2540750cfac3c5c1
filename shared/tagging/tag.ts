import type { Language } from '../consultation.js';
import { detectLanguageWithFallback } from '../language.js';
import { screen } from '../screening.js';
import type { TaggingResult } from '../stores/ports.js';
import type { Evidence, Submission, Tag } from '../submission.js';
import { isUncertain } from './calibration.js';
import type { Classifier, TextAnalysis } from './classifier.js';
import { answerText } from './corpus.js';

/** A classifier together with the version its tags carry. */
export interface VersionedClassifier {
  version: string;
  classifier: Classifier;
  /** The consultation whose recommendations it learnt; another consultation's input is not its to tag. */
  consultationId?: string;
}

/** A sentence counts as evidence where, on its own, it would more likely than not earn the recommendation. */
const EVIDENCE_PROBABILITY = 0.5;
const MAX_EVIDENCE = 3;

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The language to tag in: what the text shows where detection is sure, else what the submitter
 * chose (or intake recorded) for it.
 */
export function taggingLanguage(submission: Pick<Submission, 'answers' | 'language'>): Language {
  return detectLanguageWithFallback(answerText(submission), submission.language).language;
}

/**
 * The model's tags for a submission's answers. Each answer is analysed on its own; a
 * recommendation is tagged where its best answer earns it (its probability reaches the threshold
 * and the model does not abstain on that answer), and the tag
 * names that answer's question. Its evidence is the sentences of the passage that earned the
 * score, best first; a probability in the model's uncertain band marks the tag `uncertain`.
 */
export function modelTags(
  { classifier, version }: VersionedClassifier,
  answers: Record<string, string>,
  language: Language,
): Tag[] {
  const analyses = Object.entries(answers).map(([questionId, text]) => ({
    questionId,
    analysis: classifier.analyse(text, language),
  }));
  const tags: Tag[] = [];
  for (const label of classifier.labels) {
    // An answer the model abstains on (an advert, a complaint about the form) earns nothing.
    const best = analyses
      .filter((a) => classifier.earns(a.analysis, label))
      .reduce<(typeof analyses)[number] | undefined>(
        (top, a) => (top && (top.analysis.scores[label] ?? 0) >= (a.analysis.scores[label] ?? 0) ? top : a),
        undefined,
      );
    if (!best) continue;
    const score = best.analysis.scores[label] ?? 0;
    tags.push({
      recommendationId: label,
      score: round3(score),
      questionId: best.questionId,
      evidence: evidenceFor(classifier, label, best.questionId, best.analysis),
      modelVersion: version,
      source: 'model',
      ...(isUncertain(score, classifier.uncertainBand) ? { uncertain: true } : {}),
    });
  }
  return tags;
}

/** The winning passage's sentences that lean towards the label on their own, strongest first; at least one. */
function evidenceFor(
  classifier: Classifier,
  label: string,
  questionId: string,
  analysis: TextAnalysis,
): Evidence[] {
  const passage = analysis.passages[analysis.best[label] ?? 0];
  const candidates = (passage?.sentences ?? []).map((span) => ({
    questionId,
    ...span,
    score: round3(classifier.sentenceScore(analysis.sentenceTerms.get(span) ?? [], label)),
  }));
  candidates.sort((a, b) => b.score - a.score || a.start - b.start);
  const strong = candidates.filter((c) => c.score >= EVIDENCE_PROBABILITY).slice(0, MAX_EVIDENCE);
  return strong.length > 0 ? strong : candidates.slice(0, 1);
}

/**
 * What a tagging pass writes for one submission. A reviewer's decision is final: their tags are
 * carried over as they are, the model proposes nothing for a recommendation they tagged or
 * rejected, and a reviewed or excluded submission keeps its status.
 */
export function taggingResult(submission: Submission, model: VersionedClassifier, at: Date): TaggingResult {
  const language = taggingLanguage(submission);
  const reviewerTags = submission.tags.filter((tag) => tag.source === 'reviewer');
  const decided = new Set([
    ...reviewerTags.map((tag) => tag.recommendationId),
    ...(submission.rejectedTags ?? []),
  ]);
  const fresh = modelTags(model, submission.answers, language).filter(
    (tag) => !decided.has(tag.recommendationId),
  );
  const tags = [...reviewerTags, ...fresh];
  return {
    tags,
    modelVersion: model.version,
    taggedAt: at.toISOString(),
    language,
    status:
      submission.status === 'reviewed' || submission.status === 'excluded' ? submission.status : 'tagged',
    screening: screen(submission.answers, tags.length > 0),
  };
}
