import type { StakeholderType } from '../submission.js';

/**
 * Every word the report says of its own, in one place: the report is published in English, the
 * language of the consultation's texts, whatever the language of a quote. Renderers take their
 * headings, labels and sentences from here and nothing from elsewhere.
 */

export const TITLE = 'Synthesis of written input';

export const HEADINGS = {
  contents: 'Contents',
  session: 'The session',
  participation: 'Who took part',
  recommendations: 'Key recommendations from GFMD discussions',
  chartsRecommendations: 'Submissions per recommendation',
  heatMap: 'Stakeholder types and recommendations',
  questions: 'Guiding questions',
  gaps: 'What the recommendations do not cover',
  contributors: 'Contributors',
  methodology: 'Annex: methodology',
  byStakeholderType: 'By type of stakeholder',
  byRegion: 'By region',
  byLanguage: 'By language',
  terms: 'Distinctive terms',
  quotes: 'In their words',
  keyPoints: 'Key points',
  mapping: 'Recommendations its answers address',
  model: 'Classification model',
  accuracy: 'Measured accuracy',
  review: 'Review by the secretariat',
  languageCoverage: 'Languages',
} as const;

export const LABELS = {
  date: 'Date',
  venue: 'Venue',
  cutoff: 'Submissions received up to',
  generated: 'Compiled',
  received: 'Received',
  included: 'Included',
  excluded: 'Excluded by the secretariat',
  withdrawn: 'Withdrawn by their authors',
  reviewed: 'Reviewed by the secretariat',
  analysed: 'Analysed',
  awaiting: 'Awaiting analysis',
  campaigns: 'Campaigns (each counted once)',
  recommendation: 'Recommendation',
  question: 'Question',
  stakeholderType: 'Type of stakeholder',
  region: 'Region',
  language: 'Language',
  submissions: 'Submissions',
  share: 'Share',
  confirmed: 'Confirmed by a reviewer',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  support: 'Examples',
  threshold: 'Threshold',
  version: 'Version',
  trainedAt: 'Trained',
  trainingExamples: 'Training examples',
  dataset: 'Evaluated on',
  macroF1: 'Macro-averaged F1',
  microF1: 'Micro-averaged F1',
  modelTags: 'Tags set by the model',
  confirmedTags: 'Tags a reviewer confirmed',
  addedTags: 'Tags a reviewer added',
  rejectedTags: 'Tags a reviewer rejected',
  detected: 'of which language detected',
  tagVersions: 'Model versions behind the tags',
  none: 'None',
} as const;

export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'French', es: 'Spanish' };

/** The column and row names of stakeholder types. */
export const STAKEHOLDER_LABELS: Record<StakeholderType, string> = {
  member_state: 'Member States',
  local_authority: 'Local authorities',
  civil_society: 'Civil society',
  private_sector: 'Private sector',
  academia: 'Academia',
  international_organization: 'International organisations',
  diaspora: 'Diaspora',
  media: 'Media',
  other: 'Other',
};

/** One of a type, as a quote from an unnamed submitter is credited: "a civil society organisation". */
const STAKEHOLDER_NOUNS: Record<StakeholderType, string> = {
  member_state: 'a Member State',
  local_authority: 'a local authority',
  civil_society: 'a civil society organisation',
  private_sector: 'a private-sector organisation',
  academia: 'an academic institution',
  international_organization: 'an international organisation',
  diaspora: 'a diaspora organisation',
  media: 'a media organisation',
  other: 'a contributor',
};

export function anonymousAttribution(type: StakeholderType, region: string): string {
  return region === 'Unknown' ? STAKEHOLDER_NOUNS[type] : `${STAKEHOLDER_NOUNS[type]} from ${region}`;
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
export const submissionsCount = (n: number) => plural(n, 'submission', 'submissions');

export const SENTENCES = {
  subtitle: (session: string, cluster: string) => `${session}. ${cluster}`,
  intro: (included: number, analysed: number) =>
    `This report synthesises the written input received for the session: ${submissionsCount(included)} included, of which ${analysed.toLocaleString('en')} analysed against the session's eight key recommendations and three guiding questions.`,
  awaiting: (n: number) =>
    `${submissionsCount(n)} arrived too recently to be analysed and are counted only under "Who took part".`,
  campaigns: (groups: number, submissions: number) =>
    `${plural(groups, 'campaign', 'campaigns')} of near-identical submissions (${submissionsCount(submissions)} in all) ${groups === 1 ? 'is' : 'are'} counted once each in the analysis, with ${groups === 1 ? 'its' : 'their'} size shown.`,
  addressed: (n: number, share: number, reviewed: number) =>
    `Addressed by ${submissionsCount(n)} (${percent(share)} of those analysed)${reviewed > 0 ? `, ${reviewed.toLocaleString('en')} confirmed by a reviewer` : ''}.`,
  campaignWeight: (count: number, submissions: number) =>
    `Includes ${plural(count, 'campaign', 'campaigns')} counted once, representing ${submissionsCount(submissions)}.`,
  answered: (n: number) => `Answered in ${submissionsCount(n)}.`,
  noQuotes: 'No submitter who addressed this allowed quotation, or no passage could be quoted.',
  fewQuotes: (n: number) =>
    `Only ${n === 1 ? 'one passage' : `${n} passages`} could be quoted: the others who addressed this did not allow quotation.`,
  noKeyPoints: 'No answer to this question can be quoted yet.',
  noTerms: 'Too little text to single out terms.',
  gapsIntro: (n: number) =>
    n === 0
      ? 'Every analysed answer addresses at least one of the eight recommendations.'
      : `${submissionsCount(n)} raised points that none of the eight recommendations covers. They matter most for the Global Compact: they show what the GFMD's past recommendations have not yet addressed.`,
  contributorsIntro: (n: number) =>
    `${plural(n, 'organisation', 'organisations')} agreed to be named. Others took part without being named.`,
  noContributors: 'No contributor has yet agreed to be named.',
  heatMapCaption:
    'Number of submissions from each type of stakeholder that address each recommendation; darker cells mean more.',
  chartCaption: 'Number of analysed submissions that address each recommendation.',
  quoteConsent:
    'Quotations appear only where their authors allowed it, and name an organisation only where it agreed to be named; e-mail addresses, phone numbers and contact names are removed.',
  method: [
    'Each submission was tagged against the eight recommendations by a text classifier, sentence by sentence; a tag records the sentences that earned it, and those sentences are the quotations shown under each recommendation.',
    'Counts are of submissions. A campaign of near-identical submissions identified by the secretariat counts once. Submissions the secretariat excluded (spam, duplicates, off-topic or abusive text) and those withdrawn by their authors are left out.',
    'Tags confirmed by a reviewer are preferred over unreviewed ones when choosing quotations. Distinctive terms are weighed by TF-IDF across the recommendations, separately for each language. Key points are the sentences closest to what the answers to a question have in common, without near-duplicates.',
  ],
  noModel:
    'No trained model is stored yet: the tags were set by the model built from the project fixtures, whose measured accuracy is not recorded here.',
  noEvaluation: 'This model was stored without an evaluation: its accuracy is not known.',
  reviewCoverage: (reviewed: number, analysed: number) =>
    `${reviewed.toLocaleString('en')} of ${submissionsCount(analysed)} analysed ${reviewed === 1 ? 'was' : 'were'} reviewed by the secretariat.`,
  quoteLanguage: (language: string) => `(in ${LANGUAGE_NAMES[language] ?? language})`,
  campaignOf: (size: number) => `on behalf of a campaign of ${submissionsCount(size)}`,
  footer: (generated: string) => `Compiled automatically on ${generated}.`,
} as const;

export const formatDay = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

export const formatMoment = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;
