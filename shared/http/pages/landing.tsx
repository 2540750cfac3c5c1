import { type Consultation, isWindowOpen, localize } from '../../consultation.js';
import { format, formatDateTime } from '../i18n/index.js';
import { Layout, type PageProps } from './layout.js';

export function WindowNotice(props: PageProps & { consultation: Consultation; now: Date }) {
  const { t, lang, consultation, now } = props;
  const { opensAt, closesAt } = consultation.submissionWindow;
  const closes = formatDateTime(closesAt, lang);
  if (isWindowOpen(consultation.submissionWindow, now))
    return <p>{format(t.landing.windowOpen, { closes })}</p>;
  if (now.toISOString() < opensAt)
    return <p>{format(t.landing.windowNotYetOpen, { opens: formatDateTime(opensAt, lang) })}</p>;
  return <p>{format(t.landing.windowClosed, { closes })}</p>;
}

export function LandingPage(
  props: PageProps & { consultation: Consultation; now: Date; offersResend?: boolean },
) {
  const { t, lang, consultation } = props;
  const text = (value: Parameters<typeof localize>[0]) => localize(value, lang);
  return (
    <Layout {...props} title={text(consultation.workingSession)}>
      <p class="eyebrow">{text(consultation.title)}</p>
      <h1>
        {text(consultation.workingSession)}: {text(consultation.cluster)}
      </h1>
      <p>
        {format(t.landing.dateVenue, {
          date: formatDateTime(consultation.date, lang, { withTime: false }),
          venue: text(consultation.venue),
        })}
      </p>
      <div class="panel">
        <WindowNotice {...props} />
        <div class="actions">
          {isWindowOpen(consultation.submissionWindow, props.now) && (
            <a class="button" href={`/consultations/${consultation.id}/submit`}>
              {t.landing.submitLink}
            </a>
          )}
          <a class="button secondary" href={`/consultations/${consultation.id}/report`}>
            {t.landing.reportLink}
          </a>
        </div>
        {props.offersResend && (
          <p>
            <a href={`/consultations/${consultation.id}/receipts/resend`}>{t.resendPage.lostLink}</a>
          </p>
        )}
      </div>
      <h2>{t.landing.objectiveHeading}</h2>
      <p class="lead">{text(consultation.objective)}</p>
      <h2>{t.landing.aboutHeading}</h2>
      <p lang={consultation.description[lang] ? lang : 'en'}>{text(consultation.description)}</p>
      <h2>{t.landing.recommendationsHeading}</h2>
      <ol class="recs">
        {consultation.recommendations.map((r) => (
          <li id={r.id}>
            {text(r.text)} <span class="year">({r.year})</span>
          </li>
        ))}
      </ol>
      <h2>{t.landing.questionsHeading}</h2>
      <ol class="questions">
        {consultation.questions.map((q) => (
          <li id={q.id}>{text(q.text)}</li>
        ))}
      </ol>
    </Layout>
  );
}
