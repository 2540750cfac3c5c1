import { type Consultation, localize } from '../../consultation.js';
import { REPORT_FORMATS, type ReportFormat, type StoredReport } from '../../stores/ports.js';
import { format, formatDateTime, plural } from '../i18n/index.js';
import { Layout, type PageProps } from './layout.js';

/** The formats in the order a reader most likely wants them. */
const ORDER: ReportFormat[] = ['html', 'pdf', 'docx', 'md', 'json'];

export interface ReportLinks {
  report: StoredReport;
  href: (format: ReportFormat) => string;
}

function Formats(props: PageProps & ReportLinks) {
  const { t, report, href } = props;
  return (
    <ul class="formats">
      {ORDER.filter((f) => REPORT_FORMATS.includes(f)).map((f) => (
        <li>
          <a href={href(f)} download>
            {t.reportPage.formats[f]}
          </a>{' '}
          <span class="tag">
            (
            {format(t.reportPage.size, {
              size: Math.max(1, Math.round(report.sizes[f] / 1024)).toLocaleString(props.lang),
            })}
            )
          </span>
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
                  {ORDER.map((f, i) => (
                    <>
                      {i > 0 ? ' · ' : ''}
                      <a href={e.href(f)} download>
                        {f.toUpperCase()}
                      </a>
                    </>
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
