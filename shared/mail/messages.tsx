import type { Child } from 'hono/jsx';
import { type Consultation, type Language, localize } from '../consultation.js';
import { CATALOGUES, type Catalogue, format, formatDateTime, plural } from '../http/i18n/index.js';
import type { Submission } from '../submission.js';
import { headerText } from './addresses.js';
import type { OutgoingMail } from './ports.js';

/**
 * The three messages, in the submitter's language, each as plain text and simple HTML with the
 * same content. The HTML is built with JSX, which escapes every value, so an organisation name
 * cannot add markup; it links to nothing but the private links, and loads nothing (no images,
 * no styles from elsewhere, no tracking).
 */

/** A paragraph of the message, or a list of lines; links are kept apart so the HTML can make them anchors. */
type Block =
  | { heading: string }
  | { text: string }
  | { facts: [string, string][] }
  | { link: string }
  | { items: { text: string; link: string }[] };

function mail(
  to: string,
  language: Language,
  subject: string,
  blocks: Block[],
  footer: string,
): OutgoingMail {
  return {
    to,
    subject: headerText(subject),
    text: `${[...blocks, { text: footer }].map(asText).join('\n\n')}\n`,
    html: `<!DOCTYPE html>${String(<Html language={language} title={headerText(subject)} blocks={blocks} footer={footer} />)}`,
  };
}

function asText(block: Block): string {
  if ('heading' in block) return block.heading.toUpperCase();
  if ('text' in block) return block.text;
  if ('facts' in block) return block.facts.map(([k, v]) => `${k}: ${v}`).join('\n');
  if ('link' in block) return block.link;
  return block.items.map((item) => `- ${item.text}\n  ${item.link}`).join('\n');
}

function Html(props: { language: Language; title: string; blocks: Block[]; footer: string }) {
  const body: Child[] = props.blocks.map((block) => {
    if ('heading' in block) return <h2 style="font-size:1.1em;margin:1.2em 0 0.4em">{block.heading}</h2>;
    if ('text' in block) return <p>{block.text}</p>;
    if ('facts' in block)
      return (
        <table role="presentation" cellpadding="4">
          {block.facts.map(([k, v]) => (
            <tr>
              <th align="left" valign="top">
                {k}
              </th>
              <td>{v}</td>
            </tr>
          ))}
        </table>
      );
    if ('link' in block)
      return (
        <p>
          <a href={block.link}>{block.link}</a>
        </p>
      );
    return (
      <ul>
        {block.items.map((item) => (
          <li>
            {item.text}
            <br />
            <a href={item.link}>{item.link}</a>
          </li>
        ))}
      </ul>
    );
  });
  return (
    <html lang={props.language}>
      <head>
        <meta charset="utf-8" />
        <title>{props.title}</title>
      </head>
      <body style="font-family:sans-serif;line-height:1.5;max-width:40em">
        {body}
        <hr />
        <p style="font-size:0.9em;color:#555">{props.footer}</p>
      </body>
    </html>
  );
}

const footerOf = (t: Catalogue, consultation: Consultation, language: Language) =>
  format(t.mail.footer, { consultation: localize(consultation.title, language) });

/** The receipt after a submission: what arrived, the private link, how to withdraw, what may be published. */
export function receiptMail(
  consultation: Consultation,
  submission: Submission,
  privateLink: string,
): OutgoingMail {
  const language = submission.language;
  const t = CATALOGUES[language];
  const m = t.mail.receipt;
  const organization = submission.stakeholder.organization;
  const answered = Object.keys(submission.answers).length;
  const facts: [string, string][] = [
    [m.organization, organization],
    [m.received, formatDateTime(submission.submittedAt, language)],
    [m.reference, submission.id],
    [m.answersLabel, answered > 0 ? plural(language, m.answers, answered) : m.noAnswers],
    ...(submission.document ? [[m.document, submission.document.filename] as [string, string]] : []),
  ];
  const title = localize(consultation.title, language);
  return mail(
    submission.stakeholder.email,
    language,
    format(m.subject, { organization }),
    [
      { text: format(m.thanks, { organization, consultation: title }) },
      { heading: m.receivedHeading },
      { facts },
      { heading: m.linkHeading },
      { link: privateLink },
      { text: m.linkExplain },
      { heading: m.withdrawHeading },
      {
        text: format(m.withdraw, {
          button: t.receipt.withdrawButton,
          closes: formatDateTime(consultation.submissionWindow.closesAt, language),
        }),
      },
      { heading: m.publishHeading },
      { text: m.publish },
      {
        text: `${submission.consent.quote ? m.quoteYes : m.quoteNo} ${submission.consent.attribution ? m.attributionYes : m.attributionNo}`,
      },
    ],
    footerOf(t, consultation, language),
  );
}

/** The private links again, one for each live submission the address sent. */
export function resendMail(
  consultation: Consultation,
  to: string,
  language: Language,
  links: { submission: Submission; link: string }[],
): OutgoingMail {
  const t = CATALOGUES[language];
  const m = t.mail.resend;
  const title = localize(consultation.title, language);
  return mail(
    to,
    language,
    format(m.subject, { consultation: title }),
    [
      { text: plural(language, m.intro, links.length, { consultation: title }) },
      {
        items: links.map(({ submission, link }) => ({
          text: format(m.item, {
            organization: submission.stakeholder.organization,
            date: formatDateTime(submission.submittedAt, language),
            id: submission.id,
          }),
          link,
        })),
      },
      {
        text: format(m.explain, { closes: formatDateTime(consultation.submissionWindow.closesAt, language) }),
      },
      { text: m.notYou },
    ],
    footerOf(t, consultation, language),
  );
}

/** The short confirmation after a withdrawal: it names no content, which is erased. */
export function withdrawalMail(
  consultation: Consultation,
  to: string,
  language: Language,
  submissionId: string,
  withdrawnAt: string,
): OutgoingMail {
  const t = CATALOGUES[language];
  const m = t.mail.withdrawal;
  const title = localize(consultation.title, language);
  return mail(
    to,
    language,
    format(m.subject, { consultation: title }),
    [
      {
        text: format(m.body, {
          consultation: title,
          id: submissionId,
          date: formatDateTime(withdrawnAt, language),
        }),
      },
    ],
    footerOf(t, consultation, language),
  );
}
