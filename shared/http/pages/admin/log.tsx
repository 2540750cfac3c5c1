import type { AuditEntry } from '../../../review/model.js';
import { format } from '../../i18n/index.js';
import { AuditTable } from './history.js';
import { AdminLayout, type AdminPageProps } from './layout.js';

const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function LogPage(props: AdminPageProps & { day: string; entries: AuditEntry[] }) {
  const { t, lang, day, entries, consultationId } = props;
  const a = t.admin.audit;
  const link = (d: string) => `/admin/log?consultation=${encodeURIComponent(consultationId)}&day=${d}`;
  return (
    <AdminLayout {...props} title={a.title}>
      <h1>{a.title}</h1>
      <p>{format(a.intro, { day })}</p>
      <nav class="pager" aria-label={a.title}>
        <a href={link(shiftDay(day, -1))} rel="prev">
          {a.previousDay}
        </a>
        <a href={link(shiftDay(day, 1))} rel="next">
          {a.nextDay}
        </a>
      </nav>
      <AuditTable t={t} lang={lang} entries={entries} showSubject caption={a.title} />
    </AdminLayout>
  );
}
