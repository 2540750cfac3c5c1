import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { type Consultation, type ConsultationCatalogue, LANGUAGES, localize } from '../consultation.js';
import { consultationOr404, openWithReceipt, submit, withdraw } from '../intake.js';
import { LIMITS, ownerView, SUBMISSION_STATUSES, submissionInputSchema } from '../submission.js';
import { type InputPart, parseOrThrow, validationErrorFrom } from '../validation.js';
import { guardJsonBody, limitBody } from './body.js';
import { type AppDeps, type AppEnv, intakeDeps } from './context.js';
import { publicUrl } from './links.js';
import { limitPerMinute } from './rate-limit.js';

const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
    }),
    requestId: z.string(),
  })
  .meta({ id: 'Error' });

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

const receiptSchema = z
  .object({
    id: z.string().meta({ description: 'The submission id (a ULID).' }),
    receiptToken: z
      .string()
      .meta({ description: 'Shown once. Send it as `Authorization: Bearer <token>` to view or withdraw.' }),
    consultationId: z.string(),
    submittedAt: z.iso.datetime(),
    status: z.enum(SUBMISSION_STATUSES),
    language: z.enum(LANGUAGES),
    viewUrl: z.string().meta({ description: 'A private page for the submitter, carrying the token.' }),
  })
  .meta({ id: 'Receipt' });

const ownerViewSchema = z
  .object({
    id: z.string(),
    consultationId: z.string(),
    submittedAt: z.iso.datetime(),
    status: z.enum(SUBMISSION_STATUSES),
    withdrawnAt: z.iso.datetime().optional(),
    stakeholder: z.record(z.string(), z.string()).optional(),
    language: z.enum(LANGUAGES).optional(),
    answers: z.record(z.string(), z.string()).optional().meta({ description: 'The answers as typed.' }),
    document: z
      .object({ filename: z.string(), contentType: z.string(), size: z.number().int() })
      .optional()
      .meta({
        description: 'The document sent with the submission; its type is the one read from its bytes.',
      }),
    consent: z.object({ quote: z.boolean(), attribution: z.boolean() }).optional(),
  })
  .meta({ id: 'OwnSubmission' });

/** The OpenAPI routers' validation hook: a refusal names its fields, and says which part of the request held them. */
export const rejectInvalid = {
  defaultHook: (result: { success: boolean; error?: unknown; data?: unknown; target?: string }) => {
    if (!result.success)
      throw validationErrorFrom(
        result.error as z.ZodError,
        result.data,
        (result.target ?? 'body') as InputPart,
      );
  },
};

export const idParam = z.object({ id: z.string().min(1).max(64) });
const bearerHeader = z.object({
  authorization: z.string().optional().meta({ description: '`Bearer <receiptToken>`' }),
});
const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\x21-\x7E]+$/)
    .optional()
    .meta({
      description: 'A retry with the same key and body returns the first result and stores nothing new.',
    }),
});

/**
 * Route middleware for `/api/consultations/{id}/…`: an unknown consultation is a 404 before anything reads the
 * body, whose meaning (the question ids) depends on the consultation.
 */
export function knownConsultation(catalogue: ConsultationCatalogue): MiddlewareHandler {
  return async (c, next) => {
    consultationOr404(catalogue, parseOrThrow(idParam, { id: c.req.param('id') }, 'param').id);
    await next();
  };
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/** The consultation as published: what a tool needs to build its own form. */
export function publicConsultation(consultation: Consultation) {
  return {
    ...consultation,
    limits: { answerChars: LIMITS.answerChars, bodyBytes: LIMITS.bodyBytes },
  };
}

export function publicApi(deps: AppDeps, now: () => Date) {
  const api = new OpenAPIHono<AppEnv>(rejectInvalid);
  const intake = intakeDeps(deps, now);

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/consultations/{id}',
      summary: 'The consultation: its session, guiding questions, recommendations and submission window',
      request: { params: idParam },
      responses: {
        200: { description: 'The consultation', content: { 'application/json': { schema: z.any() } } },
        404: errorResponse('No consultation with this id'),
      },
    }),
    (c) => c.json(publicConsultation(consultationOr404(deps.catalogue, c.req.valid('param').id)), 200),
  );

  // The body's question ids are the path's consultation's, so the route only describes the default consultation's
  // body, by a reference the router does not validate against; intake validates it against the consultation named.
  api.openAPIRegistry.register('SubmissionInput', submissionInputSchema(deps.catalogue.default));
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/consultations/{id}/submissions',
      summary: 'Send written input',
      description: `Each answer up to ${LIMITS.answerChars} characters; the whole body up to ${LIMITS.bodyBytes / 1024} KB. At least one answer, or a document uploaded through \`POST /api/consultations/{id}/uploads\` and named by its \`uploadId\`. Answer keys are the consultation's question ids.`,
      middleware: [
        limitPerMinute(deps.submissionsPerMinute ?? 30),
        knownConsultation(deps.catalogue),
        limitBody,
        guardJsonBody,
      ] as const,
      request: {
        params: idParam,
        headers: idempotencyHeader,
        body: {
          required: true,
          description: `The shape for the consultation \`${deps.catalogue.default.id}\`; another consultation's answers are keyed by its own question ids.`,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/SubmissionInput' } } },
        },
      },
      responses: {
        201: { description: 'Stored', content: { 'application/json': { schema: receiptSchema } } },
        400: errorResponse('Invalid input: the fields at fault are named'),
        404: errorResponse('No consultation with this id'),
        409: errorResponse(
          'The submission window is closed, or the document was already sent with another submission',
        ),
        413: errorResponse('Over a size limit'),
        415: errorResponse('Not JSON'),
        422: errorResponse('The Idempotency-Key was used with a different body'),
        429: errorResponse('Too many requests from this client'),
        503: errorResponse('The store is unavailable; nothing was stored, retry later'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const receipt = await submit(intake, id, await c.req.json(), key);
      const { submission, receiptToken } = receipt;
      if (receipt.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(
        {
          id: submission.id,
          receiptToken,
          consultationId: submission.consultationId,
          submittedAt: submission.submittedAt,
          status: submission.status,
          language: submission.language,
          viewUrl: publicUrl(c, deps.publicBaseUrl, `/submissions/${submission.id}?token=${receiptToken}`),
        },
        201,
      );
    },
  );

  const ownRequest = { params: idParam, headers: bearerHeader };
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/submissions/{id}',
      summary: 'Your own submission, with its receipt token',
      request: ownRequest,
      responses: {
        200: {
          description: 'What you sent and its status',
          content: { 'application/json': { schema: ownerViewSchema } },
        },
        404: errorResponse('Unknown id, or a missing or wrong token'),
      },
    }),
    async (c) => {
      const token = bearerToken(c.req.valid('header').authorization);
      const submission = await openWithReceipt(deps.store, c.req.valid('param').id, token, deps.mail?.mail);
      return c.json(ownerView(submission), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/submissions/{id}',
      summary: 'Withdraw your submission while the window is open: its content is erased',
      request: ownRequest,
      responses: {
        200: { description: 'Withdrawn', content: { 'application/json': { schema: ownerViewSchema } } },
        404: errorResponse('Unknown id, or a missing or wrong token'),
        409: errorResponse('The submission window is closed, or the submission changed meanwhile'),
      },
    }),
    async (c) => {
      const token = bearerToken(c.req.valid('header').authorization);
      const tombstone = await withdraw(intake, c.req.valid('param').id, token);
      return c.json(ownerView(tombstone), 200);
    },
  );

  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'GCM consultation: public API',
      version: '1.0.0',
      description: `Written input to ${localize(deps.catalogue.default.title, 'en')}.`,
    },
  });

  return api;
}
