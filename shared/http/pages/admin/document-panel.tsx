import type { Language } from '../../../consultation.js';
import type { VisibleSubmission } from '../../../review/visibility.js';
import { type Catalogue, format, plural } from '../../i18n/index.js';
import { documentSummary } from '../document-parts.js';

/**
 * What the reviewer needs to know about a submission's document: what it is, whether its text
 * was read (and if not, why), how its text was split, and a way to open the original.
 */
export function DocumentPanel(props: { t: Catalogue; lang: Language; submission: VisibleSubmission }) {
  const { t, lang, submission } = props;
  const { document, extraction, documentAnswers } = submission;
  if (!document) return null;
  const r = t.documents.review;
  const href = `/admin/submissions/${encodeURIComponent(submission.id)}/document`;
  return (
    <section class="panel" aria-labelledby="document-heading">
      <h2 id="document-heading">{r.heading}</h2>
      <p>
        {documentSummary(t, lang, document)} ·{' '}
        <a href={href} rel="noreferrer">
          {r.open}
        </a>
      </p>
      <p class="meta">{r.openNote}</p>
      {!extraction ? (
        <p>{r.pending}</p>
      ) : (
        <>
          <p>
            <strong>{r.statuses[extraction.status]}</strong>
            {extraction.reason && `: ${r.reasons[extraction.reason]}`}
          </p>
          <p class="meta">
            {[
              ...(extraction.pages === undefined ? [] : [plural(lang, r.pages, extraction.pages)]),
              plural(lang, r.characters, extraction.characters),
              format(r.readIn, { ms: extraction.durationMs }),
            ].join(' · ')}
          </p>
        </>
      )}
      {documentAnswers && <p>{documentAnswers.mode === 'by_question' ? r.byQuestion : r.whole}</p>}
    </section>
  );
}

/** Beside an answer: whether its text, or its second part, came from the document. */
export function DocumentAnswerNote(props: {
  t: Catalogue;
  submission: VisibleSubmission;
  answerKey: string;
}) {
  const start = props.submission.documentAnswers?.starts[props.answerKey];
  if (start === undefined) return null;
  const r = props.t.documents.review;
  return <p class="meta">{start === 0 ? r.fromDocument : r.typedThenDocument}</p>;
}
