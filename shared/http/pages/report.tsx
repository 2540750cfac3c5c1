import { type Consultation, LANGUAGES, type Language, localize } from '../../consultation.js';
import { REPORT_FORMATS, type ReportFormat, type StoredReport } from '../../stores/ports.js';
import { CATALOGUES, format, formatDateTime, plural } from '../i18n/index.js';
import { Layout, type PageProps } from './layout.js';

/** The formats in the order a reader most likely wants them. */
const ORDER: ReportFormat[] = ['html', 'pdf', 'docx', 'md', 'json'];

export interface ReportLinks {
  report: StoredReport;
  href: (format: ReportFormat, language: Language) => string;
}

/**
 * Each language of the report with its formats, the page's own language first; the web page opens
 * in the browser, the other formats download.
 */
function Formats(props: PageProps & ReportLinks) {
  const { t, report, href, lang } = props;
  const languages = [lang, ...LANGUAGES.filter((l) => l !== lang)];
  return (
    <ul class="formats">
      {languages.map((language) => (
        <li lang={language}>
          <strong>{CATALOGUES[language].languageName}</strong>
          {': '}
          {ORDER.filter((f) => REPORT_FORMATS.includes(f)).map((f, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={href(f, language)} download={f === 'html' ? undefined : true} hreflang={language}>
                {t.reportPage.formats[f]}
              </a>{' '}
              <span class="tag" lang={lang}>
                (
                {format(t.reportPage.size, {
                  size: Math.max(1, Math.round(report.sizes[language][f] / 1024)).toLocaleString(lang),
                })}
                )
              </span>
            </>
          ))}
        </li>
      ))}
    </ul>
  );
}

export function ReportPage(
  props: PageProps & {
    consultation: Consultation;
    latest: ReportLinks & { submissions: number };
    earlier: ReportLinks[];
  },
) {
  const { t, lang, consultation, latest, earlier } = props;
  return (
    <Layout {...props} title={t.reportPage.title}>
      <p class="eyebrow">{localize(consultation.title, lang)}</p>
      <h1>{t.reportPage.title}</h1>
      <p class="lead">{t.reportPage.intro}</p>
      <section class="panel" aria-labelledby="latest">
        <h2 id="latest">{t.reportPage.latestHeading}</h2>
        <p>
          {plural(lang, t.reportPage.compiledOn, latest.submissions, {
            date: formatDateTime(latest.report.generatedAt, lang),
          })}
        </p>
        <p>{t.reportPage.formatsLabel}</p>
        <Formats {...props} {...latest} />
      </section>
      <h2>{t.reportPage.earlierHeading}</h2>
      {earlier.length === 0 ? (
        <p>{t.reportPage.noEarlier}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.reportPage.compiled}</th>
              <th scope="col">{t.reportPage.formatsLabel}</th>
            </tr>
          </thead>
          <tbody>
            {earlier.map((e) => (
              <tr>
                <td>{formatDateTime(e.report.generatedAt, lang)}</td>
                <td>
                  {LANGUAGES.map((language) => (
                    <span lang={language}>
                      {`${language.toUpperCase()}: `}
                      {ORDER.map((f, i) => (
                        <>
                          {i > 0 ? ' · ' : ''}
                          <a href={e.href(f, language)} hreflang={language}>
                            {f.toUpperCase()}
                          </a>
                        </>
                      ))}{' '}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
