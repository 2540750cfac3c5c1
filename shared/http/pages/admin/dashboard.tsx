import { type Consultation, localize } from '../../../consultation.js';
import type { Agreement, ReviewStats } from '../../../review/dashboard.js';
import { JOB_KINDS, type JobKind, type JobRecord } from '../../../review/model.js';
import type { ModelManifest } from '../../../stores/ports.js';
import { SUBMISSION_STATUSES } from '../../../submission.js';
import { format, formatDateTime } from '../../i18n/index.js';
import { AdminLayout, type AdminPageProps, CsrfField, PostButton } from './layout.js';

export interface DashboardProps extends AdminPageProps {
  consultation: Consultation;
  stats: ReviewStats;
  jobs: JobRecord[];
  available: readonly JobKind[];
  started?: JobKind;
  /** The model in use, where this deployment can put a stored one in use. */
  model?: { current: ModelManifest | undefined };
  /** The version an admin just put in use. */
  madeCurrent?: string;
}

export function DashboardPage(props: DashboardProps) {
  const { t, lang, principal, consultation, stats, jobs, available, started, model, madeCurrent } = props;
  const d = t.admin.dashboard;
  const m = t.admin.modelAdmin;
  const percent = (value: number | null) =>
    value === null
      ? d.noData
      : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const row = (label: string, a: Agreement) => (
    <tr>
      <th scope="row">{label}</th>
      <td class="num">{a.confirmed}</td>
      <td class="num">{a.rejected}</td>
      <td class="num">{a.added}</td>
      <td class="num">{percent(a.precision)}</td>
      <td class="num">{percent(a.recall)}</td>
    </tr>
  );
  return (
    <AdminLayout {...props} title={d.title}>
      <p class="eyebrow">{localize(consultation.workingSession, lang)}</p>
      <h1>{d.title}</h1>
      {started && (
        <div class="panel ok" role="status">
          <p>{format(d.started, { job: d.jobs[started] })}</p>
        </div>
      )}
      {madeCurrent && (
        <div class="panel ok" role="status">
          <p>{format(m.madeCurrent, { version: madeCurrent })}</p>
        </div>
      )}
      <h2>{d.coverageHeading}</h2>
      <dl class="facts">
        <dt>{d.total}</dt>
        <dd>{stats.total}</dd>
        <dt>{d.decided}</dt>
        <dd>
          {stats.byStatus.reviewed + stats.byStatus.excluded} (
          {format(d.coverage, { percent: percent(stats.coverage) })})
        </dd>
        {SUBMISSION_STATUSES.map((s) => (
          <>
            <dt>{t.admin.statuses[s]}</dt>
            <dd>{stats.byStatus[s]}</dd>
          </>
        ))}
      </dl>
      <h2>{d.agreementHeading}</h2>
      <p>{d.agreementIntro}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.admin.triage.recommendation}</th>
            <th scope="col" class="num">
              {d.confirmed}
            </th>
            <th scope="col" class="num">
              {d.rejected}
            </th>
            <th scope="col" class="num">
              {d.added}
            </th>
            <th scope="col" class="num">
              {d.precision}
            </th>
            <th scope="col" class="num">
              {d.recall}
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(stats.perRecommendation).map(([id, a]) => row(id, a))}
          {row(t.admin.triage.any, stats.overall)}
        </tbody>
      </table>
      <h2>{d.jobsHeading}</h2>
      <table>
        <tbody>
          {JOB_KINDS.map((kind) => {
            const last = jobs.find((j) => j.kind === kind);
            return (
              <tr>
                <th scope="row">{d.jobs[kind]}</th>
                <td>
                  {last ? (
                    <>
                      <strong>{d.jobStates[last.state]}</strong>
                      <br />
                      <span class="meta">
                        {format(d.startedBy, {
                          email: last.startedBy,
                          date: formatDateTime(last.startedAt, lang),
                        })}
                        {last.finishedAt &&
                          ` · ${format(d.finishedAt, { date: formatDateTime(last.finishedAt, lang) })}`}
                      </span>
                      {last.summary && <p>{last.summary}</p>}
                    </>
                  ) : (
                    d.never
                  )}
                </td>
                <td>
                  {available.includes(kind) ? (
                    <PostButton
                      principal={principal}
                      action={`/admin/consultations/${encodeURIComponent(consultation.id)}/jobs/${kind}`}
                      label={d.jobs[kind]}
                      class="small"
                      disabled={last?.state === 'running'}
                    />
                  ) : (
                    <span class="meta">{d.unavailable}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {model && <ModelSection {...props} current={model.current} />}
      <p>
        <a href={`/admin/consultations/${encodeURIComponent(consultation.id)}/dashboard`}>{d.refresh}</a>
      </p>
    </AdminLayout>
  );
}

/** The model in use, and the form that puts a stored version in use instead (an admin's call, audited). */
function ModelSection(props: DashboardProps & { current: ModelManifest | undefined }) {
  const { t, lang, principal, consultation, current } = props;
  const m = t.admin.modelAdmin;
  return (
    <>
      <h2>{m.heading}</h2>
      <p>
        {current
          ? format(m.current, { version: current.version, date: formatDateTime(current.trainedAt, lang) })
          : m.none}
      </p>
      <p class="meta">{m.hint}</p>
      <form
        method="post"
        action={`/admin/consultations/${encodeURIComponent(consultation.id)}/models/make-current`}
      >
        <CsrfField principal={principal} />
        <label for="model-version">{m.versionLabel}</label>
        <input
          id="model-version"
          name="version"
          required
          pattern="[0-9a-f]{16}"
          maxlength={16}
          autocomplete="off"
          spellcheck={false}
        />
        <button type="submit" class="small">
          {m.makeCurrent}
        </button>
      </form>
    </>
  );
}
