import { type Consultation, localize } from '../../consultation.js';
import { Layout, type PageProps } from './layout.js';

/** "Send me my link again": one field, the address given with the input. */
export function ResendPage(
  props: PageProps & {
    consultation: Consultation;
    values: { email?: string };
    errors: { path: string; message: string }[];
  },
) {
  const { t, lang, consultation, values, errors } = props;
  const error = errors.find((e) => e.path === 'email');
  return (
    <Layout {...props} title={t.resendPage.title}>
      <p class="eyebrow">{localize(consultation.workingSession, lang)}</p>
      <h1>{t.resendPage.title}</h1>
      <p>{t.resendPage.intro}</p>
      {error && (
        <div class="panel error" role="alert" aria-labelledby="error-summary">
          <h2 id="error-summary">{t.form.errorSummary}</h2>
          <ul>
            <li>
              <a href="#f-email">{error.message}</a>
            </li>
          </ul>
        </div>
      )}
      <form
        method="post"
        action={`/consultations/${consultation.id}/receipts/resend`}
        accept-charset="utf-8"
        novalidate
      >
        <div class="field">
          <label for="f-email">
            {t.resendPage.email} <span class="tag">({t.form.required})</span>
          </label>
          {error && (
            <p class="error-text" id="f-email-error">
              {error.message}
            </p>
          )}
          <input
            type="email"
            id="f-email"
            name="email"
            required
            autocomplete="email"
            value={values.email ?? ''}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'f-email-error' : undefined}
          />
        </div>
        <button type="submit">{t.resendPage.submit}</button>
      </form>
    </Layout>
  );
}
