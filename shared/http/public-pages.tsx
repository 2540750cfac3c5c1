import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { type Consultation, isWindowOpen } from '../consultation.js';
import { inspectUpload, issueFormUpload } from '../documents/uploads.js';
import { ValidationError } from '../errors.js';
import { consultationOr404, openWithReceipt, submit, withdraw } from '../intake.js';
import { type Submission, UPLOAD_ID_PATTERN } from '../submission.js';
import { limitBody, readText } from './body.js';
import { type AppContext, type AppDeps, type AppEnv, intakeDeps } from './context.js';
import { publicUrl } from './links.js';
import { ApiReferencePage, type Operation } from './pages/api-reference.js';
import { FAVICON_SVG } from './pages/favicon.js';
import { LandingPage } from './pages/landing.js';
import { documentHtml, LANGUAGE_SWITCH_FIELD } from './pages/layout.js';
import { OwnSubmissionPage } from './pages/own-submission.js';
import { SITE_CSS } from './pages/site-css.js';
import { type FormState, SubmissionFormPage } from './pages/submission-form.js';
import { WithdrawConfirmationPage } from './pages/withdraw-confirmation.js';
import { fieldMessage } from './problems.js';
import { limitPerMinute } from './rate-limit.js';

const pageProps = (c: AppContext) => ({
  lang: c.get('lang'),
  t: c.get('t'),
  here: new URL(c.req.url).pathname + new URL(c.req.url).search,
});

/** The form's flat field names are the JSON paths, so a field's error lands next to it. */
function formToBody(form: URLSearchParams, consultation: Consultation) {
  const value = (name: string) => form.get(name) ?? undefined;
  const optional = (name: string) => (value(name)?.trim() ? value(name) : undefined);
  const known = new Set([
    'idempotencyKey',
    'stakeholder.organization',
    'stakeholder.contactName',
    'stakeholder.email',
    'stakeholder.type',
    'stakeholder.country',
    'language',
    'consent.quote',
    'consent.attribution',
    'document.uploadId',
    ...consultation.questions.map((q) => `answers.${q.id}`),
  ]);
  const unknown = Object.fromEntries(
    [...form.keys()].filter((k) => !known.has(k)).map((k) => [k, form.get(k)]),
  );
  return {
    ...unknown,
    // A blank field is a missing one, so the person reads "This is required", not a list of codes.
    stakeholder: {
      organization: optional('stakeholder.organization'),
      contactName: optional('stakeholder.contactName'),
      email: optional('stakeholder.email'),
      type: optional('stakeholder.type'),
      country: optional('stakeholder.country'),
    },
    language: optional('language'),
    answers: Object.fromEntries(consultation.questions.map((q) => [q.id, value(`answers.${q.id}`) ?? ''])),
    document: optional('document.uploadId') ? { uploadId: value('document.uploadId') } : undefined,
    consent: {
      quote: form.get('consent.quote') === 'yes',
      attribution: form.get('consent.attribution') === 'yes',
    },
  };
}

export function publicPages(deps: AppDeps, now: () => Date, operations: () => Operation[]) {
  const pages = new Hono<AppEnv>();
  const intake = intakeDeps(deps, now);

  pages.get('/assets/site.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(SITE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  for (const path of ['/favicon.svg', '/favicon.ico'])
    pages.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml' });
    });

  const landing = (c: AppContext, consultation: Consultation) =>
    c.html(
      documentHtml(
        <LandingPage
          {...pageProps(c)}
          consultation={consultation}
          now={now()}
          offersResend={deps.mail !== undefined}
        />,
      ),
    );
  pages.get('/', (c) => landing(c, deps.catalogue.default));
  pages.get('/consultations/:id', (c) => landing(c, consultationOr404(deps.catalogue, c.req.param('id'))));

  /**
   * The document step: a fresh upload form that sends the browser back here, and the document an
   * earlier round attached (`uploadId`), checked in the store as intake will check it.
   */
  const documentStep = async (
    c: AppContext,
    consultation: Consultation,
    uploadId: string | undefined,
  ): Promise<{ document?: FormState['document']; errors: FormState['errors'] }> => {
    if (!deps.documents) return { errors: [] };
    const back = (id: string) =>
      publicUrl(c, deps.publicBaseUrl, `/consultations/${consultation.id}/submit?upload=${id}`);
    const upload = await issueFormUpload(deps.documents, consultation, back);
    if (!uploadId) return { document: { upload }, errors: [] };
    try {
      if (!UPLOAD_ID_PATTERN.test(uploadId))
        throw new ValidationError([{ path: 'document.uploadId', code: 'upload_not_found' }]);
      return {
        document: { upload, attached: await inspectUpload(deps.documents, consultation.id, uploadId) },
        errors: [],
      };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return {
        document: { upload },
        errors: error.fields.map((f) => ({ path: f.path, message: fieldMessage(c.get('lang'), f) })),
      };
    }
  };

  const showForm = (
    c: AppContext,
    consultation: Consultation,
    state: FormState,
    status: 200 | 400 | 413 = 200,
  ) =>
    c.html(
      documentHtml(<SubmissionFormPage {...pageProps(c)} consultation={consultation} state={state} />),
      status,
    );

  pages.get('/consultations/:id/submit', async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    if (!isWindowOpen(consultation.submissionWindow, now())) {
      return c.redirect(`/consultations/${consultation.id}`, 303);
    }
    const step = await documentStep(c, consultation, c.req.query('upload'));
    return showForm(
      c,
      consultation,
      {
        values: {},
        errors: step.errors,
        idempotencyKey: randomUUID(),
        ...(step.document ? { document: step.document } : {}),
      },
      step.errors.length > 0 ? 400 : 200,
    );
  });

  // A browser sends Origin with every form post; a form posted from another site is refused.
  pages.post(
    '/consultations/:id/submit',
    csrf(),
    limitPerMinute(deps.submissionsPerMinute ?? 30),
    limitBody,
    async (c) => {
      const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
      const form = new URLSearchParams(await readText(c.req, 'form'));
      const idempotencyKey = form.get('idempotencyKey') || randomUUID();
      const values = Object.fromEntries(
        [...form.entries()].filter(([k]) => k !== 'idempotencyKey' && k !== LANGUAGE_SWITCH_FIELD),
      );
      if (form.has(LANGUAGE_SWITCH_FIELD) && isWindowOpen(consultation.submissionWindow, now())) {
        // A change of language, not a submission: the same form again (?lang= chose the language),
        // with what was typed and the same key, since nothing was sent.
        const { document, errors } = await documentStep(
          c,
          consultation,
          form.get('document.uploadId') || undefined,
        );
        return showForm(c, consultation, {
          values,
          errors,
          idempotencyKey,
          ...(document ? { document } : {}),
        });
      }
      try {
        const receipt = await submit(intake, consultation.id, formToBody(form, consultation), idempotencyKey);
        const { id } = receipt.submission;
        return c.redirect(`/submissions/${id}?token=${encodeURIComponent(receipt.receiptToken)}&sent=1`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const errors = error.fields.map((f) => ({ path: f.path, message: fieldMessage(c.get('lang'), f) }));
        // The submission's own errors already say what is wrong with the document, if anything.
        const { document } = await documentStep(c, consultation, form.get('document.uploadId') || undefined);
        // A corrected form is a new request: the key of the refused one must not be replayed.
        return showForm(
          c,
          consultation,
          { values, errors, idempotencyKey: randomUUID(), ...(document ? { document } : {}) },
          error.tooLarge ? 413 : 400,
        );
      }
    },
  );

  pages.get('/submissions/:id', async (c) => {
    const token = c.req.query('token');
    const submission = await openWithReceipt(deps.store, c.req.param('id'), token, deps.mail?.mail);
    const consultation = consultationOr404(deps.catalogue, submission.consultationId);
    const privateUrl = publicUrl(
      c,
      deps.publicBaseUrl,
      `/submissions/${submission.id}?token=${encodeURIComponent(token ?? '')}`,
    );
    return c.html(
      documentHtml(
        <OwnSubmissionPage
          {...pageProps(c)}
          consultation={consultation}
          submission={submission}
          token={token ?? ''}
          privateUrl={privateUrl}
          justSent={c.req.query('sent') === '1'}
          mailOnItsWay={deps.mail !== undefined}
          canWithdraw={isWindowOpen(consultation.submissionWindow, now())}
        />,
      ),
    );
  });

  const privatePath = (id: string, token: string | undefined) =>
    `/submissions/${id}?token=${encodeURIComponent(token ?? '')}`;

  // Withdrawal cannot be undone: the receipt's button leads here, and only this page's form erases.
  pages.get('/submissions/:id/withdraw', async (c) => {
    const token = c.req.query('token');
    const submission = await openWithReceipt(deps.store, c.req.param('id'), token, deps.mail?.mail);
    const consultation = consultationOr404(deps.catalogue, submission.consultationId);
    if (submission.status === 'withdrawn' || !isWindowOpen(consultation.submissionWindow, now()))
      return c.redirect(privatePath(submission.id, token), 303);
    return c.html(
      documentHtml(
        <WithdrawConfirmationPage
          {...pageProps(c)}
          submission={submission as Submission}
          token={token ?? ''}
          privateUrl={privatePath(submission.id, token)}
        />,
      ),
    );
  });

  pages.post('/submissions/:id/withdraw', csrf(), limitBody, async (c) => {
    const form = new URLSearchParams(await readText(c.req, 'form'));
    const token = form.get('token') ?? undefined;
    // A post that did not come through the confirmation step (an old page, a script) is asked first.
    if (form.get('confirm') !== 'yes')
      return c.redirect(
        `/submissions/${c.req.param('id')}/withdraw?token=${encodeURIComponent(token ?? '')}`,
        303,
      );
    const tombstone = await withdraw(intake, c.req.param('id'), token);
    return c.redirect(privatePath(tombstone.id, token), 303);
  });

  pages.get('/api-reference', (c) =>
    c.html(documentHtml(<ApiReferencePage {...pageProps(c)} operations={operations()} />)),
  );

  return pages;
}
