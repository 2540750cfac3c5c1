import type { Plural } from './index.js';

/**
 * Every word the synthesis report says of its own, in English. French and Spanish mirror its keys
 * (their type is this one's, and a test compares the key sets). `{name}` placeholders are filled by
 * `format`/`plural`; quotes and the consultation's own texts never pass through here.
 */
export const reportEn = {
  title: 'Synthesis of written input',
  /** The language a quote was written in, shown beside it when it is not the report's language. */
  quoteLanguage: { en: 'in English', fr: 'in French', es: 'in Spanish' },
  languageNames: { en: 'English', fr: 'French', es: 'Spanish' },
  headings: {
    contents: 'Contents',
    session: 'The session',
    summary: 'Summary',
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
    themes: 'Themes',
    quotes: 'In their words',
    keyPoints: 'Key points',
    mapping: 'Recommendations its answers address',
    recommendation: 'Recommendation {number} ({year})',
    question: 'Question {number}',
    review: 'Review by the secretariat',
    languageCoverage: 'Languages',
    empty: 'No input yet',
  },
  labels: {
    date: 'Date',
    venue: 'Venue',
    cutoff: 'Submissions received up to',
    generated: 'Compiled',
    status: 'Status',
    count: 'Number',
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
    threshold: 'Threshold',
    item: 'Item',
    version: 'Version',
    trainedAt: 'Trained',
    trainingExamples: 'Training examples',
    modelTags: 'Tags set by the model',
    confirmedTags: 'Tags a reviewer confirmed',
    addedTags: 'Tags a reviewer added',
    rejectedTags: 'Tags a reviewer rejected',
    detected: 'Language detected',
    tags: 'Tags',
    none: 'None',
    anonymous: 'anonymous',
  },
  /** Column and row names: the group as a whole. */
  stakeholderTypes: {
    member_state: 'Member States',
    local_authority: 'Local authorities',
    civil_society: 'Civil society',
    private_sector: 'Private sector',
    academia: 'Academia',
    international_organization: 'International organisations',
    diaspora: 'Diaspora',
    media: 'Media',
    other: 'Other',
  },
  /** One of a type, as a quote from an unnamed submitter is credited. */
  stakeholderNouns: {
    member_state: 'a Member State',
    local_authority: 'a local authority',
    civil_society: 'a civil society organisation',
    private_sector: 'a private-sector organisation',
    academia: 'an academic institution',
    international_organization: 'an international organisation',
    diaspora: 'a diaspora organisation',
    media: 'a media organisation',
    other: 'a contributor',
  },
  /** Region names as `regionOf` gives them (the continents of countries-list). */
  regions: {
    Africa: 'Africa',
    Antarctica: 'Antarctica',
    Asia: 'Asia',
    Europe: 'Europe',
    'North America': 'North America',
    Oceania: 'Oceania',
    'South America': 'South America',
  } as Record<string, string>,
  /** A region `regionOf` could not tell: a table row, never part of an attribution. */
  unknownRegion: 'Unknown',
  labelValue: '{label}: {value}',
  documentTitle: '{title}: {session}, {consultation}',
  fromRegion: '{who} from {region}',
  sentences: {
    subtitle: '{session}. {cluster}',
    intro: {
      one: 'This report synthesises the written input received for the session: {count} submission included, of which {analysed} analysed against its key recommendations and guiding questions.',
      other:
        'This report synthesises the written input received for the session: {count} submissions included, of which {analysed} analysed against its key recommendations and guiding questions.',
    } satisfies Plural,
    awaiting: {
      one: '{count} submission arrived too recently to be analysed and is counted only under "Who took part".',
      other:
        '{count} submissions arrived too recently to be analysed and are counted only under "Who took part".',
    } satisfies Plural,
    campaigns: {
      one: '{count} campaign of near-identical submissions ({submissions} in all) is counted once in the analysis, with its size shown.',
      other:
        '{count} campaigns of near-identical submissions ({submissions} in all) are counted once each in the analysis, with their size shown.',
    } satisfies Plural,
    addressed: {
      one: 'Addressed by {count} submission ({share} of those analysed).',
      other: 'Addressed by {count} submissions ({share} of those analysed).',
    } satisfies Plural,
    confirmed: {
      one: '{count} of them was confirmed by a reviewer.',
      other: '{count} of them were confirmed by a reviewer.',
    } satisfies Plural,
    campaignWeight: {
      one: 'Includes {count} campaign counted once, representing {submissions} submissions.',
      other: 'Includes {count} campaigns counted once, representing {submissions} submissions.',
    } satisfies Plural,
    answered: {
      one: 'Answered in {count} submission.',
      other: 'Answered in {count} submissions.',
    } satisfies Plural,
    noQuotes: 'No submitter who addressed this allowed quotation, or no passage could be quoted.',
    fewQuotes: {
      one: 'Only one passage could be quoted: the others who addressed this did not allow quotation.',
      other: 'Only {count} passages could be quoted: the others who addressed this did not allow quotation.',
    } satisfies Plural,
    noKeyPoints: 'No answer to this question can be quoted yet.',
    noTerms: 'Too little text to single out terms.',
    termsIn: 'In {language}: {terms}',
    gapsNone: 'Every analysed answer addresses at least one of the recommendations.',
    gaps: {
      one: '{count} submission raised points that none of the recommendations covers. Such points matter most for the Global Compact: they show what the GFMD’s past recommendations have not yet addressed.',
      other:
        '{count} submissions raised points that none of the recommendations covers. Such points matter most for the Global Compact: they show what the GFMD’s past recommendations have not yet addressed.',
    } satisfies Plural,
    contributors: {
      one: '{count} organisation agreed to be named. Others took part without being named.',
      other: '{count} organisations agreed to be named. Others took part without being named.',
    } satisfies Plural,
    noContributors: 'No contributor has yet agreed to be named.',
    contributorGroup: '{type} ({count})',
    chartCaption: 'Number of analysed submissions that address each recommendation.',
    chartAlt: 'Bar chart of the submissions that address each recommendation: {values}.',
    chartValue: '{label}: {count} ({share})',
    heatMapCaption:
      'Number of submissions from each type of stakeholder that address each recommendation; darker cells mean more.',
    heatMapAlt:
      'Heat map of the submissions from each type of stakeholder that address each recommendation; the table gives every number.',
    byType: '{type}: {count}',
    quoteConsent:
      'Quotations appear only where their authors allowed it, and name an organisation only where it agreed to be named; e-mail addresses, phone numbers and contact names are removed.',
    campaignOf: {
      one: 'on behalf of a campaign of {count} submission',
      other: 'on behalf of a campaign of {count} submissions',
    } satisfies Plural,
    footer: 'Compiled automatically on {date}.',
    empty:
      'No written input has arrived yet. This report fills in as submissions arrive and are analysed; the secretariat publishes it again then.',
    emptyExcluded: {
      one: 'None of the written input can be reported yet: the {count} submission received was withdrawn or excluded.',
      other:
        'None of the written input can be reported yet: the {count} submissions received were withdrawn or excluded.',
    } satisfies Plural,
  },
  /** The executive summary, themes and screening notes (issue 12). */
  synthesis: {
    summaryIntro:
      'What the written input says, in brief. Every number is explained in the sections that follow.',
    summaryRecommendation: {
      one: '{id} ({year}) was addressed by {count} submission ({share} of those analysed).',
      other: '{id} ({year}) was addressed by {count} submissions ({share} of those analysed).',
    } satisfies Plural,
    summaryNone: '{id} ({year}) was not addressed by any analysed submission.',
    summaryThemes: {
      one: 'Its largest theme: {themes}.',
      other: 'Its largest themes: {themes}.',
    } satisfies Plural,
    summaryGaps: {
      one: 'Beyond the recommendations, the largest theme raised was {themes}.',
      other: 'Beyond the recommendations, the largest themes raised were {themes}.',
    } satisfies Plural,
    summaryNoGaps: 'Every analysed answer addresses at least one of the recommendations.',
    themeName: '“{name}”',
    submissionCount: {
      one: '{count} submission',
      other: '{count} submissions',
    } satisfies Plural,
    provisional: {
      one: 'provisional: {reviewed} of {count} reviewed',
      other: 'provisional: {reviewed} of {count} reviewed',
    } satisfies Plural,
    noThemes: 'Too few sentences to find themes yet.',
    themeSample: {
      one: 'Themes found in a uniform sample of {count} sentence out of {of}.',
      other: 'Themes found in a uniform sample of {count} sentences out of {of}.',
    } satisfies Plural,
    flagged: {
      one: '{count} submission that looks like spam or is off-topic waits for a reviewer and is left out of the analysis until one includes it.',
      other:
        '{count} submissions that look like spam or are off-topic wait for a reviewer and are left out of the analysis until one includes them.',
    } satisfies Plural,
    quotePolicyReviewed: 'Only submissions a reviewer has reviewed are quoted or named.',
    quotePolicyTagged:
      'Submissions a reviewer has reviewed, and tagged ones not flagged as likely spam, may be quoted or named.',
  },
  /** The annex's account of the models, the codebook and the reviewers' agreement (issue 12). */
  annexQuality: {
    versionsHeading: 'Model versions behind the tags',
    noQuality:
      'No quality was stored with {version}: it is the model the tagger builds from the project fixtures when none was trained, or one stored before quality was recorded.',
    versionsNote:
      'Macro-F1 as measured when each version was trained: grouped cross-validation on its training data, the validation set, and the independent set (never used to choose a method or threshold).',
    thresholdsHeading: 'Thresholds',
    thresholdsNote:
      'Thresholds of {version}, the version behind most tags: a sentence earns a tag when the model’s score for it reaches the threshold.',
    codebookHeading: 'Codebook',
    codebookNote:
      'Reviewers and the training data follow the secretariat’s codebook; its rule for each recommendation, condensed:',
    codebookEntry: '{id}: counts: {include} Does not count: {exclude}',
    noCodebook: 'This consultation has no codebook: reviewers tag by the recommendations’ wording.',
    agreementHeading: 'Agreement of reviewers with the model',
    agreementNote:
      'Over the submissions a reviewer reviewed: confirmed is a model tag the reviewer kept, rejected one the reviewer removed, added one the model missed. Precision = confirmed ÷ (confirmed + rejected); recall = confirmed ÷ (confirmed + added).',
    noAgreement: 'No submission has been reviewed yet: agreement with the model cannot be measured.',
    crossValidation: 'Cross-validation',
    validation: 'Validation',
    independent: 'Independent set',
    confirmed: 'Confirmed',
    rejected: 'Rejected',
    added: 'Added',
  },
  annex: {
    method: [
      'Each submission was tagged against the key recommendations by a text classifier, sentence by sentence; a tag records the sentences that earned it, and those sentences are the quotations shown under each recommendation.',
      'Counts are of submissions. A campaign of near-identical submissions identified by the secretariat counts once. Submissions the secretariat excluded (spam, duplicates, off-topic or abusive text) and those withdrawn by their authors are left out.',
      'Quotations prefer tags a reviewer confirmed. Distinctive terms are phrases of one to three words, scored by the log-odds ratio with an informative Dirichlet prior against the rest of the consultation, stop words of English, French and Spanish removed, per language. Themes group the evidence sentences by their TF-IDF vectors (average-linkage clustering); each is named by its most distinctive phrase and shown with one sentence quoted nowhere else. Key points are the sentences closest to what the answers to a question have in common, without near-duplicates.',
    ],
    tagVersions: {
      one: 'The tags in this report were set by {count} model version: {versions}.',
      other: 'The tags in this report were set by {count} model versions: {versions}.',
    } satisfies Plural,
    tagVersion: '{version} ({tags})',
    noTags: 'No submission in this report has been tagged by a model yet.',
    currentModelUnused:
      'The model stored now (version {version}) set none of the tags in this report; it is described below for reference only.',
    reviewCoverage: {
      one: '{reviewed} of {count} analysed submission was reviewed by the secretariat.',
      other: '{reviewed} of {count} analysed submissions were reviewed by the secretariat.',
    } satisfies Plural,
  },
};

export type ReportCatalogue = typeof reportEn;
