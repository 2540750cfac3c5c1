import type { Consultation, Language, LocalizedText } from '../consultation.js';
import { localize } from '../consultation.js';
import { format, formatDateTime, plural } from '../http/i18n/index.js';
import { REPORT_CATALOGUES, type ReportCatalogue } from '../http/i18n/report.js';
import type { Coverage } from '../stores/ports.js';
import { STAKEHOLDER_TYPES, type StakeholderType } from '../submission.js';
import type { DistinctiveTerm, Quote, ReportModel, Theme, ThemeSample } from './model.js';

/**
 * The report as one typed list of blocks, in one language: the section order, every sentence and
 * every number are decided here, once. Each format (HTML, Markdown, DOCX, PDF) is an emitter that
 * draws these blocks and decides nothing about the content, so the formats cannot disagree and a
 * new section is written once. The JSON format stays the model itself: it is data, not a document.
 *
 * Input: the model, the language, and the consultation (for its own texts in that language; the
 * model carries them in English). Output: an `Outline`.
 */

/** A piece of a paragraph: plain, emphasised, strong, or a link (to an id in the report: `#R1`). */
export interface Inline {
  text: string;
  emphasis?: boolean;
  strong?: boolean;
  href?: string;
}

export interface Heading {
  kind: 'heading';
  /** 1 is the report's title (once); 2 a section (listed in the contents); 3 and 4 below it. */
  level: 1 | 2 | 3 | 4;
  id: string;
  text: string;
  /** A paged format starts this section on a new page. */
  breakBefore?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Inline[];
  /** `lead`: under the title; `note`: secondary; `box`: a recommendation's or question's wording. */
  style?: 'lead' | 'note' | 'box' | 'eyebrow';
}

export interface Cell {
  text: string;
  href?: string;
  /** 0..1: how dark a heat-map cell is. */
  shade?: number;
}

export interface TableBlock {
  kind: 'table';
  id: string;
  caption: string;
  head: string[];
  rows: Cell[][];
  align: ('left' | 'right')[];
  /** The first cell of each row names the row (a row header). */
  rowHeaders: boolean;
  /** The heading just above says the same: the caption is for screen readers, not shown. */
  captionHidden?: boolean;
}

export interface QuoteBlock {
  kind: 'quote';
  text: string;
  /** The language the quote was written in (it is never translated). */
  language: Language;
  /** "(in French)" when that is not the report's language. */
  languageNote?: string;
  /** The organisation's name, or the anonymous description ("a civil society organisation from Africa"). */
  attribution: string;
  anonymous: boolean;
}

export interface Bar {
  label: string;
  value: number;
  display: string;
  href?: string;
}

export interface ChartBlock {
  kind: 'chart';
  chart: 'bars' | 'heat';
  id: string;
  /** What a screen reader says instead of the picture. */
  alt: string;
  caption: string;
  /** Bars, for a bar chart; a heat map is its table, shaded. */
  bars: Bar[];
  /** The same numbers as a table: shown beside the picture, or instead of it where a format draws none. */
  table: TableBlock;
}

export interface ListBlock {
  kind: 'list';
  items: Inline[][];
  /** Long lists of short items (names) may flow in columns. */
  columns?: boolean;
}

export interface TocBlock {
  kind: 'toc';
  title: string;
  /** The level-2 headings, in order. */
  entries: { id: string; text: string }[];
}

export type Block = Heading | ParagraphBlock | TableBlock | QuoteBlock | ChartBlock | ListBlock | TocBlock;

export interface Outline {
  language: Language;
  /** The document's title, for metadata and the browser tab. */
  title: string;
  /** A short line for running footers. */
  footer: string;
  /** True when nothing can be reported yet: the report is one page. */
  empty: boolean;
  blocks: Block[];
}

const text = (value: string): Inline[] => [{ text: value }];
const paragraph = (value: string, style?: ParagraphBlock['style']): ParagraphBlock => ({
  kind: 'paragraph',
  runs: text(value),
  ...(style ? { style } : {}),
});

/** Numbers and shares written the language's way ("1 234", "12 %"). */
function numbers(language: Language) {
  const whole = new Intl.NumberFormat(language);
  const share = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    count: (n: number) => whole.format(n),
    share: (n: number) => share.format(n),
    decimal: (n: number | undefined) => (n === undefined ? '–' : decimal.format(n)),
  };
}

/** The consultation's own texts in the report's language (the model holds the English ones). */
function localTexts(model: ReportModel, consultation: Consultation | undefined, language: Language) {
  const pick = (local: LocalizedText | undefined, english: string) =>
    local ? localize(local, language) : english;
  const byId = <T extends { id: string; text: LocalizedText }>(list: readonly T[] | undefined, id: string) =>
    list?.find((item) => item.id === id)?.text;
  const s = model.session;
  return {
    title: pick(consultation?.title, s.title),
    workingSession: pick(consultation?.workingSession, s.workingSession),
    cluster: pick(consultation?.cluster, s.cluster),
    venue: pick(consultation?.venue, s.venue),
    objective: pick(consultation?.objective, s.objective),
    recommendation: (id: string, english: string) => pick(byId(consultation?.recommendations, id), english),
    question: (id: string, english: string) => pick(byId(consultation?.questions, id), english),
  };
}

export interface OutlineOptions {
  /**
   * The secretariat's preview: where the submissions behind a trace key are listed (the triage list
   * filtered by the report's trace). Without it, as in every stored file, counts link nowhere.
   */
  traceHref?: (key: string) => string;
}

class OutlineBuilder {
  readonly blocks: Block[] = [];
  readonly t: ReportCatalogue;
  readonly n: ReturnType<typeof numbers>;
  readonly #list: Intl.ListFormat;
  #tables = 0;

  constructor(
    readonly language: Language,
    readonly options: OutlineOptions = {},
  ) {
    this.t = REPORT_CATALOGUES[language];
    this.n = numbers(language);
    this.#list = new Intl.ListFormat(language, { type: 'conjunction' });
  }

  /** "a, b and c", the language's way. */
  join(items: string[]): string {
    return this.#list.format(items);
  }

  /**
   * A count's sentence, linked in the preview to the submissions behind it, and marked provisional
   * while a reviewer has not reviewed all of them.
   */
  counted(sentence: string, coverage: Coverage, trace: string | undefined): Inline[] {
    // A count of nothing has no submissions to show: it links nowhere.
    const href =
      trace && coverage.total > 0 && this.options.traceHref ? this.options.traceHref(trace) : undefined;
    const runs: Inline[] = [{ text: sentence, ...(href ? { href } : {}) }];
    const note = this.provisional(coverage);
    if (note) runs.push({ text: ` (${note})`, emphasis: true });
    return runs;
  }

  /** "provisional: 12 of 78 reviewed", or nothing once every submission behind a count was reviewed. */
  provisional(coverage: Coverage): string {
    if (coverage.total === 0 || coverage.reviewed >= coverage.total) return '';
    return this.plural(this.t.synthesis.provisional, coverage.total, {
      reviewed: this.n.count(coverage.reviewed),
    });
  }

  /** Each theme: its name, its submissions, and one sentence quoted nowhere else in the report. */
  themes(list: Theme[], sample: ThemeSample) {
    const s = this.t.synthesis;
    if (list.length === 0) {
      this.add(paragraph(s.noThemes, 'note'));
      return;
    }
    for (const theme of list) {
      const name = format(s.themeName, { name: theme.name });
      const href = this.options.traceHref?.(theme.trace);
      const count = this.plural(s.submissionCount, theme.submissions);
      const note = this.provisional(theme.coverage);
      this.add({
        kind: 'paragraph',
        runs: [
          { text: name, strong: true, ...(href ? { href } : {}) },
          { text: ` · ${count}${note ? ` (${note})` : ''}` },
        ],
      });
      if (theme.representative) this.add(this.quote(theme.representative));
    }
    if (sample.sentences < sample.of)
      this.add(
        paragraph(this.plural(s.themeSample, sample.sentences, { of: this.n.count(sample.of) }), 'note'),
      );
  }

  add(...blocks: Block[]) {
    for (const block of blocks) {
      // A table under a heading of the same words keeps its caption for screen readers only.
      const heading = this.blocks.findLast((b) => b.kind === 'heading');
      const repeats = (table: TableBlock) => heading?.kind === 'heading' && heading.text === table.caption;
      if (block.kind === 'table' && repeats(block)) this.blocks.push({ ...block, captionHidden: true });
      else if (block.kind === 'chart' && repeats(block.table))
        this.blocks.push({ ...block, table: { ...block.table, captionHidden: true } });
      else this.blocks.push(block);
    }
  }

  heading(level: Heading['level'], id: string, value: string, breakBefore = false) {
    this.add({ kind: 'heading', level, id, text: value, ...(breakBefore ? { breakBefore } : {}) });
  }

  plural(forms: Parameters<typeof plural>[1], count: number, values: Record<string, string | number> = {}) {
    return plural(this.language, forms, count, values);
  }

  table(
    caption: string,
    head: string[],
    rows: (string | number | Cell)[][],
    options: { align?: TableBlock['align']; rowHeaders?: boolean } = {},
  ): TableBlock {
    const cells = rows.map((row) =>
      row.map((value): Cell => (typeof value === 'object' ? value : { text: this.cell(value) })),
    );
    return {
      kind: 'table',
      id: `table-${++this.#tables}`,
      caption,
      head,
      rows: cells,
      align: options.align ?? head.map((_, i) => (i === 0 ? 'left' : 'right')),
      rowHeaders: options.rowHeaders ?? true,
    };
  }

  cell(value: string | number): string {
    return typeof value === 'number' ? this.n.count(value) : value;
  }

  /** "a civil society organisation from Africa", or the organisation's name where it agreed to be named. */
  attribution(quote: Quote): string {
    if (quote.named) return quote.attribution;
    const who = this.t.stakeholderNouns[quote.stakeholderType];
    const region = this.t.regions[quote.region];
    return region ? format(this.t.fromRegion, { who, region }) : who;
  }

  quote(quote: Quote): QuoteBlock {
    const credit = this.attribution(quote);
    const campaign = quote.campaignSize
      ? `, ${this.plural(this.t.sentences.campaignOf, quote.campaignSize)}`
      : '';
    return {
      kind: 'quote',
      text: quote.text,
      language: quote.language,
      attribution: `${credit}${campaign}`,
      anonymous: !quote.named,
      ...(quote.language !== this.language ? { languageNote: this.t.quoteLanguage[quote.language] } : {}),
    };
  }

  terms(list: DistinctiveTerm[]): Block {
    if (list.length === 0) return paragraph(this.t.sentences.noTerms, 'note');
    const groups = new Map<Language, string[]>();
    for (const term of list) groups.set(term.language, [...(groups.get(term.language) ?? []), term.term]);
    return {
      kind: 'list',
      items: [...groups.entries()].map(([language, terms]) =>
        text(
          format(this.t.sentences.termsIn, {
            language: this.t.languageNames[language],
            terms: terms.join(', '),
          }),
        ),
      ),
    };
  }

  stakeholder(type: StakeholderType) {
    return this.t.stakeholderTypes[type];
  }
}

/** The report in one language, as blocks. */
export function buildOutline(
  model: ReportModel,
  language: Language,
  consultation?: Consultation,
  options: OutlineOptions = {},
): Outline {
  const b = new OutlineBuilder(language, options);
  const { t, n } = b;
  const local = localTexts(model, consultation, language);
  const { counts } = model;
  const date = (iso: string, withTime = true) => formatDateTime(iso, language, { withTime });
  const empty = counts.included === 0;

  // The cover: what, when, where, up to when.
  b.heading(1, 'title', t.title);
  b.add(paragraph(local.title, 'eyebrow'));
  b.add(
    paragraph(
      format(t.sentences.subtitle, { session: local.workingSession, cluster: local.cluster }),
      'lead',
    ),
  );
  b.add({
    kind: 'list',
    items: [
      [t.labels.date, date(model.session.date, false)],
      [t.labels.venue, local.venue],
      [t.labels.cutoff, date(model.cutoff)],
      [t.labels.generated, date(model.generatedAt)],
    ].map(([label, value]) => {
      // The label in bold, then its value, joined the language's way ("Date : …" in French).
      const [before = '', after = ''] = t.labelValue.split('{value}');
      return [
        { text: format(before, { label: label ?? '' }), strong: true },
        { text: `${value ?? ''}${after}` },
      ];
    }),
  });

  if (empty) {
    // One page: the session, and the plain fact that there is nothing to report yet.
    b.heading(2, 'empty', t.headings.empty);
    b.add(
      paragraph(
        counts.received === 0 ? t.sentences.empty : b.plural(t.sentences.emptyExcluded, counts.received),
      ),
      paragraph(local.objective, 'note'),
    );
    return finish(b, local, model, true);
  }

  const sections: [string, string][] = [
    ['summary', t.headings.summary],
    ['session', t.headings.session],
    ['participation', t.headings.participation],
    ['recommendations', t.headings.recommendations],
    ['questions', t.headings.questions],
    ['gaps', t.headings.gaps],
    ['contributors', t.headings.contributors],
    ['methodology', t.headings.methodology],
  ];
  b.add(
    paragraph(b.plural(t.sentences.intro, counts.included, { analysed: n.count(counts.analysed) })),
    paragraph(t.sentences.quoteConsent, 'note'),
    {
      kind: 'toc',
      title: t.headings.contents,
      entries: sections.map(([id, value]) => ({ id, text: value })),
    },
  );

  summary(b, model);
  session(b, model, local);
  participation(b, model);
  recommendations(b, model, local);
  questions(b, model, local);
  gaps(b, model);
  contributors(b, model);
  methodology(b, model, date, consultation);
  return finish(b, local, model, false);
}

function finish(
  b: OutlineBuilder,
  local: ReturnType<typeof localTexts>,
  model: ReportModel,
  empty: boolean,
): Outline {
  const { t } = b;
  const day = formatDateTime(model.session.date, b.language, { withTime: false });
  b.add(
    paragraph(format(t.sentences.footer, { date: formatDateTime(model.generatedAt, b.language) }), 'note'),
  );
  return {
    language: b.language,
    title: format(t.documentTitle, {
      title: t.title,
      session: local.workingSession,
      consultation: local.title,
    }),
    footer: `${t.title} · ${local.workingSession} · ${day}`,
    empty,
    blocks: b.blocks,
  };
}

/** The executive summary: per recommendation its numbers and largest themes, then the largest gaps. */
function summary(b: OutlineBuilder, model: ReportModel) {
  const { t, n } = b;
  const s = t.synthesis;
  const themeNames = (names: string[]) => b.join(names.map((name) => format(s.themeName, { name })));
  b.heading(2, 'summary', t.headings.summary, true);
  b.add(paragraph(s.summaryIntro, 'note'));
  b.add({
    kind: 'list',
    items: model.summary.recommendations.map((r) => {
      const section = model.recommendations.find((x) => x.id === r.id);
      const year = section?.year ?? '';
      if (r.submissions === 0) return text(format(s.summaryNone, { id: r.id, year }));
      const numbers = b.plural(s.summaryRecommendation, r.submissions, {
        id: r.id,
        year,
        share: n.share(r.share),
      });
      const themes =
        r.themes.length > 0
          ? ` ${b.plural(s.summaryThemes, r.themes.length, { themes: themeNames(r.themes) })}`
          : '';
      return b.counted(`${numbers}${themes}`, r.coverage, section?.trace);
    }),
  });
  const gaps = model.summary.gaps;
  if (gaps.length === 0) b.add(paragraph(s.summaryNoGaps));
  else
    b.add(
      paragraph(
        b.plural(s.summaryGaps, gaps.length, {
          themes: b.join(
            gaps.map(
              (g) =>
                `${format(s.themeName, { name: g.name })} (${b.plural(s.submissionCount, g.submissions)})`,
            ),
          ),
        }),
      ),
    );
}

function session(b: OutlineBuilder, model: ReportModel, local: ReturnType<typeof localTexts>) {
  const { t } = b;
  const c = model.counts;
  b.heading(2, 'session', t.headings.session, true);
  b.add(paragraph(local.objective));
  if (c.awaitingAnalysis > 0) b.add(paragraph(b.plural(t.sentences.awaiting, c.awaitingAnalysis), 'note'));
  if (c.flagged > 0) b.add(paragraph(b.plural(t.synthesis.flagged, c.flagged), 'note'));
  if (c.campaigns.groups > 0)
    b.add(
      paragraph(
        b.plural(t.sentences.campaigns, c.campaigns.groups, {
          submissions: b.n.count(c.campaigns.submissions),
        }),
        'note',
      ),
    );
  const rows: [string, number][] = [
    [t.labels.received, c.received],
    [t.labels.withdrawn, c.withdrawn],
    [t.labels.excluded, c.excluded],
    [t.labels.included, c.included],
    [t.labels.analysed, c.analysed],
    [t.labels.awaiting, c.awaitingAnalysis],
    [t.labels.reviewed, c.reviewed],
  ];
  if (c.campaigns.groups > 0) rows.push([t.labels.campaigns, c.campaigns.groups]);
  b.add(b.table(t.labels.submissions, [t.labels.status, t.labels.count], rows));
}

function participation(b: OutlineBuilder, model: ReportModel) {
  const { t, n } = b;
  const p = model.participation;
  b.heading(2, 'participation', t.headings.participation, true);
  const views = [
    [
      'by-type',
      t.headings.byStakeholderType,
      t.labels.stakeholderType,
      p.byStakeholderType,
      (key: string) => b.stakeholder(key as StakeholderType),
    ],
    [
      'by-region',
      t.headings.byRegion,
      t.labels.region,
      p.byRegion,
      (key: string) => t.regions[key] ?? t.unknownRegion,
    ],
    [
      'by-language',
      t.headings.byLanguage,
      t.labels.language,
      p.byLanguage,
      (key: string) => t.languageNames[key as Language] ?? key,
    ],
  ] as const;
  for (const [id, heading, label, list, name] of views) {
    b.heading(3, id, heading);
    b.add(
      b.table(
        heading,
        [label, t.labels.submissions, t.labels.share],
        list.map((e) => [name(e.key), e.count, n.share(e.share)]),
      ),
    );
  }
}

function recommendations(b: OutlineBuilder, model: ReportModel, local: ReturnType<typeof localTexts>) {
  const { t, n } = b;
  const recs = model.recommendations;
  b.heading(2, 'recommendations', t.headings.recommendations, true);

  b.heading(3, 'chart-recommendations', t.headings.chartsRecommendations);
  const bars = recs.map((r) => ({
    label: r.id,
    value: r.submissions,
    display: `${n.count(r.submissions)} (${n.share(r.share)})`,
    href: `#${r.id}`,
  }));
  b.add({
    kind: 'chart',
    chart: 'bars',
    id: 'chart-recommendations',
    alt: format(t.sentences.chartAlt, {
      values: bars
        .map((bar) =>
          format(t.sentences.chartValue, {
            label: bar.label,
            count: n.count(bar.value),
            share: n.share(recs.find((r) => r.id === bar.label)?.share ?? 0),
          }),
        )
        .join('; '),
    }),
    caption: t.sentences.chartCaption,
    bars,
    table: b.table(
      t.headings.chartsRecommendations,
      [t.labels.recommendation, t.labels.submissions, t.labels.share, t.labels.confirmed],
      recs.map((r) => [
        { text: `${r.id} (${r.year})`, href: `#${r.id}` },
        r.submissions,
        n.share(r.share),
        r.reviewed,
      ]),
    ),
  });

  b.heading(3, 'heat-map', t.headings.heatMap);
  const max = Math.max(1, ...recs.flatMap((r) => STAKEHOLDER_TYPES.map((type) => r.byStakeholderType[type])));
  b.add({
    kind: 'chart',
    chart: 'heat',
    id: 'heat-map',
    alt: t.sentences.heatMapAlt,
    caption: t.sentences.heatMapCaption,
    bars: [],
    table: b.table(
      t.headings.heatMap,
      [t.labels.stakeholderType, ...recs.map((r) => r.id)],
      STAKEHOLDER_TYPES.map((type) => [
        b.stakeholder(type),
        ...recs.map((r) => ({
          text: n.count(r.byStakeholderType[type]),
          shade: r.byStakeholderType[type] / max,
        })),
      ]),
    ),
  });

  for (const r of recs) {
    b.heading(3, r.id, format(t.headings.recommendation, { number: r.id.slice(1), year: r.year }));
    b.add(paragraph(local.recommendation(r.id, r.text), 'box'));
    const addressed = b.plural(t.sentences.addressed, r.submissions, { share: n.share(r.share) });
    const confirmed = r.reviewed > 0 ? ` ${b.plural(t.sentences.confirmed, r.reviewed)}` : '';
    b.add({ kind: 'paragraph', runs: b.counted(`${addressed}${confirmed}`, r.coverage, r.trace) });
    if (r.campaigns.count > 0)
      b.add(
        paragraph(
          b.plural(t.sentences.campaignWeight, r.campaigns.count, {
            submissions: n.count(r.campaigns.submissions),
          }),
          'note',
        ),
      );
    if (r.submissions > 0)
      b.add(
        paragraph(
          STAKEHOLDER_TYPES.filter((type) => r.byStakeholderType[type] > 0)
            .map((type) =>
              format(t.sentences.byType, {
                type: b.stakeholder(type),
                count: n.count(r.byStakeholderType[type]),
              }),
            )
            .join(' · '),
          'note',
        ),
      );
    if (r.submissions > 0) {
      b.heading(4, `${r.id}-themes`, t.headings.themes);
      b.themes(r.themes, r.themeSample);
    }
    b.heading(4, `${r.id}-terms`, t.headings.terms);
    b.add(b.terms(r.terms));
    b.heading(4, `${r.id}-quotes`, t.headings.quotes);
    if (r.quotes.length === 0) b.add(paragraph(t.sentences.noQuotes, 'note'));
    else if (r.quotes.length < 3 && r.submissions > r.quotes.length)
      b.add(paragraph(b.plural(t.sentences.fewQuotes, r.quotes.length), 'note'));
    b.add(...r.quotes.map((q) => b.quote(q)));
  }
}

function questions(b: OutlineBuilder, model: ReportModel, local: ReturnType<typeof localTexts>) {
  const { t } = b;
  const ids = model.recommendations.map((r) => r.id);
  b.heading(2, 'questions', t.headings.questions, true);
  b.add(
    b.table(
      t.headings.mapping,
      [t.labels.question, ...ids],
      model.questions.map((q) => [
        { text: q.id, href: `#${q.id}` },
        ...ids.map((id) => q.recommendations[id] ?? 0),
      ]),
    ),
  );
  for (const q of model.questions) {
    b.heading(3, q.id, format(t.headings.question, { number: q.id.slice(1) }));
    b.add(paragraph(local.question(q.id, q.text), 'box'), {
      kind: 'paragraph',
      runs: b.counted(b.plural(t.sentences.answered, q.answers), q.coverage, q.trace),
    });
    if (q.answers > 0) {
      b.heading(4, `${q.id}-themes`, t.headings.themes);
      b.themes(q.themes, q.themeSample);
    }
    b.heading(4, `${q.id}-key-points`, t.headings.keyPoints);
    if (q.keyPoints.length === 0) b.add(paragraph(t.sentences.noKeyPoints, 'note'));
    b.add(...q.keyPoints.map((k) => b.quote(k)));
  }
}

function gaps(b: OutlineBuilder, model: ReportModel) {
  const { t } = b;
  const g = model.gaps;
  b.heading(2, 'gaps', t.headings.gaps, true);
  if (g.submissions === 0) {
    b.add(paragraph(t.sentences.gapsNone));
    return;
  }
  b.add({
    kind: 'paragraph',
    runs: b.counted(b.plural(t.sentences.gaps, g.submissions), g.coverage, g.trace),
  });
  b.heading(3, 'gaps-themes', t.headings.themes);
  b.themes(g.themes, g.themeSample);
  b.heading(3, 'gaps-terms', t.headings.terms);
  b.add(b.terms(g.terms));
  b.heading(3, 'gaps-quotes', t.headings.quotes);
  if (g.quotes.length === 0) b.add(paragraph(t.sentences.noQuotes, 'note'));
  b.add(...g.quotes.map((q) => b.quote(q)));
}

function contributors(b: OutlineBuilder, model: ReportModel) {
  const { t } = b;
  b.heading(2, 'contributors', t.headings.contributors, true);
  if (model.contributors.length === 0) {
    b.add(paragraph(t.sentences.noContributors));
    return;
  }
  b.add(paragraph(b.plural(t.sentences.contributors, model.contributors.length)));
  for (const type of STAKEHOLDER_TYPES) {
    const names = model.contributors.filter((c) => c.stakeholderType === type).map((c) => c.organization);
    if (names.length === 0) continue;
    b.heading(
      3,
      `contributors-${type}`,
      format(t.sentences.contributorGroup, { type: b.stakeholder(type), count: b.n.count(names.length) }),
    );
    b.add({ kind: 'list', items: names.map(text), columns: true });
  }
}

function methodology(
  b: OutlineBuilder,
  model: ReportModel,
  date: (iso: string) => string,
  consultation: Consultation | undefined,
) {
  const { t, n } = b;
  const m = model.methodology;
  const a = t.annex;
  const q = t.annexQuality;
  b.heading(2, 'methodology', t.headings.methodology, true);
  b.add(...a.method.map((p) => paragraph(p)));
  b.add(
    paragraph(m.quotePolicy === 'tagged' ? t.synthesis.quotePolicyTagged : t.synthesis.quotePolicyReviewed),
  );

  // The versions that set this report's tags, each with the quality stored when it was trained.
  b.heading(3, 'model', q.versionsHeading);
  const versions = m.versions.map((v) => format(a.tagVersion, { version: v.version, tags: n.count(v.tags) }));
  b.add(
    paragraph(
      versions.length === 0
        ? a.noTags
        : b.plural(a.tagVersions, versions.length, { versions: versions.join(', ') }),
    ),
  );
  const measured = m.versions.filter((v) => v.trainedAt);
  if (measured.length > 0) {
    b.add(paragraph(q.versionsNote, 'note'));
    b.add(
      b.table(
        q.versionsHeading,
        [
          t.labels.version,
          t.labels.tags,
          t.labels.trainedAt,
          t.labels.trainingExamples,
          q.crossValidation,
          q.validation,
          q.independent,
        ],
        measured.map((v) => [
          v.version,
          v.tags,
          date(v.trainedAt ?? ''),
          v.trainingExamples ?? '–',
          n.decimal(v.crossValidation?.macroF1),
          n.decimal(v.validation?.macroF1),
          n.decimal(v.independent?.macroF1),
        ]),
      ),
    );
  }
  for (const v of m.versions.filter((v) => !v.trainedAt))
    b.add(paragraph(format(q.noQuality, { version: v.version }), 'note'));
  const current = m.model;
  if (current && !m.versions.some((v) => v.version === current.version))
    b.add(paragraph(format(a.currentModelUnused, { version: current.version }), 'note'));

  // Thresholds of the version behind most tags (or the current model's, before any tag).
  const main = m.versions.find((v) => v.thresholds) ?? (current ? { ...current, tags: 0 } : undefined);
  if (main?.thresholds) {
    const thresholds = main.thresholds;
    b.heading(3, 'thresholds', q.thresholdsHeading);
    b.add(paragraph(format(q.thresholdsNote, { version: main.version }), 'note'));
    b.add(
      b.table(
        q.thresholdsHeading,
        [t.labels.recommendation, t.labels.threshold],
        model.recommendations.map((r) => [r.id, n.decimal(thresholds[r.id])]),
      ),
    );
  }

  // The codebook, condensed from the consultation: what earns each tag and what does not.
  b.heading(3, 'codebook', q.codebookHeading);
  const coded = (consultation?.recommendations ?? []).filter((r) => r.codebook);
  if (coded.length === 0) b.add(paragraph(q.noCodebook));
  else {
    b.add(paragraph(q.codebookNote));
    b.add({
      kind: 'list',
      items: coded.map((r) =>
        text(
          format(q.codebookEntry, {
            id: r.id,
            include: localize(r.codebook?.include ?? { en: '' }, b.language),
            exclude: localize(r.codebook?.exclude ?? { en: '' }, b.language),
          }),
        ),
      ),
    });
  }

  b.heading(3, 'review', t.headings.review);
  b.add(
    paragraph(
      b.plural(a.reviewCoverage, model.counts.analysed, { reviewed: n.count(m.reviewedSubmissions) }),
    ),
  );
  b.add(
    b.table(
      t.headings.review,
      [t.labels.item, t.labels.tags],
      [
        [t.labels.modelTags, m.tags.model],
        [t.labels.confirmedTags, m.tags.reviewerConfirmed],
        [t.labels.addedTags, m.tags.reviewerAdded],
        [t.labels.rejectedTags, m.tags.reviewerRejected],
      ],
    ),
  );

  b.heading(3, 'agreement', q.agreementHeading);
  const agreement = model.recommendations.map((r) => ({ id: r.id, ...m.agreement[r.id] }));
  if (m.reviewedSubmissions === 0) b.add(paragraph(q.noAgreement));
  else {
    b.add(paragraph(q.agreementNote, 'note'));
    b.add(
      b.table(
        q.agreementHeading,
        [t.labels.recommendation, q.confirmed, q.rejected, q.added, t.labels.precision, t.labels.recall],
        agreement.map((r) => [
          r.id,
          r.confirmed ?? 0,
          r.rejected ?? 0,
          r.added ?? 0,
          n.decimal(r.precision ?? undefined),
          n.decimal(r.recall ?? undefined),
        ]),
      ),
    );
  }

  b.heading(3, 'languages', t.headings.languageCoverage);
  b.add(
    b.table(
      t.headings.languageCoverage,
      [t.labels.language, t.labels.submissions, t.labels.detected],
      m.languages.map((l) => [t.languageNames[l.language], l.submissions, l.detected]),
    ),
  );
}
