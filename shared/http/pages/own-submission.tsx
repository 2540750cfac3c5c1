import { type Consultation, localize } from '../../consultation.js';
import { countryName } from '../../countries.js';
import type { StoredSubmission } from '../../stores/ports.js';
import { type Submission, typedAnswers } from '../../submission.js';
import { format, formatDateTime } from '../i18n/index.js';
import { documentSummary } from './document-parts.js';
import { Layout, type PageProps } from './layout.js';

/** The submitter's private page: the receipt after sending, and the way to view or withdraw later. */
export function OwnSubmissionPage(
  props: PageProps & {
    consultation: Consultation;
    submission: StoredSubmission;
    token: string;
    privateUrl: string;
    justSent: boolean;
    /** Whether this deployment mails receipts: then the page says one is on its way. */
    mailOnItsWay?: boolean;
    canWithdraw: boolean;
  },
) {
  const { t, lang, consultation, submission, token, privateUrl, justSent, canWithdraw } = props;
  if (submission.status === 'withdrawn') {
    return (
      <Layout {...props} title={t.receipt.title}>
        <h1>{t.receipt.title}</h1>
        <div class="panel ok" role="status">
          <p>{t.receipt.withdrawn}</p>
        </div>
        <dl class="facts">
          <dt>{t.receipt.idLabel}</dt>
          <dd>
            <code>{submission.id}</code>
          </dd>
          <dt>{t.receipt.status}</dt>
          <dd>{t.status.withdrawn}</dd>
        </dl>
      </Layout>
    );
  }
  const s = submission as Submission;
  const answers = typedAnswers(s);
  return (
    <Layout {...props} title={t.receipt.title}>
      <p class="eyebrow">{localize(consultation.workingSession, lang)}</p>
      <h1>{t.receipt.title}</h1>
      {justSent && (
        <div class="panel ok" role="status">
          <p>
            <strong>{t.receipt.thanks}</strong>
          </p>
          {props.mailOnItsWay && <p>{format(t.mail.onItsWay, { email: s.stakeholder.email })}</p>}
        </div>
      )}
      <div class="panel">
        <p>{t.receipt.keepLink}</p>
        <p>
          <strong>{t.receipt.privateLink}:</strong>{' '}
          <a class="token" href={privateUrl}>
            {privateUrl}
          </a>
        </p>
      </div>
      <dl class="facts">
        <dt>{t.receipt.idLabel}</dt>
        <dd>
          <code>{s.id}</code>
        </dd>
        <dt>{t.receipt.submittedAt}</dt>
        <dd>{formatDateTime(s.submittedAt, lang)}</dd>
        <dt>{t.receipt.status}</dt>
        <dd>{t.status[s.status]}</dd>
        <dt>{t.form.organization}</dt>
        <dd>
          <bdi>{s.stakeholder.organization}</bdi>
        </dd>
        <dt>{t.form.stakeholderType}</dt>
        <dd>{t.stakeholderTypes[s.stakeholder.type]}</dd>
        <dt>{t.form.country}</dt>
        <dd>{countryName(s.stakeholder.country, lang)}</dd>
        <dt>{t.form.email}</dt>
        <dd>{s.stakeholder.email}</dd>
        <dt>{t.form.consentHeading}</dt>
        <dd>
          {s.consent.quote ? t.receipt.consentQuoteYes : t.receipt.consentQuoteNo}.{' '}
          {s.consent.attribution ? t.receipt.consentAttributionYes : t.receipt.consentAttributionNo}.
        </dd>
        {s.document && (
          <>
            <dt>{t.documents.label}</dt>
            <dd>{documentSummary(t, lang, s.document)}</dd>
          </>
        )}
      </dl>
      <h2>{t.form.answersHeading}</h2>
      {consultation.questions
        .filter((q) => answers[q.id])
        .map((q) => (
          <section>
            <h3>{localize(q.text, lang)}</h3>
            <div class="answer" lang={s.language}>
              {answers[q.id]}
            </div>
          </section>
        ))}
      {canWithdraw && (
        <section>
          <h2>{t.receipt.withdrawHeading}</h2>
          <p>{t.receipt.withdrawExplain}</p>
          {/* A GET form: it leads to the confirmation step, which alone erases. */}
          <form method="get" action={`/submissions/${s.id}/withdraw`}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" class="danger">
              {t.receipt.withdrawButton}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
