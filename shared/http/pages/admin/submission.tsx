import { type Consultation, localize } from '../../../consultation.js';
import { countryName, regionOf } from '../../../countries.js';
import { DOCUMENT_ANSWER_KEY } from '../../../documents/model.js';
import type { HistoryEntry } from '../../../review/audit.js';
import { isLiveRecord, type VisibleRecord } from '../../../review/visibility.js';
import { EXCLUSION_REASONS, REVIEWER_ADDED, type Submission, type Tag } from '../../../submission.js';
import { CATALOGUES, type Catalogue, format, formatDateTime, plural } from '../../i18n/index.js';
import { DocumentAnswerNote, DocumentPanel } from './document-panel.js';
import { AuditTable } from './history.js';
import { AdminLayout, type AdminPageProps, CsrfField, PostButton } from './layout.js';

interface Span {
  start: number;
  end: number;
  recs: Set<string>;
}

/** The evidence passages of an answer, located in its text and merged where they overlap. */
export function evidenceSpans(text: string, tags: readonly Tag[], questionId: string): Span[] {
  const spans: Span[] = [];
  for (const tag of tags) {
    for (const e of tag.evidence) {
      if (e.questionId !== questionId) continue;
      // Offsets can drift if the text was normalised after tagging; the sentence itself is the anchor.
      const start = text.slice(e.start, e.end) === e.text ? e.start : text.indexOf(e.text);
      if (start < 0 || e.text.length === 0) continue;
      spans.push({ start, end: start + e.text.length, recs: new Set([tag.recommendationId]) });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      for (const r of span.recs) last.recs.add(r);
    } else merged.push({ ...span, recs: new Set(span.recs) });
  }
  return merged;
}

function Highlighted(props: { text: string; spans: Span[] }) {
  const parts = [];
  let at = 0;
  for (const span of props.spans) {
    parts.push(props.text.slice(at, span.start));
    parts.push(
      <mark>
        {props.text.slice(span.start, span.end)} <span class="rec">[{[...span.recs].sort().join(' ')}]</span>
      </mark>,
    );
    at = span.end;
  }
  parts.push(props.text.slice(at));
  return <div class="answer">{parts}</div>;
}

function tagState(
  t: Catalogue,
  submission: Pick<Submission, 'tags' | 'rejectedTags'>,
  recId: string,
): string {
  const tag = submission.tags.find((x) => x.recommendationId === recId);
  const v = t.admin.view;
  if (!tag) return (submission.rejectedTags ?? []).includes(recId) ? v.rejectedBefore : v.untagged;
  if (tag.modelVersion === REVIEWER_ADDED) return v.added;
  const score = format(v.modelScore, { score: tag.score.toFixed(2) });
  return tag.source === 'reviewer' ? `${score}, ${v.confirmed}` : score;
}

export interface SubmissionPageProps extends AdminPageProps {
  consultation: Consultation;
  /** As the signed-in role may see it (asSeenBy): contact data only for admins. */
  submission: VisibleRecord;
  history: HistoryEntry[];
  /** The filtered list the reviewer came from, as a query string, and where this submission is in it. */
  listQuery: string;
  place: { total: number; position?: number; previous?: string; next?: string };
  group?: { members: string[]; campaign?: { groupId: string; size: number } };
  notice?: { kind: 'saved' | 'conflict'; version?: number };
}

export function SubmissionPage(props: SubmissionPageProps) {
  const { t, lang, principal, consultation, submission, history, listQuery, place, group, notice } = props;
  const v = t.admin.view;
  const link = (id: string) => `/admin/submissions/${encodeURIComponent(id)}${listQuery}`;
  const listLink = `/admin/consultations/${encodeURIComponent(consultation.id)}${listQuery}`;
  const title = format(v.title, { id: submission.id });
  const live = isLiveRecord(submission) ? submission : undefined;

  return (
    <AdminLayout {...props} title={title} scripts={['/admin/assets/review.js']}>
      <nav class="pager" aria-label={v.backToList}>
        <a href={listLink}>{v.backToList}</a>
        {place.previous && (
          <a href={link(place.previous)} rel="prev">
            {v.previous}
          </a>
        )}
        {place.next && (
          <a href={link(place.next)} rel="next">
            {v.next}
          </a>
        )}
        {place.position && (
          <span class="meta">{format(v.position, { n: place.position, total: place.total })}</span>
        )}
      </nav>
      <h1>{live ? <bdi>{live.stakeholder.organization}</bdi> : title}</h1>
      <p class="meta">
        {title} · {t.admin.statuses[submission.status]} · {format(v.version, { version: submission.version })}
        {live?.reviewedBy &&
          ` · ${format(v.reviewedBy, { email: live.reviewedBy, date: formatDateTime(live.reviewedAt ?? live.updatedAt, lang) })}`}
      </p>
      {notice?.kind === 'saved' && (
        <div class="panel ok" role="status">
          <p>{format(v.saved, { version: notice.version ?? submission.version })}</p>
        </div>
      )}
      {notice?.kind === 'conflict' && (
        <div class="panel error" role="alert">
          <p>{v.conflict}</p>
        </div>
      )}
      {!live ? (
        <p>{v.withdrawn}</p>
      ) : (
        <div class="layout-two">
          <div>
            <h2>{v.submitterHeading}</h2>
            <dl class="facts">
              <dt>{t.admin.triage.stakeholderType}</dt>
              <dd>{t.stakeholderTypes[live.stakeholder.type]}</dd>
              <dt>{t.admin.triage.country}</dt>
              <dd>
                {countryName(live.stakeholder.country, lang)} ·{' '}
                {(t.admin.regions as Record<string, string>)[regionOf(live.stakeholder.country)]}
              </dd>
              <dt>{t.admin.triage.language}</dt>
              <dd>{CATALOGUES[live.language].languageName}</dd>
              {live.stakeholder.email !== undefined && (
                <>
                  <dt>{v.contactName}</dt>
                  <dd>
                    <bdi>{live.stakeholder.contactName ?? '—'}</bdi>
                  </dd>
                  <dt>{v.email}</dt>
                  <dd>{live.stakeholder.email}</dd>
                </>
              )}
              <dt>{v.consent}</dt>
              <dd>
                {live.consent.quote ? t.receipt.consentQuoteYes : t.receipt.consentQuoteNo} ·{' '}
                {live.consent.attribution ? t.receipt.consentAttributionYes : t.receipt.consentAttributionNo}
              </dd>
            </dl>
            <p class="meta">{v.contactNote}</p>
            <DocumentPanel t={t} lang={lang} submission={live} />
            <h2>{v.answersHeading}</h2>
            <p class="meta">{v.evidenceNote}</p>
            {consultation.questions
              .filter((q) => live.answers[q.id])
              .map((q) => (
                <section>
                  <h3>
                    {q.id}. {localize(q.text, lang)}
                  </h3>
                  <DocumentAnswerNote t={t} submission={live} answerKey={q.id} />
                  <Highlighted
                    text={live.answers[q.id] ?? ''}
                    spans={evidenceSpans(live.answers[q.id] ?? '', live.tags, q.id)}
                  />
                </section>
              ))}
            {live.answers[DOCUMENT_ANSWER_KEY] && (
              <section>
                <h3>{t.documents.review.generalAnswer}</h3>
                <Highlighted
                  text={live.answers[DOCUMENT_ANSWER_KEY]}
                  spans={evidenceSpans(live.answers[DOCUMENT_ANSWER_KEY], live.tags, DOCUMENT_ANSWER_KEY)}
                />
              </section>
            )}
          </div>
          <div>
            <h2>{v.decisionHeading}</h2>
            <form method="post" action={link(submission.id)} id="decision">
              <CsrfField principal={principal} />
              <input type="hidden" name="version" value={String(live.version)} />
              <fieldset class="tags">
                <legend>{v.tagsLegend}</legend>
                {consultation.recommendations.map((r) => {
                  const tag = live.tags.find((x) => x.recommendationId === r.id);
                  return (
                    <div class="check">
                      <input
                        type="checkbox"
                        id={`tag-${r.id}`}
                        name="tags"
                        value={r.id}
                        checked={Boolean(tag)}
                        data-model={tag && tag.modelVersion !== REVIEWER_ADDED ? 'true' : undefined}
                      />
                      <label for={`tag-${r.id}`}>
                        <strong>{r.id}</strong> {localize(r.text, lang)}{' '}
                        <span class="meta">({tagState(t, live, r.id)})</span>
                        {tag?.uncertain && tag.source === 'model' && (
                          <span class="pill uncertain" title={t.admin.tagging.unsureTitle}>
                            {t.admin.tagging.unsure}
                          </span>
                        )}
                      </label>
                      {r.codebook && (
                        <details class="codebook">
                          <summary>{t.admin.tagging.codebookHeading}</summary>
                          <dl>
                            <dt>{t.admin.tagging.codebookInclude}</dt>
                            <dd>{localize(r.codebook.include, lang)}</dd>
                            <dt>{t.admin.tagging.codebookExclude}</dt>
                            <dd>{localize(r.codebook.exclude, lang)}</dd>
                          </dl>
                        </details>
                      )}
                    </div>
                  );
                })}
              </fieldset>
              <div class="field">
                <label for="exclusion">{v.exclusion}</label>
                <select id="exclusion" name="exclusion">
                  <option value="">{v.keep}</option>
                  {EXCLUSION_REASONS.map((reason) => (
                    <option value={reason} selected={live.exclusionReason === reason}>
                      {t.admin.exclusionReasons[reason]}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="note">{v.note}</label>
                <textarea id="note" name="note" rows={3}>
                  {live.reviewNote ?? ''}
                </textarea>
              </div>
              <div class="actions">
                <button type="submit" id="save" name="then" value="stay">
                  {v.save}
                </button>
                {place.next && (
                  <button type="submit" name="then" value="next" class="secondary">
                    {v.saveAndNext}
                  </button>
                )}
              </div>
            </form>
            <h2>{v.shortcutsHeading}</h2>
            <dl class="shortcuts">
              <dt>
                <kbd>n</kbd> / <kbd>p</kbd>
              </dt>
              <dd>
                {v.shortcutNext} / {v.shortcutPrevious}
              </dd>
              <dt>
                <kbd>1</kbd>…<kbd>{String(consultation.recommendations.length)}</kbd>
              </dt>
              <dd>{v.shortcutToggle}</dd>
              <dt>
                <kbd>a</kbd>
              </dt>
              <dd>{v.shortcutConfirmAll}</dd>
              <dt>
                <kbd>x</kbd>
              </dt>
              <dd>{v.shortcutExclude}</dd>
              <dt>
                <kbd>s</kbd>
              </dt>
              <dd>{v.shortcutSave}</dd>
            </dl>
            {group && <GroupPanel {...props} group={group} />}
          </div>
        </div>
      )}
      <h2 id="history">{v.historyHeading}</h2>
      <AuditTable t={t} lang={lang} entries={history} caption={v.historyHeading} />
    </AdminLayout>
  );
}

function GroupPanel(props: SubmissionPageProps & { group: NonNullable<SubmissionPageProps['group']> }) {
  const { t, lang, principal, consultation, submission, group } = props;
  const v = t.admin.view;
  return (
    <section aria-labelledby="group-heading">
      <h2 id="group-heading">{v.groupHeading}</h2>
      {group.members.length < 2 ? (
        <p>{v.groupNone}</p>
      ) : (
        <>
          <p>{plural(lang, v.groupOf, group.members.length)}</p>
          {group.campaign && <p>{format(v.campaignMarked, { size: group.campaign.size })}</p>}
          <ul>
            {group.members
              .filter((id) => id !== submission.id)
              .map((id) => (
                <li>
                  <a href={`/admin/submissions/${encodeURIComponent(id)}`}>{id}</a>
                </li>
              ))}
          </ul>
          <PostButton
            principal={principal}
            action={`/admin/consultations/${encodeURIComponent(consultation.id)}/campaigns/${encodeURIComponent(group.members[0] ?? '')}`}
            fields={{ campaign: group.campaign ? 'no' : 'yes', back: submission.id }}
            label={group.campaign ? v.unmarkCampaign : v.markCampaign}
            class="secondary"
          />
        </>
      )}
    </section>
  );
}
