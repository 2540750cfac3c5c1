import { type Consultation, LANGUAGES, type Language } from '../consultation.js';
import { regionOf } from '../countries.js';
import { format } from '../http/i18n/index.js';
import { reportEn } from '../http/i18n/report-en.js';
import { redact } from '../redaction.js';
import { type Agreement, AgreementCounter } from '../review/dashboard.js';
import { heldBack, quotable as mayQuote, type QuotePolicy } from '../screening.js';
import type { Coverage, ModelManifest, StoredSubmission } from '../stores/ports.js';
import {
  REVIEWER_ADDED,
  STAKEHOLDER_TYPES,
  type StakeholderType,
  type Submission,
  type Tag,
} from '../submission.js';
import { sentences } from '../tagging/text.js';
import { BoundedCounter, Reservoir, seededRandom, TopK } from './bounded.js';
import { PhraseCounts } from './phrases.js';
import { similarity, stems } from './text.js';
import { type FoundTheme, findThemes, ThemeSampler, type ThemeSentence } from './themes.js';

/**
 * The synthesis report's content, computed once from a consultation and its submissions; every
 * renderer (HTML, Markdown, JSON, DOCX, PDF) draws from this and nothing else.
 *
 * Input: the consultation, its submissions a page at a time, and the current model's manifest.
 * Output: a `ReportModel`. Memory stays bounded however many submissions stream through: counts
 * are aggregated as pages arrive, and quotes, key points and terms are chosen from fixed-size
 * candidate sets (top-k, reservoir samples, pruned counters).
 *
 * The JSON format is this model as it is; docs/report-json.md documents its fields.
 */

export const REPORT_SCHEMA_VERSION = 2;

/** Parameters of the selection, published in the annex so that a reader can trace every choice. */
export const SELECTION = {
  quotesPerRecommendation: 5,
  minimumQuotes: 3,
  keyPointsPerQuestion: 5,
  gapQuotes: 4,
  termsPerLanguage: 8,
  /** Phrases of one to three words; the whole consultation is the prior they are scored against. */
  phraseCapacity: 20_000,
  /** A term must recur to be distinctive, and a language needs this much text to have terms at all. */
  minimumTermCount: 3,
  minimumLanguageWords: 150,
  /** Two passages this similar (Jaccard on word stems) say the same thing: only one is kept. */
  nearDuplicate: 0.5,
  quoteCandidates: 60,
  /** Answers sampled per question (and for the gaps), uniformly, to draw key points from. */
  answerSample: 400,
  termCapacity: 20_000,
  /** A sentence shorter than this says too little to stand as a key point or a quote. */
  minimumWords: 8,
  maximumChars: 600,
} as const;

export interface CountEntry {
  key: string;
  label: string;
  count: number;
  share: number;
}

export interface Quote {
  text: string;
  language: Language;
  /** The organisation's name where it agreed to be named, else "a <type> from <region>". */
  attribution: string;
  named: boolean;
  stakeholderType: StakeholderType;
  region: string;
  questionId: string;
  /** Whether a reviewer confirmed the tag this passage is evidence for. */
  reviewed: boolean;
  /** Set when the passage speaks for a campaign: how many submissions it stands for. */
  campaignSize?: number;
}

export interface DistinctiveTerm {
  term: string;
  language: Language;
  weight: number;
}

/**
 * Names the submissions behind a count in the report's trace: the secretariat's JSON maps each key
 * to their ids, and the triage list filters to them (`?report=<stamp>&key=<key>`).
 */
export const TRACE = {
  included: 'included',
  analysed: 'analysed',
  flagged: 'flagged',
  counted: 'counted',
  recommendation: (id: string) => `recommendation:${id}`,
  question: (id: string) => `question:${id}`,
  questionRecommendation: (questionId: string, recommendationId: string) =>
    `question:${questionId}:${recommendationId}`,
  gaps: 'gaps',
  theme: (part: string, index: number) => `theme:${part}:${index + 1}`,
} as const;

/** Trace key → the ids of the submissions behind it (campaigns by the member that stands for them). */
export type ReportTrace = Record<string, string[]>;

/** Sentences that say one thing, grouped: named by their most distinctive phrase. */
export interface Theme {
  name: string;
  /** Submissions behind it, and how many of them a reviewer has reviewed. */
  submissions: number;
  coverage: Coverage;
  trace: string;
  /** The sentence closest to the theme's centre, never one quoted elsewhere in the report. */
  representative: Quote | null;
}

export interface RecommendationSection {
  id: string;
  year: string;
  text: string;
  submissions: number;
  share: number;
  /** How many of `submissions` a reviewer has reviewed: below `submissions`, the count is provisional. */
  coverage: Coverage;
  trace: string;
  reviewed: number;
  campaigns: { count: number; submissions: number };
  byStakeholderType: Record<StakeholderType, number>;
  terms: DistinctiveTerm[];
  quotes: Quote[];
  themes: Theme[];
  /** Themes are found in a uniform sample of the sentences: how many, of how many. */
  themeSample: ThemeSample;
}

export interface ThemeSample {
  sentences: number;
  of: number;
}

export interface QuestionSection {
  id: string;
  text: string;
  answers: number;
  coverage: Coverage;
  trace: string;
  keyPoints: Quote[];
  themes: Theme[];
  themeSample: ThemeSample;
  /** Recommendation id → submissions whose answer to this question addresses it. */
  recommendations: Record<string, number>;
}

export interface Contributor {
  organization: string;
  stakeholderType: StakeholderType;
}

export interface Methodology {
  model: {
    version: string;
    trainedAt: string;
    trainingExamples: number;
    languages: string[];
    thresholds: Record<string, number>;
    evaluation?: {
      dataset: string;
      macroF1: number;
      microF1: number;
      perLabel: Record<string, { precision: number; recall: number; f1: number; support: number }>;
    };
  } | null;
  tagVersions: { version: string; tags: number }[];
  /**
   * Each model version behind the report's tags, most tags first, with what was measured when it was
   * trained (from its stored manifest; absent for a version stored without one, such as the model the
   * tagger builds from the fixtures when none was ever trained).
   */
  versions: ModelVersionQuality[];
  /** Per recommendation, how far reviewers agreed with the model on the submissions they reviewed. */
  agreement: Record<string, Agreement>;
  languages: { language: Language; submissions: number; detected: number }[];
  tags: { model: number; reviewerConfirmed: number; reviewerAdded: number; reviewerRejected: number };
  reviewedSubmissions: number;
  /** Who may be quoted and named: `reviewed` only (the default), or also `tagged` unflagged ones. */
  quotePolicy: QuotePolicy;
  selection: typeof SELECTION;
}

/** A score measured on one data set: macro- and micro-averaged F1. */
export interface MeasuredScore {
  dataset: string;
  macroF1: number;
  microF1: number;
}

export interface ModelVersionQuality {
  version: string;
  tags: number;
  /** Set when the version's manifest is stored. */
  trainedAt?: string;
  trainingExamples?: number;
  thresholds?: Record<string, number>;
  /** Grouped cross-validation on its training data. */
  crossValidation?: { macroF1: number; microF1: number; folds: number };
  validation?: MeasuredScore;
  /** The independent set: never used to choose a method or threshold. */
  independent?: MeasuredScore;
}

export interface ExecutiveSummary {
  /** Per recommendation, in the session's order: its numbers and its largest themes' names. */
  recommendations: { id: string; submissions: number; share: number; coverage: Coverage; themes: string[] }[];
  /** The three largest gaps: themes no recommendation covers. */
  gaps: { name: string; submissions: number; coverage: Coverage }[];
}

export interface ReportModel {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  generatedAt: string;
  cutoff: string;
  session: {
    consultationId: string;
    title: string;
    workingSession: string;
    cluster: string;
    date: string;
    venue: string;
    objective: string;
  };
  counts: {
    received: number;
    included: number;
    excluded: number;
    withdrawn: number;
    reviewed: number;
    analysed: number;
    awaitingAnalysis: number;
    /** Flagged as likely spam or off-topic and not yet reviewed: held out of the analysis. */
    flagged: number;
    /** Analysed submissions with each campaign counted once: the base of every share. */
    counted: number;
    /** Included submissions a reviewer has reviewed. */
    coverage: Coverage;
    campaigns: { groups: number; submissions: number };
  };
  participation: {
    byStakeholderType: CountEntry[];
    byRegion: CountEntry[];
    byLanguage: CountEntry[];
  };
  recommendations: RecommendationSection[];
  questions: QuestionSection[];
  gaps: {
    submissions: number;
    coverage: Coverage;
    trace: string;
    terms: DistinctiveTerm[];
    quotes: Quote[];
    /** What the uncovered input is about: themes no recommendation covers, largest first. */
    themes: Theme[];
    themeSample: ThemeSample;
  };
  /** The executive summary's data: the outline words it from the catalogue's templates. */
  summary: ExecutiveSummary;
  contributors: Contributor[];
  methodology: Methodology;
}

/**
 * How a submission's text becomes candidates: `allowed` and `fits` are cheap checks made on every
 * sentence; `make` (redaction, stems) runs only for the few a sample keeps.
 */
interface Quotable {
  allowed: boolean;
  fits(text: string): boolean;
  make(text: string): Candidate;
}

/** A passage that may be quoted, with what choosing among candidates needs. */
interface Candidate {
  quote: Quote;
  stems: Set<string>;
  unit: string;
  rank: number;
}

const GAP = 'none';

/**
 * The open data's English credit for an unnamed submitter ("a civil society organisation from
 * Africa"); each report language words its own from the quote's type and region.
 */
function anonymousAttribution(type: StakeholderType, region: string): string {
  const who = reportEn.stakeholderNouns[type];
  const name = reportEn.regions[region];
  return name ? format(reportEn.fromRegion, { who, region: name }) : who;
}
const zeroByType = () =>
  Object.fromEntries(STAKEHOLDER_TYPES.map((t) => [t, 0])) as Record<StakeholderType, number>;

function increment<K>(map: Map<K, number>, key: K, by = 1) {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** The questions a tag speaks to: those of its evidence, or the one it was set for. */
function questionsOf(tag: Tag): Set<string> {
  const ids = new Set(tag.evidence.map((e) => e.questionId));
  if (ids.size === 0) ids.add(tag.questionId);
  return ids;
}

/** A reviewer's tag on a recommendation the model proposed confirms it; one the model never proposed is added. */
const isConfirmed = (tag: Tag) => tag.source === 'reviewer' && tag.modelVersion !== REVIEWER_ADDED;

/**
 * Answers sampled uniformly, and how common each stem is across all answers (per language): the key
 * points are the sentences of the sample closest to what the answers share.
 */
class SentencePool {
  /** Whole answers: splitting every answer into sentences would cost more than the rest of the report. */
  readonly #sample: Reservoir<{ text: string; language: Language; quotable: Quotable }>;
  readonly #documentFrequency = new Map<Language, BoundedCounter>();
  readonly #documents = new Map<Language, number>();

  constructor(seed: number) {
    this.#sample = new Reservoir(SELECTION.answerSample, seededRandom(seed));
  }

  /** Every answer counts towards what is common; only quotable ones offer sentences. */
  addAnswer(text: string, language: Language, quotable: Quotable) {
    let counter = this.#documentFrequency.get(language);
    if (!counter) {
      counter = new BoundedCounter(SELECTION.termCapacity);
      this.#documentFrequency.set(language, counter);
    }
    for (const stem of stems(text, language)) counter.add(stem);
    increment(this.#documents, language);
    if (quotable.allowed) this.#sample.offer(() => ({ text, language, quotable }));
  }

  /**
   * Each sampled sentence scored by how common its words are across the answers in its language
   * (the share of answers using each stem, summed, damped by the square root of the sentence's
   * length so that neither fragments nor run-ons win), best first.
   */
  ranked(): Candidate[] {
    return this.#sample.items
      .flatMap(({ text, language, quotable }) =>
        sentences(text, language)
          .filter((sentence) => quotable.fits(sentence.text))
          .map((sentence) => quotable.make(sentence.text)),
      )
      .map((candidate) => {
        const language = candidate.quote.language;
        const counts = this.#documentFrequency.get(language)?.counts;
        const total = this.#documents.get(language) ?? 1;
        let sum = 0;
        for (const stem of candidate.stems) sum += (counts?.get(stem) ?? 0) / total;
        return { ...candidate, rank: sum / Math.sqrt(Math.max(candidate.stems.size, 1)) };
      })
      .sort((a, b) => b.rank - a.rank);
  }

  /**
   * Key points in proportion to the languages the answers were written in (largest remainder), so
   * that no language's answers are left unheard and none crowds out the others.
   */
  keyPoints(limit: number, already: Candidate[] = []): Quote[] {
    const ranked = this.ranked();
    const available = LANGUAGES.filter((l) => ranked.some((c) => c.quote.language === l));
    const total = available.reduce((sum, l) => sum + (this.#documents.get(l) ?? 0), 0);
    const quota = new Map(
      available.map((l) => [l, ((this.#documents.get(l) ?? 0) / Math.max(total, 1)) * limit]),
    );
    const slots = new Map(available.map((l) => [l, Math.floor(quota.get(l) ?? 0)]));
    const byRemainder = [...available].sort((a, b) => ((quota.get(b) ?? 0) % 1) - ((quota.get(a) ?? 0) % 1));
    let left = limit - [...slots.values()].reduce((a, b) => a + b, 0);
    for (const language of byRemainder) {
      if (left <= 0) break;
      slots.set(language, (slots.get(language) ?? 0) + 1);
      left--;
    }
    const chosen: Candidate[] = [];
    // The language most answers were written in first, each language's points best first; never a
    // sentence the report already quotes elsewhere.
    const byAnswers = [...available].sort(
      (a, b) => (this.#documents.get(b) ?? 0) - (this.#documents.get(a) ?? 0),
    );
    for (const language of byAnswers) {
      const own = ranked.filter((c) => c.quote.language === language);
      chosen.push(...pickDistinctCandidates(own, slots.get(language) ?? 0, [...already, ...chosen]));
    }
    return chosen.map((c) => c.quote);
  }
}

/** The best candidates that neither repeat each other (or those already chosen) nor come twice from one submission. */
function pickDistinctCandidates(ranked: Candidate[], limit: number, already: Candidate[] = []): Candidate[] {
  const chosen: Candidate[] = [];
  for (const candidate of ranked) {
    if (chosen.length >= limit) break;
    const taken = [...already, ...chosen];
    if (taken.some((c) => c.unit === candidate.unit)) continue;
    if (taken.some((c) => similarity(c.stems, candidate.stems) >= SELECTION.nearDuplicate)) continue;
    chosen.push(candidate);
  }
  return chosen;
}

function entries(
  counts: Map<string, number>,
  total: number,
  label: (key: string) => string,
  order?: readonly string[],
): CountEntry[] {
  const keys = order ? order.filter((k) => counts.has(k)) : [...counts.keys()];
  const list = keys.map((key) => {
    const count = counts.get(key) ?? 0;
    return { key, label: label(key), count, share: total === 0 ? 0 : count / total };
  });
  return order ? list : list.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en'));
}

/** A stable seed from the consultation id, so the same data always samples the same sentences. */
function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** Streams submissions in, then builds the model: `add` for each page, `finish` once. */
export class ReportBuilder {
  readonly #recommendationIds: Set<string>;
  readonly #status = new Map<string, number>();
  readonly #byType = new Map<string, number>();
  readonly #byRegion = new Map<string, number>();
  readonly #byLanguage = new Map<string, number>();
  readonly #detected = new Map<string, number>();
  readonly #campaignMembers = new Map<string, number>();
  readonly #campaignRepresented = new Set<string>();
  #counted = 0;
  readonly #trace = new Map<string, string[]>();
  /** Per trace key, how many of its submissions a reviewer has reviewed. */
  readonly #reviewedIn = new Map<string, number>();
  readonly #recommendations = new Map<
    string,
    {
      submissions: number;
      reviewed: number;
      campaigns: number;
      campaignSubmissions: number;
      byType: Record<StakeholderType, number>;
      quotes: TopK<Candidate>;
    }
  >();
  readonly #questions = new Map<
    string,
    { answers: number; matrix: Map<string, number>; pool: SentencePool }
  >();
  readonly #gaps: { submissions: number; pool: SentencePool };
  readonly #phrases = new PhraseCounts(SELECTION.phraseCapacity, SELECTION.minimumTermCount);
  readonly #themeParts = new Map<string, ThemeSampler<Quote>>();
  readonly #contributors = new Map<string, Contributor>();
  readonly #tags = { model: 0, reviewerConfirmed: 0, reviewerAdded: 0, reviewerRejected: 0 };
  readonly #tagVersions = new Map<string, number>();
  readonly #agreement: AgreementCounter;

  constructor(
    private readonly consultation: Consultation,
    private readonly cutoff: Date,
    private readonly policy: QuotePolicy = 'reviewed',
  ) {
    this.#recommendationIds = new Set(consultation.recommendations.map((r) => r.id));
    this.#agreement = new AgreementCounter(consultation);
    const seed = seedOf(consultation.id);
    for (const r of consultation.recommendations)
      this.#recommendations.set(r.id, {
        submissions: 0,
        reviewed: 0,
        campaigns: 0,
        campaignSubmissions: 0,
        byType: zeroByType(),
        quotes: new TopK(SELECTION.quoteCandidates, (c) => c.rank),
      });
    consultation.questions.forEach((q, i) => {
      this.#questions.set(q.id, { answers: 0, matrix: new Map(), pool: new SentencePool(seed + i + 1) });
    });
    this.#gaps = { submissions: 0, pool: new SentencePool(seed) };
    const parts = [
      ...consultation.recommendations.map((r) => r.id),
      ...consultation.questions.map((q) => q.id),
      GAP,
    ];
    parts.forEach((part, i) => {
      this.#themeParts.set(part, new ThemeSampler(seed + 101 + i));
    });
  }

  /** Offers each sentence of a text to a part's theme sample; only the kept ones are stemmed. */
  #offerSentences(
    part: string,
    text: string,
    submission: Submission,
    quote: ((text: string) => Quote) | null,
  ) {
    const sampler = this.#themeParts.get(part);
    if (!sampler) return;
    for (const sentence of sentences(text, submission.language))
      sampler.offer(
        (): ThemeSentence<Quote> => ({
          unit: submission.id,
          reviewed: submission.status === 'reviewed',
          text: sentence.text,
          language: submission.language,
          stems: [...stems(sentence.text, submission.language)],
          quote:
            quote && sentence.text.length <= SELECTION.maximumChars
              ? quote(redact(sentence.text, submission.stakeholder.contactName))
              : null,
        }),
      );
  }

  add(page: readonly StoredSubmission[]): void {
    const cutoff = this.cutoff.toISOString();
    for (const stored of page) {
      if (stored.consultationId !== this.consultation.id || stored.submittedAt > cutoff) continue;
      increment(this.#status, stored.status);
      if (stored.status === 'withdrawn' || stored.status === 'excluded') continue;
      this.#agreement.add(stored);
      this.#addIncluded(stored as Submission);
    }
  }

  /** Counts a submission behind a trace key: its id, and whether a reviewer has reviewed it. */
  #traced(key: string, submission: Submission) {
    const ids = this.#trace.get(key);
    if (ids) ids.push(submission.id);
    else this.#trace.set(key, [submission.id]);
    if (submission.status === 'reviewed') increment(this.#reviewedIn, key);
  }

  #coverage(key: string): Coverage {
    return { reviewed: this.#reviewedIn.get(key) ?? 0, total: this.#trace.get(key)?.length ?? 0 };
  }

  #addIncluded(submission: Submission) {
    const { stakeholder } = submission;
    const region = regionOf(stakeholder.country);
    increment(this.#byType, stakeholder.type);
    increment(this.#byRegion, region);
    increment(this.#byLanguage, submission.language);
    this.#traced(TRACE.included, submission);
    if (submission.languageSource === 'detected') increment(this.#detected, submission.language);
    if (submission.campaign) increment(this.#campaignMembers, submission.campaign.groupId);
    if (submission.status === 'received') return;
    this.#traced(TRACE.analysed, submission);
    // Likely spam or off-topic, and no reviewer has looked yet: out of every analysis until one does.
    if (heldBack(submission)) {
      this.#traced(TRACE.flagged, submission);
      return;
    }
    const quotable = mayQuote(submission, this.policy);
    if (quotable && submission.consent.attribution) {
      const key = `${stakeholder.type}|${stakeholder.organization.toLocaleLowerCase('en')}`;
      if (!this.#contributors.has(key))
        this.#contributors.set(key, {
          organization: stakeholder.organization,
          stakeholderType: stakeholder.type,
        });
    }

    for (const tag of submission.tags) {
      if (tag.source === 'model') this.#tags.model++;
      else if (isConfirmed(tag)) this.#tags.reviewerConfirmed++;
      else this.#tags.reviewerAdded++;
      // A confirmed tag was still made by its model version: the annex names every version behind a tag.
      if (tag.modelVersion !== REVIEWER_ADDED) increment(this.#tagVersions, tag.modelVersion);
    }
    this.#tags.reviewerRejected += submission.rejectedTags?.length ?? 0;

    // A campaign speaks once: its first analysed member stands for all of them.
    const campaign = submission.campaign;
    if (campaign) {
      if (this.#campaignRepresented.has(campaign.groupId)) return;
      this.#campaignRepresented.add(campaign.groupId);
    }
    this.#counted++;
    this.#traced(TRACE.counted, submission);
    this.#addUnit(submission, region, quotable);
  }

  #addUnit(submission: Submission, region: string, mayBeQuoted: boolean) {
    const { stakeholder, consent, language } = submission;
    const campaignSize = submission.campaign?.size;
    const quote = (text: string, questionId: string, reviewed: boolean): Quote => ({
      text,
      language,
      attribution: consent.attribution
        ? stakeholder.organization
        : anonymousAttribution(stakeholder.type, region),
      named: consent.attribution,
      stakeholderType: stakeholder.type,
      region,
      questionId,
      reviewed,
      ...(campaignSize && campaignSize > 1 ? { campaignSize } : {}),
    });
    const quotable = (questionId: string, reviewed: boolean, rank: number): Quotable => ({
      allowed: consent.quote && mayBeQuoted,
      fits: (text) =>
        text.length <= SELECTION.maximumChars && text.split(/\s+/).length >= SELECTION.minimumWords,
      make: (raw) => {
        const text = redact(raw, stakeholder.contactName);
        return {
          quote: quote(text, questionId, reviewed),
          stems: stems(text, language),
          unit: submission.id,
          rank,
        };
      },
    });

    const themeQuote = (questionId: string) =>
      consent.quote && mayBeQuoted
        ? (text: string) => quote(text, questionId, submission.status === 'reviewed')
        : null;
    const tags = submission.tags.filter((t) => this.#recommendationIds.has(t.recommendationId));
    const covered = new Set(tags.flatMap((t) => [...questionsOf(t)]));

    for (const recommendationId of new Set(tags.map((t) => t.recommendationId))) {
      const mine = tags.filter((t) => t.recommendationId === recommendationId);
      const section = this.#recommendations.get(recommendationId);
      if (!section) continue;
      const reviewed = mine.some((t) => t.source === 'reviewer');
      section.submissions++;
      this.#traced(TRACE.recommendation(recommendationId), submission);
      if (reviewed) section.reviewed++;
      section.byType[stakeholder.type]++;
      if (campaignSize && campaignSize > 1) {
        section.campaigns++;
        section.campaignSubmissions += campaignSize;
      }
      const questionIds = new Set(mine.flatMap((t) => [...questionsOf(t)]));
      for (const questionId of questionIds) {
        const matrix = this.#questions.get(questionId)?.matrix;
        if (!matrix) continue;
        increment(matrix, recommendationId);
        this.#traced(TRACE.questionRecommendation(questionId, recommendationId), submission);
      }
      for (const tag of mine) {
        const evidenceTexts = tag.evidence.length > 0 ? tag.evidence.map((e) => e.text) : [];
        const termText =
          evidenceTexts.length > 0 ? evidenceTexts : [submission.answers[tag.questionId] ?? ''];
        for (const text of termText) this.#phrases.add(recommendationId, text, language);
        for (const evidence of tag.evidence)
          this.#offerSentences(recommendationId, evidence.text, submission, themeQuote(evidence.questionId));
        // A reviewer's confirmation outranks any model score.
        const tier = tag.source === 'reviewer' ? 2 : 0;
        for (const evidence of tag.evidence) {
          const source = quotable(evidence.questionId, tag.source === 'reviewer', tier + evidence.score);
          if (source.allowed && source.fits(evidence.text)) section.quotes.add(source.make(evidence.text));
        }
      }
    }

    for (const [questionId, text] of Object.entries(submission.answers)) {
      const question = this.#questions.get(questionId);
      if (!question || !text) continue;
      question.answers++;
      this.#traced(TRACE.question(questionId), submission);
      this.#phrases.addBackground(text, language);
      this.#offerSentences(questionId, text, submission, themeQuote(questionId));
      question.pool.addAnswer(text, language, quotable(questionId, false, 0));
    }

    const uncovered = Object.entries(submission.answers).filter(([questionId]) => !covered.has(questionId));
    const offTopicTags = submission.tags.filter((t) => !this.#recommendationIds.has(t.recommendationId));
    const gapTexts = [
      ...uncovered,
      ...offTopicTags.flatMap((t) => t.evidence.map((e) => [e.questionId, e.text] as const)),
    ];
    if (gapTexts.length > 0) {
      this.#gaps.submissions++;
      this.#traced(TRACE.gaps, submission);
    }
    for (const [questionId, text] of gapTexts) {
      this.#phrases.add(GAP, text, language);
      this.#offerSentences(GAP, text, submission, themeQuote(questionId));
      this.#gaps.pool.addAnswer(text, language, quotable(questionId, false, 0));
    }
  }

  /** The ids behind every count: the secretariat's JSON carries them, the public one never. */
  trace(): ReportTrace {
    return Object.fromEntries(this.#trace);
  }

  /** The model versions behind the tags counted so far, most tags first. */
  tagVersions(): { version: string; tags: number }[] {
    return [...this.#tagVersions.entries()]
      .map(([version, tags]) => ({ version, tags }))
      .sort((a, b) => b.tags - a.tags);
  }

  finish(
    generatedAt: Date,
    manifest: ModelManifest | undefined,
    versionManifests: readonly (ModelManifest | undefined)[] = [],
  ): ReportModel {
    const c = this.consultation;
    const status = (s: string) => this.#status.get(s) ?? 0;
    const received = [...this.#status.values()].reduce((a, b) => a + b, 0);
    const included = received - status('withdrawn') - status('excluded');
    const analysed = status('tagged') + status('reviewed');
    const counted = this.#counted;
    const terms = (part: string): DistinctiveTerm[] =>
      LANGUAGES.filter(
        (language) => this.#phrases.total(part, language) >= SELECTION.minimumLanguageWords,
      ).flatMap((language) =>
        this.#phrases
          .distinctive(part, language, SELECTION.termsPerLanguage)
          .map((t) => ({ ...t, language })),
      );
    // Quotes first, then key points, then themes: each later choice avoids the sentences already shown.
    const quotes = new Map(
      c.recommendations.map((r) => [
        r.id,
        pickDistinctCandidates(
          this.#recommendations.get(r.id)?.quotes.sorted() ?? [],
          SELECTION.quotesPerRecommendation,
        ),
      ]),
    );
    const shown: Candidate[] = [...quotes.values()].flat().map((q) => ({ ...q, unit: '' }));
    const keyPoints = new Map(
      c.questions.map((q) => {
        const points = this.#questions.get(q.id)?.pool.keyPoints(SELECTION.keyPointsPerQuestion, shown) ?? [];
        shown.push(
          ...points.map((quote) => ({ quote, stems: stems(quote.text, quote.language), unit: '', rank: 0 })),
        );
        return [q.id, points];
      }),
    );
    const gapQuotes = this.#gaps.pool.keyPoints(SELECTION.gapQuotes, shown);
    shown.push(
      ...gapQuotes.map((quote) => ({ quote, stems: stems(quote.text, quote.language), unit: '', rank: 0 })),
    );
    const used = shown.map((s) => s.stems);
    const themesOf = (part: string): Theme[] => {
      const sampler = this.#themeParts.get(part);
      if (!sampler) return [];
      const themes = findThemes(sampler, used, SELECTION.nearDuplicate).map(
        (found: FoundTheme<Quote>, index) => {
          const key = TRACE.theme(part, index);
          this.#trace.set(key, found.units);
          return {
            name: found.name,
            submissions: found.units.length,
            coverage: { reviewed: found.reviewed, total: found.units.length },
            trace: key,
            representative: found.representative,
          };
        },
      );
      // Largest first by submissions (clusters come ordered by sentences): the summary takes the top.
      return themes.sort((a, b) => b.submissions - a.submissions);
    };
    const sampleOf = (part: string): ThemeSample => {
      const coverage = this.#themeParts.get(part)?.coverage ?? { sampled: 0, of: 0 };
      return { sentences: coverage.sampled, of: coverage.of };
    };
    const recommendationThemes = new Map(c.recommendations.map((r) => [r.id, themesOf(r.id)]));
    const questionThemes = new Map(c.questions.map((q) => [q.id, themesOf(q.id)]));
    const gapThemes = themesOf(GAP);
    const campaignSubmissions = [...this.#campaignMembers.values()].reduce((a, b) => a + b, 0);

    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      generatedAt: generatedAt.toISOString(),
      cutoff: this.cutoff.toISOString(),
      session: {
        consultationId: c.id,
        title: c.title.en,
        workingSession: c.workingSession.en,
        cluster: c.cluster.en,
        date: c.date,
        venue: c.venue.en,
        objective: c.objective.en,
      },
      counts: {
        received,
        included,
        excluded: status('excluded'),
        withdrawn: status('withdrawn'),
        reviewed: status('reviewed'),
        analysed,
        awaitingAnalysis: status('received'),
        flagged: this.#trace.get(TRACE.flagged)?.length ?? 0,
        counted,
        coverage: { reviewed: status('reviewed'), total: included },
        campaigns: { groups: this.#campaignMembers.size, submissions: campaignSubmissions },
      },
      participation: {
        byStakeholderType: entries(
          this.#byType,
          included,
          (k) => reportEn.stakeholderTypes[k as StakeholderType],
          STAKEHOLDER_TYPES,
        ),
        byRegion: entries(this.#byRegion, included, (k) => k),
        byLanguage: entries(
          this.#byLanguage,
          included,
          (k) => reportEn.languageNames[k as Language] ?? k,
          LANGUAGES,
        ),
      },
      recommendations: c.recommendations.map((r) => {
        const section = this.#recommendations.get(r.id);
        const submissions = section?.submissions ?? 0;
        return {
          id: r.id,
          year: r.year,
          text: r.text.en,
          submissions,
          share: counted === 0 ? 0 : submissions / counted,
          coverage: this.#coverage(TRACE.recommendation(r.id)),
          trace: TRACE.recommendation(r.id),
          reviewed: section?.reviewed ?? 0,
          campaigns: { count: section?.campaigns ?? 0, submissions: section?.campaignSubmissions ?? 0 },
          byStakeholderType: section?.byType ?? zeroByType(),
          terms: terms(r.id),
          quotes: (quotes.get(r.id) ?? []).map((q) => q.quote),
          themes: recommendationThemes.get(r.id) ?? [],
          themeSample: sampleOf(r.id),
        };
      }),
      questions: c.questions.map((q) => {
        const question = this.#questions.get(q.id);
        return {
          id: q.id,
          text: q.text.en,
          answers: question?.answers ?? 0,
          coverage: this.#coverage(TRACE.question(q.id)),
          trace: TRACE.question(q.id),
          keyPoints: keyPoints.get(q.id) ?? [],
          themes: questionThemes.get(q.id) ?? [],
          themeSample: sampleOf(q.id),
          recommendations: Object.fromEntries(
            c.recommendations.map((r) => [r.id, question?.matrix.get(r.id) ?? 0]),
          ),
        };
      }),
      gaps: {
        submissions: this.#gaps.submissions,
        coverage: this.#coverage(TRACE.gaps),
        trace: TRACE.gaps,
        terms: terms(GAP),
        quotes: gapQuotes,
        themes: gapThemes,
        themeSample: sampleOf(GAP),
      },
      summary: {
        recommendations: c.recommendations.map((r) => {
          const submissions = this.#recommendations.get(r.id)?.submissions ?? 0;
          return {
            id: r.id,
            submissions,
            share: counted === 0 ? 0 : submissions / counted,
            coverage: this.#coverage(TRACE.recommendation(r.id)),
            themes: (recommendationThemes.get(r.id) ?? []).slice(0, 2).map((t) => t.name),
          };
        }),
        gaps: gapThemes
          .slice(0, 3)
          .map((t) => ({ name: t.name, submissions: t.submissions, coverage: t.coverage })),
      },
      contributors: [...this.#contributors.values()].sort(
        (a, b) =>
          STAKEHOLDER_TYPES.indexOf(a.stakeholderType) - STAKEHOLDER_TYPES.indexOf(b.stakeholderType) ||
          a.organization.localeCompare(b.organization, 'en'),
      ),
      methodology: {
        model: manifest
          ? {
              version: manifest.version,
              trainedAt: manifest.trainedAt,
              trainingExamples: manifest.trainingExamples,
              languages: manifest.languages,
              thresholds: manifest.thresholds,
              ...(manifest.evaluation
                ? {
                    evaluation: {
                      dataset: manifest.evaluation.dataset,
                      macroF1: manifest.evaluation.macroF1,
                      microF1: manifest.evaluation.microF1,
                      perLabel: manifest.evaluation.perLabel,
                    },
                  }
                : {}),
            }
          : null,
        tagVersions: this.tagVersions(),
        versions: this.tagVersions().map((v) =>
          versionQuality(
            v,
            versionManifests.find((m) => m?.version === v.version),
          ),
        ),
        agreement: this.#agreement.perRecommendation(),
        languages: LANGUAGES.map((language) => ({
          language,
          submissions: this.#byLanguage.get(language) ?? 0,
          detected: this.#detected.get(language) ?? 0,
        })),
        tags: { ...this.#tags },
        reviewedSubmissions: status('reviewed'),
        quotePolicy: this.policy,
        selection: SELECTION,
      },
    };
  }
}

const score = (e: { dataset: string; macroF1: number; microF1: number }): MeasuredScore => ({
  dataset: e.dataset,
  macroF1: e.macroF1,
  microF1: e.microF1,
});

/** What the annex says of a model version: its tags, and the quality stored with it, if any. */
function versionQuality(
  used: { version: string; tags: number },
  manifest: ModelManifest | undefined,
): ModelVersionQuality {
  if (!manifest) return used;
  const quality = manifest.quality;
  const validation = quality?.validation ?? manifest.evaluation;
  return {
    ...used,
    trainedAt: manifest.trainedAt,
    trainingExamples: manifest.trainingExamples,
    thresholds: manifest.thresholds,
    ...(quality
      ? {
          crossValidation: {
            macroF1: quality.crossValidation.macroF1,
            microF1: quality.crossValidation.microF1,
            folds: quality.crossValidation.folds,
          },
        }
      : {}),
    ...(validation ? { validation: score(validation) } : {}),
    ...(quality?.independent ? { independent: score(quality.independent) } : {}),
  };
}

export interface BuildOptions {
  cutoff: Date;
  generatedAt?: Date;
  /** The current model's manifest. */
  manifest?: ModelManifest;
  /** A stored version's manifest, for the quality measured when it was trained. */
  manifestOf?: (version: string) => Promise<ModelManifest | undefined>;
  quotePolicy?: QuotePolicy;
}

/** The whole model from any source of pages: the compiler passes the store's listing. */
export async function buildReport(
  consultation: Consultation,
  pages: AsyncIterable<readonly StoredSubmission[]> | Iterable<readonly StoredSubmission[]>,
  options: BuildOptions,
): Promise<ReportModel> {
  return (await buildTracedReport(consultation, pages, options)).model;
}

/** The model and the ids behind its counts: what a compile stores for the secretariat. */
export async function buildTracedReport(
  consultation: Consultation,
  pages: AsyncIterable<readonly StoredSubmission[]> | Iterable<readonly StoredSubmission[]>,
  options: BuildOptions,
): Promise<{ model: ReportModel; trace: ReportTrace }> {
  const builder = new ReportBuilder(consultation, options.cutoff, options.quotePolicy);
  for await (const page of pages) builder.add(page);
  // The annex describes the versions that made the tags, not only the current one.
  const versions = options.manifestOf
    ? await Promise.all(builder.tagVersions().map((v) => options.manifestOf?.(v.version)))
    : [];
  return {
    model: builder.finish(options.generatedAt ?? options.cutoff, options.manifest, versions),
    trace: builder.trace(),
  };
}
