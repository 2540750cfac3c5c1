import { z } from 'zod';
import type { Consultation } from '../consultation.js';
import { regionOf } from '../countries.js';
import { ValidationError } from '../errors.js';
import { screeningOf } from '../screening.js';
import type { StoredSubmission, SubmissionStore } from '../stores/ports.js';
import { STAKEHOLDER_TYPES, SUBMISSION_STATUSES, type Submission } from '../submission.js';
import { certainty } from '../tagging/calibration.js';
import { parseOrThrow } from '../validation.js';

/**
 * The triage list: a consultation's submissions, filtered, counted per filter value, sorted and paged.
 *
 * Input: the query as the page or the API received it. Output: one page of submissions, the count of
 * matches, the count per value of each filter (under the other filters), and a cursor to the next page.
 *
 * It reads the consultation through the sharded listing index (no Scan) and filters here: counts
 * per value need every match anyway, so the cursor is a keyset over the sorted matches (sort key and
 * id of the last row), stable while submissions arrive. At millions of submissions the filters and
 * counts belong in a search index (see the README's numbers).
 */
export const SORTS = ['newest', 'oldest', 'score', 'organization', 'uncertain'] as const;
export const TAG_SOURCES = ['any', 'model', 'reviewer'] as const;

const score = z.coerce.number();

export const triageQuerySchema = z.strictObject({
  rec: z.string().max(8).optional(),
  source: z.enum(TAG_SOURCES).default('any'),
  question: z.string().max(8).optional(),
  type: z.enum(STAKEHOLDER_TYPES).optional(),
  region: z.string().max(40).optional(),
  country: z.string().trim().toUpperCase().length(2).optional(),
  language: z.string().max(8).optional(),
  status: z.enum(SUBMISSION_STATUSES).optional(),
  flagged: z.enum(['yes', 'no']).optional(),
  /** A report and one of its trace keys: exactly the submissions behind that count or theme. */
  report: z
    .string()
    .regex(/^\d{8}T\d{9}Z$/)
    .optional(),
  key: z.string().max(120).optional(),
  minScore: score.optional(),
  maxScore: score.optional(),
  q: z.string().trim().max(200).optional(),
  /** "Needs a look": only submissions with a model tag the model is unsure of. */
  uncertain: z
    .enum(['true', '1'])
    .transform(() => true as const)
    .optional(),
  sort: z.enum(SORTS).default('newest'),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type TriageQuery = z.output<typeof triageQuerySchema>;

/** Filter fields a query string may carry, in the order the form shows them. */
export const FACETS = [
  'rec',
  'question',
  'type',
  'region',
  'country',
  'language',
  'status',
  'flagged',
] as const;
export type Facet = (typeof FACETS)[number];

/** Page parameters that are not filters: the language switch, and the submission view's "saved" notice. */
const IGNORED = new Set(['lang', 'saved']);

/** Parses a query string's fields; blank fields (an unchosen select) count as absent. */
export function parseTriageQuery(
  raw: Record<string, string | undefined>,
  consultation: Consultation,
): TriageQuery {
  const given = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => !IGNORED.has(k) && v !== undefined && v.trim() !== ''),
  );
  const query = parseOrThrow(triageQuerySchema, given);
  if (query.rec && !consultation.recommendations.some((r) => r.id === query.rec))
    throw new ValidationError([{ path: 'rec', code: 'unknown_recommendation', params: { id: query.rec } }]);
  for (const path of ['minScore', 'maxScore'] as const) {
    const value = query[path];
    // Checked here, not in the schema: out of range is a wrong value, not the over-long text zod's max implies.
    if (value !== undefined && !(value >= 0 && value <= 1))
      throw new ValidationError([{ path, code: 'score_range' }]);
  }
  if ((query.report === undefined) !== (query.key === undefined))
    throw new ValidationError([{ path: query.report ? 'key' : 'report', code: 'required' }]);
  if (query.question && !consultation.questions.some((q) => q.id === query.question))
    throw new ValidationError([
      { path: 'question', code: 'unknown_question', params: { id: query.question } },
    ]);
  return query;
}

/** The query as a query string, without the cursor: what links to the same list carry. */
export function queryString(
  query: Partial<TriageQuery>,
  overrides: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  const defaults: Record<string, unknown> = { source: 'any', sort: 'newest', limit: 50 };
  for (const [key, value] of Object.entries({ ...query, cursor: undefined, ...overrides })) {
    if (value === undefined || value === '' || defaults[key] === value) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const isLive = (s: StoredSubmission): s is Submission => s.status !== 'withdrawn';

/** Lower case without accents, so "societe" finds "Société". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function tagsFor(s: Submission, source: TriageQuery['source']) {
  return source === 'any' ? s.tags : s.tags.filter((t) => t.source === source);
}

/** The score a row is filtered and sorted by: its tag for the chosen recommendation, else its best tag. */
export function rowScore(s: StoredSubmission, query: Pick<TriageQuery, 'rec' | 'source'>): number {
  if (!isLive(s)) return 0;
  const tags = tagsFor(s, query.source).filter((t) => !query.rec || t.recommendationId === query.rec);
  return tags.reduce((best, t) => Math.max(best, t.score), 0);
}

/**
 * How sure the model is of a row's least certain model tag (for the chosen recommendation, if any),
 * from 0 (a coin toss) to 1; rows with no uncertain tag get 2, so "most uncertain first" puts them last.
 */
export function rowCertainty(s: StoredSubmission, query: Pick<TriageQuery, 'rec'>): number {
  if (!isLive(s)) return 2;
  return s.tags
    .filter((t) => t.uncertain && t.source === 'model' && (!query.rec || t.recommendationId === query.rec))
    .reduce((least, t) => Math.min(least, certainty(t.score)), 2);
}

/** The value a submission has for a facet; several for recommendations and questions. */
function facetValues(s: StoredSubmission, facet: Facet, source: TriageQuery['source']): string[] {
  if (facet === 'status') return [s.status];
  if (!isLive(s)) return [];
  switch (facet) {
    case 'rec':
      return [...new Set(tagsFor(s, source).map((t) => t.recommendationId))];
    case 'question':
      return Object.keys(s.answers);
    case 'type':
      return [s.stakeholder.type];
    case 'region':
      return [regionOf(s.stakeholder.country)];
    case 'country':
      return [s.stakeholder.country];
    case 'language':
      return [s.language];
    case 'flagged':
      return [screeningOf(s).flagged ? 'yes' : 'no'];
  }
}

/**
 * `only`: the ids a report's trace key stands for (see `report` and `key`); the route reads them
 * from the report, so that the list shows exactly the submissions behind a count.
 */
function matches(
  s: StoredSubmission,
  query: TriageQuery,
  only?: ReadonlySet<string>,
  except?: Facet,
): boolean {
  if (only && !only.has(s.id)) return false;
  for (const facet of FACETS) {
    const wanted = query[facet];
    if (facet === except || wanted === undefined) continue;
    if (!facetValues(s, facet, query.source).includes(wanted)) return false;
  }
  if (query.minScore !== undefined || query.maxScore !== undefined) {
    if (!isLive(s)) return false;
    const value = rowScore(s, query);
    if (value < (query.minScore ?? 0) || value > (query.maxScore ?? 1)) return false;
  }
  if (query.uncertain && rowCertainty(s, query) > 1) return false;
  if (query.q) {
    if (!isLive(s)) return false;
    const haystack = foldText(
      [s.stakeholder.organization, ...Object.values(s.answers), s.reviewNote ?? ''].join('\n'),
    );
    if (
      !foldText(query.q)
        .split(/\s+/)
        .every((term) => haystack.includes(term))
    )
      return false;
  }
  return true;
}

type SortKey = string | number;

function sortKey(s: StoredSubmission, query: TriageQuery): SortKey {
  if (query.sort === 'score') return rowScore(s, query);
  if (query.sort === 'uncertain') return rowCertainty(s, query);
  if (query.sort === 'organization') return isLive(s) ? foldText(s.stakeholder.organization) : '';
  return s.id;
}

/** Negative when a comes first. Ties break on id, so the order is total and a cursor never skips a row. */
function compare(
  a: { key: SortKey; id: string },
  b: { key: SortKey; id: string },
  sort: TriageQuery['sort'],
) {
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  if (sort === 'newest') return -byId;
  if (sort === 'oldest') return byId;
  if (sort === 'score') return (b.key as number) - (a.key as number) || byId;
  if (sort === 'uncertain') return (a.key as number) - (b.key as number) || byId;
  return (a.key as string).localeCompare(b.key as string) || byId;
}

interface Cursor {
  sort: TriageQuery['sort'];
  key: SortKey;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, sort: TriageQuery['sort']): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (
      cursor.sort === sort &&
      typeof cursor.id === 'string' &&
      ['string', 'number'].includes(typeof cursor.key)
    )
      return cursor;
  } catch {
    // falls through to the same answer as a well-formed cursor for another list
  }
  throw new ValidationError([{ path: 'cursor', code: 'invalid_cursor' }]);
}

export interface TriageResult {
  items: StoredSubmission[];
  /** Submissions matching every filter. */
  total: number;
  /** Submissions in the consultation, withdrawn ones included. */
  overall: number;
  /** Per filter, per value: how many submissions match with that value and the other filters. */
  counts: Record<Facet, Record<string, number>>;
  /** Submissions matching the other filters that have a tag the model is unsure of ("needs a look"). */
  uncertain: number;
  cursor?: string;
}

export async function readConsultation(
  store: SubmissionStore,
  consultationId: string,
): Promise<StoredSubmission[]> {
  const all: StoredSubmission[] = [];
  for await (const page of store.listByConsultation(consultationId)) all.push(...page);
  return all;
}

/** The matches of a query in list order. */
export function sortedMatches(
  all: readonly StoredSubmission[],
  query: TriageQuery,
  only?: ReadonlySet<string>,
): StoredSubmission[] {
  return all
    .filter((s) => matches(s, query, only))
    .map((s) => ({ s, key: sortKey(s, query), id: s.id }))
    .sort((a, b) => compare(a, b, query.sort))
    .map(({ s }) => s);
}

export function triage(
  all: readonly StoredSubmission[],
  query: TriageQuery,
  only?: ReadonlySet<string>,
): TriageResult {
  const counts = Object.fromEntries(
    FACETS.map((f) => [f, {} as Record<string, number>]),
  ) as TriageResult['counts'];
  for (const s of all) {
    for (const facet of FACETS) {
      if (!matches(s, query, only, facet)) continue;
      for (const value of facetValues(s, facet, query.source))
        counts[facet][value] = (counts[facet][value] ?? 0) + 1;
    }
  }
  const { uncertain: _, ...withoutUncertain } = query;
  const uncertain = all.filter(
    (s) => matches(s, withoutUncertain, only) && rowCertainty(s, query) <= 1,
  ).length;
  const sorted = sortedMatches(all, query, only);
  const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
  const start = after
    ? sorted.findIndex((s) => compare({ key: sortKey(s, query), id: s.id }, after, query.sort) > 0)
    : 0;
  const items = start < 0 ? [] : sorted.slice(start, start + query.limit);
  const last = items.at(-1);
  const more = start >= 0 && start + query.limit < sorted.length;
  return {
    items,
    total: sorted.length,
    overall: all.length,
    counts,
    uncertain,
    ...(more && last
      ? { cursor: encodeCursor({ sort: query.sort, key: sortKey(last, query), id: last.id }) }
      : {}),
  };
}

/** Where a submission stands in a list, and its neighbours: the submission view's previous and next. */
export function neighbours(
  all: readonly StoredSubmission[],
  query: TriageQuery,
  id: string,
  only?: ReadonlySet<string>,
): { total: number; position?: number; previous?: string; next?: string } {
  const sorted = sortedMatches(all, query, only);
  const index = sorted.findIndex((s) => s.id === id);
  if (index < 0) return { total: sorted.length };
  return {
    total: sorted.length,
    position: index + 1,
    ...(index > 0 ? { previous: sorted[index - 1]?.id } : {}),
    ...(index + 1 < sorted.length ? { next: sorted[index + 1]?.id } : {}),
  };
}
