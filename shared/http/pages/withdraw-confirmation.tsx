import type { Submission } from '../../submission.js';
import { formatDateTime } from '../i18n/index.js';
import { Layout, type PageProps } from './layout.js';

/**
 * The step between "Withdraw my input" and erasing it: a plain form, so the question is asked
 * without JavaScript too, and the way back is a link to the private page.
 */
export function WithdrawConfirmationPage(
  props: PageProps & { submission: Submission; token: string; privateUrl: string },
) {
  const { t, lang, submission: s, token, privateUrl } = props;
  const w = t.withdrawal;
  return (
    <Layout {...props} title={w.title}>
      <h1>{w.title}</h1>
      <dl class="facts">
        <dt>{t.form.organization}</dt>
        <dd>
          <bdi>{s.stakeholder.organization}</bdi>
        </dd>
        <dt>{t.receipt.idLabel}</dt>
        <dd>
          <code>{s.id}</code>
        </dd>
        <dt>{t.receipt.submittedAt}</dt>
        <dd>{formatDateTime(s.submittedAt, lang)}</dd>
      </dl>
      <div class="panel error">
        <p>{w.consequences}</p>
      </div>
      <form method="post" action={`/submissions/${s.id}/withdraw`}>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="confirm" value="yes" />
        <p>
          <button type="submit" class="danger">
            {w.confirmButton}
          </button>
        </p>
      </form>
      <p>
        <a href={privateUrl}>{w.keep}</a>
      </p>
    </Layout>
  );
}
