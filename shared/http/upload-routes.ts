import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { DOCUMENT_LIMITS } from '../documents/model.js';
import { issueUpload, uploadRequestSchema } from '../documents/uploads.js';
import { consultationOr404 } from '../intake.js';
import { guardJsonBody, limitBody } from './body.js';
import type { AppDeps, AppEnv } from './context.js';
import { errorResponse, idParam, knownConsultation, rejectInvalid } from './public-api.js';
import { limitPerMinute } from './rate-limit.js';

const issuedUploadSchema = z
  .object({
    uploadId: z.string().meta({ description: 'Name it in the submission as `document: {"uploadId": "…"}`.' }),
    url: z.string().meta({ description: 'Where to POST the file, as `multipart/form-data`.' }),
    fields: z.record(z.string(), z.string()).meta({
      description: 'Form fields to send first, as they are; the file goes last, in a field named `file`.',
    }),
    expiresAt: z.iso.datetime().meta({ description: 'The upload must start before this time.' }),
    maxBytes: z.number().int(),
  })
  .meta({ id: 'Upload' });

/**
 * The document upload API: a presigned POST straight to S3, so the API never carries the file
 * (API Gateway and Lambda bound request bodies well under the 10 MB a document may have).
 */
export function uploadRoutes(deps: AppDeps, now: () => Date) {
  const api = new OpenAPIHono<AppEnv>(rejectInvalid);
  const { documents } = deps;
  if (!documents) return api;

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/consultations/{id}/uploads',
      summary: 'Upload a document (DOCX, PDF or ODT) to send with written input',
      description: `Answers a short-lived (${DOCUMENT_LIMITS.uploadSeconds / 60} minutes) form for one file of exactly the declared size, up to ${DOCUMENT_LIMITS.bytes / 1024 / 1024} MB, posted straight to storage. Then send the submission with \`document.uploadId\`: the file's type is read from its bytes there, and a file that is not a DOCX, PDF or ODT is refused.`,
      middleware: [
        limitPerMinute(deps.submissionsPerMinute ?? 30),
        knownConsultation(deps.catalogue),
        limitBody,
        guardJsonBody,
      ] as const,
      request: {
        params: idParam,
        body: { required: true, content: { 'application/json': { schema: uploadRequestSchema } } },
      },
      responses: {
        201: {
          description: 'Upload form issued',
          content: { 'application/json': { schema: issuedUploadSchema } },
        },
        400: errorResponse('Invalid input: the fields at fault are named'),
        404: errorResponse('No consultation with this id'),
        409: errorResponse('The submission window is closed'),
        413: errorResponse('The declared size is over the limit'),
        415: errorResponse('Not JSON'),
        429: errorResponse('Too many requests from this client'),
        503: errorResponse('The store is unavailable; retry later'),
      },
    }),
    async (c) => {
      const consultation = consultationOr404(deps.catalogue, c.req.valid('param').id);
      const issued = await issueUpload(documents, consultation, await c.req.json(), now());
      return c.json(issued, 201);
    },
  );

  return api;
}
