import type { Account } from '../../../review/model.js';
import { ROLES } from '../../../review/model.js';
import { format, formatDateTime } from '../../i18n/index.js';
import { AdminLayout, type AdminPageProps, CsrfField, PostButton } from './layout.js';

export interface AccountsPageState {
  accounts: Account[];
  added?: { email: string; generatedPassword?: string };
  errors?: { path: string; message: string }[];
}

export function AccountsPage(props: AdminPageProps & AccountsPageState) {
  const { t, lang, principal, accounts, added, errors = [] } = props;
  const a = t.admin.accounts;
  return (
    <AdminLayout {...props} title={a.title}>
      <h1>{a.title}</h1>
      {added && (
        <div class="panel ok" role="status">
          <h2>{format(a.addedHeading, { email: added.email })}</h2>
          {added.generatedPassword && (
            <>
              <p>{a.generatedPassword}</p>
              <p>
                <code class="token">{added.generatedPassword}</code>
              </p>
              <p>{a.passwordHint}</p>
            </>
          )}
        </div>
      )}
      {errors.length > 0 && (
        <div class="panel error" role="alert">
          <ul>
            {errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{a.email}</th>
            <th scope="col">{a.role}</th>
            <th scope="col">{a.state}</th>
            <th scope="col">{a.created}</th>
            <th scope="col">
              <span class="visually-hidden">{a.state}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr>
              <td>{account.email}</td>
              <td>{t.admin.roles[account.role]}</td>
              <td>{account.disabled ? a.disabled : a.active}</td>
              <td>{formatDateTime(account.createdAt, lang, { withTime: false })}</td>
              <td>
                {account.email !== principal.email && (
                  <PostButton
                    principal={principal}
                    action={`/admin/accounts/${encodeURIComponent(account.email)}/${account.disabled ? 'enable' : 'disable'}`}
                    label={format(account.disabled ? a.enable : a.disable, { email: account.email })}
                    class={account.disabled ? 'small secondary' : 'small danger'}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{a.addHeading}</h2>
      <form method="post" action="/admin/accounts" class="narrow">
        <CsrfField principal={principal} />
        <div class="field">
          <label for="account-email">{a.email}</label>
          <input type="email" id="account-email" name="email" required autocomplete="off" />
        </div>
        <div class="field">
          <label for="account-role">{a.role}</label>
          <select id="account-role" name="role">
            {ROLES.map((role) => (
              <option value={role}>{t.admin.roles[role]}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="account-password">{a.password}</label>
          <input type="password" id="account-password" name="password" autocomplete="new-password" />
        </div>
        <button type="submit">{a.add}</button>
      </form>
    </AdminLayout>
  );
}
