import { type Consultation, LANGUAGES, type Language, localize } from '../../../consultation.js';
import { countryName, regionOf } from '../../../countries.js';
import {
  type Facet,
  queryString,
  SORTS,
  TAG_SOURCES,
  type TriageQuery,
  type TriageResult,
} from '../../../review/triage.js';
import { screeningOf } from '../../../screening.js';
import type { StoredSubmission } from '../../../stores/ports.js';
import {
  STAKEHOLDER_TYPES,
  type StakeholderType,
  SUBMISSION_STATUSES,
  type Submission,
  type SubmissionStatus,
} from '../../../submission.js';
import { CATALOGUES, type Catalogue, format, formatDateTime, plural } from '../../i18n/index.js';
import { AdminLayout, type AdminPageProps } from './layout.js';

export function TagPills(props: { t: Catalogue; submission: StoredSubmission }) {
  const { t, submission } = props;
  if (submission.status === 'withdrawn') return null;
  const tags = (submission as Submission).tags;
  const screening = screeningOf(submission as Submission);
  const flag = screening.flagged && (
    <span class="pill flagged">
      {t.admin.triage.flaggedValues.yes}: {screening.signals.map((s) => t.admin.triage.signals[s]).join(', ')}
    </span>
  );
  if (tags.length === 0)
    return (
      <>
        <span class="meta">{t.admin.triage.noTags}</span> {flag}
      </>
    );
  return (
    <>
      {flag}
      {tags.map((tag) => (
        <span
          class={`pill ${tag.source}${tag.uncertain ? ' uncertain' : ''}`}
          title={tag.uncertain ? t.admin.tagging.unsureTitle : undefined}
        >
          {tag.recommendationId} {tag.source === 'model' ? tag.score.toFixed(2) : '✓'}
          {tag.uncertain && tag.source === 'model' && ` · ${t.admin.tagging.unsure}`}
        </span>
      ))}
    </>
  );
}

function Choice(props: {
  id: string;
  label: string;
  anyLabel?: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div class="field">
      <label for={`filter-${props.id}`}>{props.label}</label>
      <select id={`filter-${props.id}`} name={props.id}>
        {props.anyLabel !== undefined && <option value="">{props.anyLabel}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface TriagePageProps extends AdminPageProps {
  consultation: Consultation;
  query: TriageQuery;
  result: TriageResult;
  /** Near-identical groups by submission id: their size, and whether they are a marked campaign. */
  groups: Map<string, { size: number; campaign: boolean }>;
  /** Set when the list is a report's trace: which report compiled when, and the number's key. */
  traced?: { compiledAt: string; key: string };
}

export function TriagePage(props: TriagePageProps) {
  const { t, lang, consultation, query, result, groups, traced } = props;
  const a = t.admin.triage;
  const counted = (facet: Facet, value: string, label: string) =>
    format(a.withCount, { label, number: (result.counts[facet][value] ?? 0).toLocaleString(lang) });
  const base = `/admin/consultations/${encodeURIComponent(consultation.id)}`;
  const countries = Object.keys(result.counts.country).sort();
  const regions = [
    ...new Set([...Object.keys(result.counts.region), ...(query.region ? [query.region] : [])]),
  ].sort();
  const regionName = (r: string) => (t.admin.regions as Record<string, string>)[r] ?? r;
  const recIds = consultation.recommendations.map((r) => r.id);
  const questionIds = consultation.questions.map((q) => q.id);
  /** A filter's select: "any", then each value with how many submissions it would leave. */
  const facetChoice = (facet: Facet, label: string, values: readonly string[], name = (v: string) => v) => (
    <Choice
      id={facet}
      label={label}
      anyLabel={a.any}
      value={query[facet]}
      options={values.map((value) => ({ value, label: counted(facet, value, name(value)) }))}
    />
  );

  return (
    <AdminLayout {...props} title={a.title}>
      <p class="eyebrow">{localize(consultation.workingSession, lang)}</p>
      <h1>{a.title}</h1>
      <form method="get" action={base} aria-labelledby="filters-heading">
        <h2 id="filters-heading">{a.filtersHeading}</h2>
        <div class="filters">
          {facetChoice('rec', a.recommendation, recIds)}
          <Choice
            id="source"
            label={a.tagSource}
            value={query.source}
            options={TAG_SOURCES.map((s) => ({
              value: s,
              label: s === 'any' ? a.sourceAny : s === 'model' ? a.sourceModel : a.sourceReviewer,
            }))}
          />
          {facetChoice('question', a.question, questionIds)}
          {facetChoice(
            'type',
            a.stakeholderType,
            STAKEHOLDER_TYPES,
            (v) => t.stakeholderTypes[v as StakeholderType],
          )}
          {facetChoice('region', a.region, regions, regionName)}
          {facetChoice('country', a.country, countries, (code) => countryName(code, lang))}
          {facetChoice(
            'language',
            a.language,
            LANGUAGES,
            (code) => CATALOGUES[code as Language].languageName,
          )}
          {facetChoice(
            'status',
            a.status,
            SUBMISSION_STATUSES,
            (v) => t.admin.statuses[v as SubmissionStatus],
          )}
          {facetChoice('flagged', a.flagged, ['yes', 'no'], (v) => a.flaggedValues[v as 'yes' | 'no'])}
          {query.report && query.key && (
            <>
              <input type="hidden" name="report" value={query.report} />
              <input type="hidden" name="key" value={query.key} />
            </>
          )}
          {(['minScore', 'maxScore'] as const).map((name) => (
            <div class="field">
              <label for={`filter-${name}`}>{a[name]}</label>
              <input
                type="number"
                id={`filter-${name}`}
                name={name}
                min="0"
                max="1"
                step="0.05"
                value={query[name] ?? ''}
              />
            </div>
          ))}
          <div class="field">
            <label for="filter-uncertain">
              <input
                type="checkbox"
                id="filter-uncertain"
                name="uncertain"
                value="true"
                checked={query.uncertain}
              />{' '}
              {format(a.withCount, {
                label: t.admin.tagging.needsLook,
                number: result.uncertain.toLocaleString(lang),
              })}
            </label>
          </div>
          <div class="field">
            <label for="filter-q">{a.search}</label>
            <input type="search" id="filter-q" name="q" value={query.q ?? ''} />
          </div>
          <Choice
            id="sort"
            label={a.sort}
            value={query.sort}
            options={SORTS.map((s) => ({
              value: s,
              label: {
                newest: a.sortNewest,
                oldest: a.sortOldest,
                score: a.sortScore,
                organization: a.sortOrganization,
                uncertain: t.admin.tagging.sortUncertain,
              }[s],
            }))}
          />
        </div>
        <div class="actions">
          <button type="submit">{a.apply}</button>
          <a class="button secondary" href={base}>
            {a.clear}
          </a>
        </div>
      </form>

      {traced && (
        <p class="notice">
          {format(a.traced, { key: traced.key, date: formatDateTime(traced.compiledAt, lang) })}
        </p>
      )}
      <p role="status">
        {plural(lang, a.results, result.overall, { shown: result.total.toLocaleString(lang) })}
      </p>
      <p class="actions">
        <a class="button secondary" href={`${base}/export.csv${queryString(query)}`}>
          {a.exportCsv}
        </a>
        <a class="button secondary" href={`${base}/export.json${queryString(query)}`}>
          {a.exportJson}
        </a>
        <span class="meta">{a.exportHint}</span>
      </p>
      {result.items.length === 0 ? (
        <p>{a.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{a.received}</th>
              <th scope="col">{a.organization}</th>
              <th scope="col">{a.status}</th>
              <th scope="col">{a.tags}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((s) => {
              const group = groups.get(s.id);
              return (
                <tr>
                  <td>
                    <a href={`/admin/submissions/${encodeURIComponent(s.id)}${queryString(query)}`}>
                      {formatDateTime(s.submittedAt, lang)}
                    </a>
                  </td>
                  <td>
                    {s.status === 'withdrawn' ? (
                      <span class="meta">{s.id}</span>
                    ) : (
                      <>
                        <bdi>{(s as Submission).stakeholder.organization}</bdi>
                        <br />
                        <span class="meta">
                          {t.stakeholderTypes[(s as Submission).stakeholder.type]} ·{' '}
                          {countryName((s as Submission).stakeholder.country, lang)} ·{' '}
                          {regionName(regionOf((s as Submission).stakeholder.country))}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{t.admin.statuses[s.status]}</td>
                  <td>
                    <TagPills t={t} submission={s} />
                    {group && (
                      <span class="pill group">
                        {format(group.campaign ? a.campaignBadge : a.groupBadge, { size: group.size })}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={a.title}>
        {query.cursor && <a href={`${base}${queryString(query)}`}>{a.firstPage}</a>}
        {result.cursor && (
          <a href={`${base}${queryString(query, { cursor: result.cursor })}`} rel="next">
            {a.nextPage}
          </a>
        )}
      </nav>
    </AdminLayout>
  );
}
