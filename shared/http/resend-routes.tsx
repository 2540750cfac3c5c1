import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { csrf } from 'hono/csrf';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { consultationOr404 } from '../intake.js';
import { requestResend } from '../mail/outbox.js';
import { LIMITS } from '../submission.js';
import { parseOrThrow } from '../validation.js';
import { guardJsonBody, limitBody, readText } from './body.js';
import type { AppContext, AppDeps, AppEnv } from './context.js';
import { documentHtml } from './pages/layout.js';
import { MessagePage } from './pages/message-page.js';
import { ResendPage } from './pages/resend.js';
import { fieldMessage } from './problems.js';
import { errorResponse, idParam, rejectInvalid } from './public-api.js';
import { limitPerMinute } from './rate-limit.js';

const resendSchema = z
  .strictObject({ email: z.string().trim().max(LIMITS.emailChars).pipe(z.email()) })
  .meta({ id: 'ResendRequest' });

const acceptedSchema = z
  .object({
    status: z.literal('accepted'),
    message: z.string().meta({ description: 'The same for every address, in the language asked for.' }),
  })
  .meta({ id: 'ResendAccepted' });

/**
 * "Send me my link again", as a page and as an API, sharing one per-client limit. Both answer the
 * same for an address that sent input and one that did not; the outbox's worker finds out, and
 * writes only to an address with live submissions, only its own links.
 */
export function resendRoutes(deps: AppDeps, now: () => Date) {
  const routes = new OpenAPIHono<AppEnv>(rejectInvalid);
  const { mail } = deps;
  if (!mail) return routes;
  const perClient = limitPerMinute(deps.resendsPerMinute ?? 5);

  routes.openapi(
    createRoute({
      method: 'post',
      path: '/api/consultations/{id}/receipts/resend',
      summary: 'E-mail the private links of an address’s submissions to that address',
      description:
        'Answers 202 whether or not the address sent input, so nobody can learn who did. Only an address with live submissions gets a message, with a new private link for each. A few messages per address and hour at most; past that, requests are accepted and dropped.',
      middleware: [perClient, limitBody, guardJsonBody] as const,
      request: {
        params: idParam,
        body: { required: true, content: { 'application/json': { schema: resendSchema } } },
      },
      responses: {
        202: { description: 'Accepted', content: { 'application/json': { schema: acceptedSchema } } },
        400: errorResponse('Invalid input: the field at fault is named'),
        404: errorResponse('No consultation with this id'),
        413: errorResponse('Over a size limit'),
        415: errorResponse('Not JSON'),
        429: errorResponse('Too many requests from this client'),
        503: errorResponse('The store is unavailable; retry later'),
      },
    }),
    async (c) => {
      const consultation = consultationOr404(deps.catalogue, c.req.valid('param').id);
      await requestResend(mail, consultation, c.req.valid('json').email, c.get('lang'), now());
      return c.json({ status: 'accepted' as const, message: c.get('t').resendPage.sent }, 202);
    },
  );

  const page = (c: AppContext, values: { email?: string }, errors: { path: string; message: string }[]) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id') ?? '');
    const here = new URL(c.req.url);
    return c.html(
      documentHtml(
        <ResendPage
          lang={c.get('lang')}
          t={c.get('t')}
          here={here.pathname + here.search}
          consultation={consultation}
          values={values}
          errors={errors}
        />,
      ),
      errors.length > 0 ? 400 : 200,
    );
  };

  routes.get('/consultations/:id/receipts/resend', (c) => page(c, {}, []));

  routes.post('/consultations/:id/receipts/resend', csrf(), perClient, limitBody, async (c) => {
    const consultation = consultationOr404(deps.catalogue, c.req.param('id'));
    const form = new URLSearchParams(await readText(c.req, 'form'));
    const email = form.get('email') ?? '';
    try {
      const input = parseOrThrow(resendSchema, { email: email.trim() ? email : undefined });
      await requestResend(mail, consultation, input.email, c.get('lang'), now());
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(
        c,
        { email },
        error.fields.map((f) => ({ path: f.path, message: fieldMessage(c.get('lang'), f) })),
      );
    }
    const t = c.get('t');
    const here = new URL(c.req.url);
    return c.html(
      documentHtml(
        <MessagePage
          lang={c.get('lang')}
          t={t}
          here={here.pathname}
          title={t.resendPage.title}
          message={t.resendPage.sent}
        />,
      ),
    );
  });

  return routes;
}
