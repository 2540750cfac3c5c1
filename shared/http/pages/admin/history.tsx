import type { Language } from '../../../consultation.js';
import type { HistoryEntry } from '../../../review/audit.js';
import { type Catalogue, formatDateTime } from '../../i18n/index.js';

function Values(props: { values: Record<string, unknown> }) {
  const lines = Object.entries(props.values).map(
    ([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : JSON.stringify(v)}`,
  );
  return <pre class="diff">{lines.join('\n')}</pre>;
}

/** Audit entries as a table: the submission's history and the admin log show them alike. */
export function AuditTable(props: {
  t: Catalogue;
  lang: Language;
  entries: (HistoryEntry | (Omit<HistoryEntry, 'landed'> & { landed?: boolean }))[];
  showSubject?: boolean;
  caption: string;
}) {
  const { t, lang, entries } = props;
  const a = t.admin.audit;
  if (entries.length === 0) return <p>{a.none}</p>;
  return (
    <table>
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{a.when}</th>
          <th scope="col">{a.who}</th>
          {props.showSubject && <th scope="col">{a.subject}</th>}
          <th scope="col">{a.what}</th>
          <th scope="col">{a.before}</th>
          <th scope="col">{a.after}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr>
            <td>{formatDateTime(e.at, lang)}</td>
            <td>{e.actor}</td>
            {props.showSubject && (
              <td>
                {e.submissionId ? (
                  <a href={`/admin/submissions/${encodeURIComponent(e.submissionId)}`}>{e.submissionId}</a>
                ) : (
                  e.account
                )}
              </td>
            )}
            <td>
              {a.actions[e.action]}
              {e.version !== undefined && <span class="meta"> · v{e.version}</span>}
              {e.landed === false && (
                <>
                  <br />
                  <span class="orphan">{a.orphan}</span>
                </>
              )}
            </td>
            <td>
              <Values values={e.before} />
            </td>
            <td>
              <Values values={e.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
