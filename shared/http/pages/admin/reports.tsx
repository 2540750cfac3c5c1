import { type Consultation, type Language, localize } from '../../../consultation.js';
import type { Coverage, ReportFormat, ReportManifest } from '../../../stores/ports.js';
import { TRACE } from '../../../synthesis/model.js';
import type { ReportChanges, ReportListing } from '../../../synthesis/publication.js';
import type { SecretariatReport } from '../../../synthesis/trace.js';
import { CATALOGUES, type Catalogue, format, formatDateTime } from '../../i18n/index.js';

import { AdminLayout, type AdminPageProps, PostButton } from './layout.js';

/** "12 of 78 reviewed", or "provisional: 12 of 78 reviewed" while some are not. */
export function coverageText(t: Catalogue, coverage: Coverage): string {
  const r = t.admin.reports;
  return format(coverage.reviewed < coverage.total ? r.provisional : r.reviewedOf, { ...coverage });
}

function Models(props: { t: Catalogue; versions: ReportManifest['modelVersions'] }) {
  if (props.versions.length === 0) return <span class="meta">{props.t.admin.reports.noModel}</span>;
  return <>{props.versions.map((v) => `${v.version} (${v.tags})`).join(', ')}</>;
}

export interface ReportsPageProps extends AdminPageProps {
  consultation: Consultation;
  items: ReportListing[];
  /** The report just published, to confirm it. */
  published?: string | undefined;
}

export function ReportsPage(props: ReportsPageProps) {
  const { t, lang, principal, consultation, items, published } = props;
  const r = t.admin.reports;
  const base = `/admin/consultations/${encodeURIComponent(consultation.id)}/reports`;
  return (
    <AdminLayout {...props} title={r.title}>
      <p class="eyebrow">{localize(consultation.workingSession, lang)}</p>
      <h1>{r.title}</h1>
      <p>{r.intro}</p>
      {published && items.some((i) => i.reportId === published && i.status === 'published') && (
        <div class="panel ok" role="status">
          <p>{r.published}</p>
        </div>
      )}
      {items.length === 0 ? (
        <p>{r.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{r.compiledAt}</th>
              <th scope="col">{r.status}</th>
              <th scope="col">{r.submissions}</th>
              <th scope="col">{r.coverage}</th>
              <th scope="col">{r.models}</th>
              <th scope="col">
                <span class="visually-hidden">{r.publish}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr>
                <td>
                  <a href={`${base}/${item.reportId}`}>{formatDateTime(item.compiledAt, lang)}</a>
                </td>
                <td>
                  {r.statuses[item.status]}
                  {item.latest && <span class="pill reviewer">{r.current}</span>}
                  {item.publishedAt && (
                    <>
                      <br />
                      <span class="meta">
                        {format(r.publishedBy, {
                          date: formatDateTime(item.publishedAt, lang),
                          email: item.publishedBy ?? '',
                        })}
                      </span>
                    </>
                  )}
                </td>
                <td class="num">{item.submissions}</td>
                <td>{coverageText(t, item.coverage)}</td>
                <td>
                  <Models t={t} versions={item.modelVersions} />
                </td>
                <td>
                  {!item.latest && (
                    <PostButton
                      principal={principal}
                      action={`${base}/${item.reportId}/publish`}
                      label={r.publish}
                      class="small"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export interface ReportPreviewProps extends AdminPageProps {
  consultation: Consultation;
  run: ReportManifest;
  report: SecretariatReport;
  changes: ReportChanges;
  isLatest: boolean;
  files: { format: ReportFormat; language: Language; href: string }[];
}

/** A number of the report and the link to exactly the submissions behind it. */
interface Traced {
  label: string;
  key: string;
  count: number;
  coverage?: Coverage;
}

function tracedNumbers(t: Catalogue, report: SecretariatReport): Traced[] {
  const r = t.admin.reports;
  return [
    {
      label: r.keys.included,
      key: TRACE.included,
      count: report.counts.included,
      coverage: report.counts.coverage,
    },
    { label: r.keys.analysed, key: TRACE.analysed, count: report.counts.analysed },
    { label: r.keys.flagged, key: TRACE.flagged, count: report.counts.flagged },
    { label: r.keys.counted, key: TRACE.counted, count: report.counts.counted },
    ...report.recommendations.flatMap((rec) => [
      { label: `${rec.id} ${rec.text}`, key: rec.trace, count: rec.submissions, coverage: rec.coverage },
      ...(rec.themes ?? []).map((theme) => ({
        label: format(r.theme, { name: theme.name }),
        key: theme.trace,
        count: theme.submissions,
        coverage: theme.coverage,
      })),
    ]),
    ...report.questions.map((q) => ({
      label: format(r.question, { id: q.id }),
      key: q.trace,
      count: q.answers,
      coverage: q.coverage,
    })),
    {
      label: r.keys.gaps,
      key: report.gaps.trace,
      count: report.gaps.submissions,
      coverage: report.gaps.coverage,
    },
  ];
}

export function ReportPreviewPage(props: ReportPreviewProps) {
  const { t, lang, principal, consultation, run, report, changes, isLatest, files } = props;
  const r = t.admin.reports;
  const triage = `/admin/consultations/${encodeURIComponent(consultation.id)}`;
  const title = format(r.previewTitle, { date: formatDateTime(run.generatedAt, lang) });
  return (
    <AdminLayout {...props} title={title}>
      <p class="eyebrow">{localize(consultation.workingSession, lang)}</p>
      <h1>{title}</h1>
      <p>
        {r.statuses[run.published ? 'published' : 'draft']} · {coverageText(t, run.coverage)} · {r.models}:{' '}
        <Models t={t} versions={run.modelVersions} />
      </p>

      <h2>{r.formatsHeading}</h2>
      <ul class="formats">
        {files.map((f) => (
          <li>
            <a href={f.href}>
              {t.reportPage.formats[f.format]} · {CATALOGUES[f.language].languageName}
            </a>
          </li>
        ))}
      </ul>

      <h2>{r.changesHeading}</h2>
      <p>
        {changes.since
          ? format(r.changesSince, { date: formatDateTime(changes.since, lang) })
          : r.firstPublication}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{r.recommendation}</th>
            <th scope="col">{r.before}</th>
            <th scope="col">{r.after}</th>
          </tr>
        </thead>
        <tbody>
          {changes.recommendations.map((c) => (
            <tr>
              <th scope="row">{c.id}</th>
              <td class="num">{c.published}</td>
              <td class="num">{c.draft}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{r.counted}</th>
            <td class="num">{changes.counted.published}</td>
            <td class="num">{changes.counted.draft}</td>
          </tr>
        </tbody>
      </table>
      <h3>{r.newThemes}</h3>
      {changes.newThemes.length === 0 ? (
        <p>{r.noNewThemes}</p>
      ) : (
        <ul>
          {changes.newThemes.map((name) => (
            <li>{name}</li>
          ))}
        </ul>
      )}

      <h2>{r.numbersHeading}</h2>
      <p>{r.numbersIntro}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{r.number}</th>
            <th scope="col">{r.count}</th>
            <th scope="col">{r.coverage}</th>
          </tr>
        </thead>
        <tbody>
          {tracedNumbers(t, report).map((n) => (
            <tr>
              <th scope="row">{n.label}</th>
              <td class="num">
                <a
                  href={`${triage}?${new URLSearchParams({ report: run.stamp, key: n.key, limit: '500' })}`}
                  data-key={n.key}
                >
                  {n.count}
                </a>
              </td>
              <td>{n.coverage ? coverageText(t, n.coverage) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{r.publishHeading}</h2>
      {isLatest ? (
        <p>{r.current}</p>
      ) : (
        <>
          <p>{r.publishIntro}</p>
          <PostButton
            principal={principal}
            action={`/admin/consultations/${encodeURIComponent(consultation.id)}/reports/${run.stamp}/publish`}
            label={r.publish}
            class="primary"
          />
        </>
      )}
    </AdminLayout>
  );
}
