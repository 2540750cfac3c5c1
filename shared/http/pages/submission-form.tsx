import { type Consultation, LANGUAGES, localize } from '../../consultation.js';
import { COUNTRY_CODES, countryName } from '../../countries.js';
import { DOCUMENT_LIMITS, type DocumentRef, MEDIA_TYPES } from '../../documents/model.js';
import type { UploadForm } from '../../stores/ports.js';
import { LIMITS, STAKEHOLDER_TYPES } from '../../submission.js';
import { CATALOGUES, type Catalogue, format, plural } from '../i18n/index.js';
import { formatSize } from './document-parts.js';
import { Layout, type PageProps } from './layout.js';

/** What the form shows again after a failed post: the raw values, and one message per field. */
export interface FormState {
  values: Record<string, string>;
  errors: { path: string; message: string }[];
  idempotencyKey: string;
  /** The document step, where the deployment takes documents: a fresh upload form, and what is attached. */
  document?: { upload: UploadForm; attached?: DocumentRef };
}

const ACCEPT = ['.docx', '.pdf', '.odt', ...Object.values(MEDIA_TYPES)].join(',');

/**
 * The document step, a form of its own before the main one: without JavaScript a file can only
 * reach S3 by a form posted to S3, which then sends the browser back here with the upload's id.
 */
function DocumentStep(
  props: PageProps & { document: NonNullable<FormState['document']>; errors: FormState['errors'] },
) {
  const { t, lang, document, errors } = props;
  const name = 'document.uploadId';
  const failed = errors.some((e) => e.path === name);
  return (
    <section class="panel" aria-labelledby="document-heading">
      <h2 id="document-heading">{t.documents.heading}</h2>
      <p>{t.documents.intro}</p>
      {document.attached && (
        <p class="ok" role="status">
          {format(t.documents.attached, {
            type: t.documents.kinds[document.attached.kind],
            size: formatSize(document.attached.size, lang),
          })}
        </p>
      )}
      <form method="post" action={document.upload.url} enctype="multipart/form-data">
        {Object.entries(document.upload.fields).map(([field, value]) => (
          <input type="hidden" name={field} value={value} />
        ))}
        <div class="field">
          <label for={fieldId(name)}>
            {t.documents.file} <span class="tag">({t.form.optional})</span>
          </label>
          <p class="hint" id={`${fieldId(name)}-hint`}>
            {format(t.documents.hint, { limit: DOCUMENT_LIMITS.bytes / 1024 / 1024 })}{' '}
            {document.attached ? t.documents.replace : t.documents.attachFirst}
          </p>
          <FieldError name={name} errors={errors} />
          {/* S3 takes the file from the last field of the form, named "file". */}
          <input
            type="file"
            id={fieldId(name)}
            name="file"
            accept={ACCEPT}
            required
            aria-invalid={failed ? 'true' : undefined}
            aria-describedby={describedBy(name, errors, true)}
          />
        </div>
        <button type="submit">{t.documents.attach}</button>
      </form>
    </section>
  );
}

const fieldId = (name: string) => `f-${name.replaceAll('.', '-')}`;

function FieldError(props: { name: string; errors: FormState['errors'] }) {
  const error = props.errors.find((e) => e.path === props.name);
  return error ? (
    <p class="error-text" id={`${fieldId(props.name)}-error`}>
      {error.message}
    </p>
  ) : null;
}

function describedBy(name: string, errors: FormState['errors'], hint?: boolean) {
  const ids = [
    hint ? `${fieldId(name)}-hint` : '',
    errors.some((e) => e.path === name) ? `${fieldId(name)}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

/** The form's id: the language switch submits it, so a change of language keeps what was typed. */
const FORM_ID = 'submission-form';

/** What the error summary calls a field: its label, so each line says which field it is about. */
function fieldName(t: Catalogue, consultation: Consultation, path: string): string | undefined {
  const labels: Record<string, string> = {
    'stakeholder.organization': t.form.organization,
    'stakeholder.contactName': t.form.contactName,
    'stakeholder.email': t.form.email,
    'stakeholder.type': t.form.stakeholderType,
    'stakeholder.country': t.form.country,
    language: t.form.language,
    answers: t.form.answersHeading,
    'consent.quote': t.form.consentQuote,
    'consent.attribution': t.form.consentAttribution,
    'document.uploadId': t.documents.file,
  };
  const question = consultation.questions.findIndex((q) => path === `answers.${q.id}`);
  return question >= 0 ? format(t.form.questionLabel, { n: question + 1 }) : labels[path];
}

/** "Answer at least one question" leads to the first question's box, where typing starts. */
const linkTarget = (consultation: Consultation, path: string) =>
  path === 'answers' && consultation.questions[0] ? `answers.${consultation.questions[0].id}` : path;

/**
 * The GOV.UK error summary: first in the page, focused on arrival (autofocus works without a
 * script), one line per problem that names its field and links to it.
 */
function ErrorSummary(props: { t: Catalogue; consultation: Consultation; errors: FormState['errors'] }) {
  const { t, consultation, errors } = props;
  return (
    <div
      class="panel error error-summary"
      role="alert"
      aria-labelledby="error-summary"
      tabindex={-1}
      autofocus
    >
      <h2 id="error-summary">{t.form.errorSummary}</h2>
      <ul>
        {errors.map((e) => {
          const name = fieldName(t, consultation, e.path);
          const line = name ? format(t.formProblems.line, { field: name, message: e.message }) : e.message;
          // A problem with no field on the page (a field the form never had) is said, not linked.
          return (
            <li>{name ? <a href={`#${fieldId(linkTarget(consultation, e.path))}`}>{line}</a> : line}</li>
          );
        })}
      </ul>
    </div>
  );
}

export function SubmissionFormPage(props: PageProps & { consultation: Consultation; state: FormState }) {
  const { t, lang, consultation, state } = props;
  const { values, errors } = state;
  const invalid = (name: string) => (errors.some((e) => e.path === name) ? 'true' : undefined);
  const countries = [...COUNTRY_CODES]
    .map((code) => ({ code, name: countryName(code, lang) }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const text = (
    name: string,
    label: string,
    opts: { required?: boolean; type?: string; hint?: string; autocomplete?: string },
  ) => (
    <div class="field">
      <label for={fieldId(name)}>
        {label} <span class="tag">({opts.required ? t.form.required : t.form.optional})</span>
      </label>
      {opts.hint && (
        <p class="hint" id={`${fieldId(name)}-hint`}>
          {opts.hint}
        </p>
      )}
      <FieldError name={name} errors={errors} />
      <input
        type={opts.type ?? 'text'}
        id={fieldId(name)}
        name={name}
        value={values[name] ?? ''}
        required={opts.required}
        autocomplete={opts.autocomplete}
        aria-invalid={invalid(name)}
        aria-describedby={describedBy(name, errors, Boolean(opts.hint))}
      />
    </div>
  );

  return (
    <Layout
      {...props}
      title={errors.length > 0 ? format(t.formProblems.pageTitle, { title: t.form.title }) : t.form.title}
      languageForm={{ id: FORM_ID, action: `/consultations/${consultation.id}/submit` }}
    >
      {errors.length > 0 && <ErrorSummary t={t} consultation={consultation} errors={errors} />}
      <p class="eyebrow">{localize(consultation.workingSession, lang)}</p>
      <h1>{t.form.title}</h1>
      <p>{t.form.intro}</p>
      {state.document && <DocumentStep {...props} document={state.document} errors={errors} />}
      <form
        id={FORM_ID}
        method="post"
        action={`/consultations/${consultation.id}/submit`}
        accept-charset="utf-8"
        novalidate
      >
        <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
        {state.document?.attached && (
          <input type="hidden" name="document.uploadId" value={state.document.attached.uploadId} />
        )}
        <fieldset>
          <legend>{t.form.aboutYouHeading}</legend>
          {text('stakeholder.organization', t.form.organization, {
            required: true,
            autocomplete: 'organization',
          })}
          {text('stakeholder.contactName', t.form.contactName, { autocomplete: 'name' })}
          {text('stakeholder.email', t.form.email, {
            required: true,
            type: 'email',
            hint: t.form.emailHint,
            autocomplete: 'email',
          })}
          <div class="field">
            <label for={fieldId('stakeholder.type')}>
              {t.form.stakeholderType} <span class="tag">({t.form.required})</span>
            </label>
            <FieldError name="stakeholder.type" errors={errors} />
            <select
              id={fieldId('stakeholder.type')}
              name="stakeholder.type"
              required
              aria-invalid={invalid('stakeholder.type')}
              aria-describedby={describedBy('stakeholder.type', errors)}
            >
              <option value="">{t.form.chooseOne}</option>
              {STAKEHOLDER_TYPES.map((type) => (
                <option value={type} selected={values['stakeholder.type'] === type}>
                  {t.stakeholderTypes[type]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={fieldId('stakeholder.country')}>
              {t.form.country} <span class="tag">({t.form.required})</span>
            </label>
            <FieldError name="stakeholder.country" errors={errors} />
            <select
              id={fieldId('stakeholder.country')}
              name="stakeholder.country"
              required
              autocomplete="country"
              aria-invalid={invalid('stakeholder.country')}
              aria-describedby={describedBy('stakeholder.country', errors)}
            >
              <option value="">{t.form.chooseOne}</option>
              {countries.map((c) => (
                <option value={c.code} selected={values['stakeholder.country'] === c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={fieldId('language')}>
              {t.form.language} <span class="tag">({t.form.optional})</span>
            </label>
            <FieldError name="language" errors={errors} />
            <select id={fieldId('language')} name="language" aria-invalid={invalid('language')}>
              <option value="">{t.form.languageDetect}</option>
              {LANGUAGES.map((code) => (
                <option value={code} lang={code} selected={(values.language ?? '') === code}>
                  {CATALOGUES[code].languageName}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t.form.answersHeading}</legend>
          <p class="hint" id="answers-hint">
            {plural(lang, t.form.answersHint, LIMITS.answerChars)}
          </p>
          <FieldError name="answers" errors={errors} />
          {consultation.questions.map((q, index) => {
            const name = `answers.${q.id}`;
            return (
              <div class="field" id={index === 0 ? fieldId('answers') : undefined}>
                <label for={fieldId(name)}>
                  {format(t.form.questionLabel, { n: index + 1 })}: {localize(q.text, lang)}
                </label>
                <FieldError name={name} errors={errors} />
                <textarea
                  id={fieldId(name)}
                  name={name}
                  rows={8}
                  maxlength={LIMITS.answerChars}
                  aria-invalid={invalid(name)}
                  aria-describedby={describedBy(name, errors) ?? 'answers-hint'}
                >
                  {values[name] ?? ''}
                </textarea>
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>{t.form.consentHeading}</legend>
          <div class="check">
            <input
              type="checkbox"
              id={fieldId('consent.quote')}
              name="consent.quote"
              value="yes"
              checked={values['consent.quote'] === 'yes'}
            />
            <label for={fieldId('consent.quote')}>{t.form.consentQuote}</label>
          </div>
          <div class="check">
            <input
              type="checkbox"
              id={fieldId('consent.attribution')}
              name="consent.attribution"
              value="yes"
              checked={values['consent.attribution'] === 'yes'}
            />
            <label for={fieldId('consent.attribution')}>{t.form.consentAttribution}</label>
          </div>
          <h3>{t.form.privacyHeading}</h3>
          <p>{t.form.privacy}</p>
        </fieldset>
        <button type="submit">{t.form.submit}</button>
      </form>
    </Layout>
  );
}
