import { Layout, type PageProps } from '../layout.js';

export function LoginPage(
  props: PageProps & { next: string; email?: string; failed?: boolean; signedOut?: boolean },
) {
  const { t, next, email, failed, signedOut } = props;
  return (
    <Layout {...props} title={t.admin.login.title}>
      <link rel="stylesheet" href="/admin/assets/admin.css" />
      <h1>{t.admin.login.title}</h1>
      <p>{t.admin.login.intro}</p>
      {failed && (
        <div class="panel error" role="alert">
          <p>{t.admin.login.failed}</p>
        </div>
      )}
      {signedOut && (
        <div class="panel ok" role="status">
          <p>{t.admin.login.signedOut}</p>
        </div>
      )}
      <form method="post" action="/admin/login" class="narrow">
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="login-email">{t.admin.login.email}</label>
          <input
            type="email"
            id="login-email"
            name="email"
            value={email ?? ''}
            autocomplete="username"
            required
          />
        </div>
        <div class="field">
          <label for="login-password">{t.admin.login.password}</label>
          <input
            type="password"
            id="login-password"
            name="password"
            autocomplete="current-password"
            required
          />
        </div>
        <button type="submit">{t.admin.login.submit}</button>
      </form>
    </Layout>
  );
}
