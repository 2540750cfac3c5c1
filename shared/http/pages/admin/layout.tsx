import type { Child } from 'hono/jsx';
import type { Principal } from '../../../review/model.js';
import { format } from '../../i18n/index.js';
import { Layout, type PageProps } from '../layout.js';

export interface AdminPageProps extends PageProps {
  principal: Principal;
  consultationId: string;
}

/** Every secretariat form carries the session's CSRF token. */
export function CsrfField(props: { principal: Principal }) {
  return <input type="hidden" name="_csrf" value={props.principal.csrfToken ?? ''} />;
}

/** A form of one button that posts to the secretariat, with the CSRF token and any hidden fields. */
export function PostButton(props: {
  principal: Principal;
  action: string;
  label: string;
  fields?: Record<string, string>;
  class?: string;
  disabled?: boolean;
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField principal={props.principal} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.class ?? 'small secondary'} disabled={props.disabled}>
        {props.label}
      </button>
    </form>
  );
}

export function AdminLayout(props: AdminPageProps & { title: string; children: Child; scripts?: string[] }) {
  const { t, principal, consultationId, title, children } = props;
  const base = `/admin/consultations/${encodeURIComponent(consultationId)}`;
  const links: [string, string][] = [
    [base, t.admin.nav.triage],
    [`${base}/campaigns`, t.admin.nav.campaigns],
    ...(principal.role === 'admin'
      ? ([
          [`${base}/dashboard`, t.admin.nav.dashboard],
          [`${base}/reports`, t.admin.nav.reports],
          [`/admin/log?consultation=${encodeURIComponent(consultationId)}`, t.admin.nav.log],
          ['/admin/accounts', t.admin.nav.accounts],
        ] as [string, string][])
      : []),
  ];
  return (
    <Layout {...props} title={title}>
      <link rel="stylesheet" href="/admin/assets/admin.css" />
      <div class="admin-bar">
        <nav aria-label={t.admin.nav.label}>
          <ul>
            {links.map(([href, label]) => (
              <li>
                <a href={href}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="who">
          {format(t.admin.nav.signedInAs, { email: principal.email, role: t.admin.roles[principal.role] })}
        </p>
        <PostButton principal={principal} action="/admin/logout" label={t.admin.nav.signOut} />
      </div>
      {children}
      {(props.scripts ?? []).map((src) => (
        <script src={src} defer />
      ))}
    </Layout>
  );
}
