import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS, MEDIA_TYPES, uploadKey } from '../../shared/documents/model.js';
import type { Runtime } from '../../shared/runtime.js';
import type { Submission } from '../../shared/submission.js';
import { CONSULTATION_ID, postJson, submissionBody, submissionsPath, testApp } from '../support/factories.js';
import { docx, FREE_FORM, oleContainer, pdf, TEMPLATE_ANSWERS } from './samples.js';
import { documentsApp, uploadDocument } from './support.js';

let runtime: Runtime;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  ({ runtime, app } = await documentsApp());
});
afterAll(() => runtime.dynamo.destroy());

const uploadsPath = `/api/consultations/${CONSULTATION_ID}/uploads`;

const upload = (bytes: Uint8Array, filename: string, contentType?: string) =>
  uploadDocument(app, bytes, filename, contentType);

async function errorOf(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; fields?: { path: string; code: string }[] };
  };
  return [body.error.code, ...(body.error.fields?.map((f) => `${f.path}:${f.code}`) ?? [])];
}

const withDocument = (uploadId: string, overrides: Record<string, unknown> = {}) => {
  const { answers: _typed, ...rest } = submissionBody();
  return { ...rest, document: { uploadId }, ...overrides };
};

describe('a document upload, from request to submission, on the local stack', () => {
  it('stores the file under a key the server chose, and the submission records what it is by its bytes', async () => {
    const bytes = await docx(TEMPLATE_ANSWERS);
    const issued = await upload(bytes, 'Contribution – Ville d’Exemple.docx', MEDIA_TYPES.docx);
    expect(issued.uploadId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(issued.fields.key).toBe(uploadKey(CONSULTATION_ID, issued.uploadId));
    expect(new URL(issued.url).origin).toBe(runtime.documents.uploadOrigin);
    expect(Date.parse(issued.expiresAt)).toBeGreaterThan(Date.now());

    // No typed answer at all: the document stands in for them.
    const response = await postJson(app, submissionsPath(), withDocument(issued.uploadId));
    expect(response.status).toBe(201);
    const { id, receiptToken } = (await response.json()) as { id: string; receiptToken: string };

    const stored = (await runtime.store.get(id))?.submission as Submission;
    expect(stored.answers).toEqual({});
    expect(stored.document).toEqual({
      uploadId: issued.uploadId,
      key: uploadKey(CONSULTATION_ID, issued.uploadId),
      kind: 'docx',
      contentType: MEDIA_TYPES.docx,
      size: bytes.length,
      filename: 'Contribution – Ville d’Exemple.docx',
    });
    expect(await runtime.documents.read(stored.document?.key ?? '', DOCUMENT_LIMITS.bytes)).toEqual(bytes);

    const own = await app.request(`/api/submissions/${id}`, {
      headers: { authorization: `Bearer ${receiptToken}` },
    });
    expect(await own.json()).toMatchObject({
      document: {
        filename: 'Contribution – Ville d’Exemple.docx',
        contentType: MEDIA_TYPES.docx,
        size: bytes.length,
      },
    });
  });

  it('goes by the bytes, not the name: a PDF called .docx is a PDF', async () => {
    const issued = await upload(await pdf(FREE_FORM), 'letter.docx', MEDIA_TYPES.docx);
    const response = await postJson(app, submissionsPath(), withDocument(issued.uploadId));
    const { id } = (await response.json()) as { id: string };
    const stored = (await runtime.store.get(id))?.submission as Submission | undefined;
    expect(stored?.document).toMatchObject({
      kind: 'pdf',
      contentType: MEDIA_TYPES.pdf,
    });
  });

  it('answers a retried submission with the same document as the first time, and refuses a second submission of it', async () => {
    const issued = await upload(await pdf(FREE_FORM), 'letter.pdf');
    const body = withDocument(issued.uploadId, { answers: { Q2: 'A welcome desk.' } });
    const first = await postJson(app, submissionsPath(), body, {
      'Idempotency-Key': `doc-${issued.uploadId}`,
    });
    const retry = await postJson(app, submissionsPath(), body, {
      'Idempotency-Key': `doc-${issued.uploadId}`,
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(((await retry.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);

    const other = await postJson(app, submissionsPath(), body);
    expect(other.status).toBe(409);
    expect(await errorOf(other)).toEqual(['document_already_submitted']);
  });

  it('deletes the file when the submitter withdraws', async () => {
    const issued = await upload(await pdf(FREE_FORM), 'letter.pdf');
    const response = await postJson(app, submissionsPath(), withDocument(issued.uploadId));
    const { id, receiptToken } = (await response.json()) as { id: string; receiptToken: string };
    const key = uploadKey(CONSULTATION_ID, issued.uploadId);
    expect(await runtime.documents.head(key)).toBeDefined();

    const withdrawn = await app.request(`/api/submissions/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${receiptToken}` },
    });
    expect(withdrawn.status).toBe(200);
    expect(await runtime.documents.head(key)).toBeUndefined();
    const tombstone = (await runtime.store.get(id))?.submission as Submission;
    expect(tombstone.document).toBeUndefined();
  });
});

describe('what the upload and the submission refuse, naming the field', () => {
  it.each([
    [
      'a size over 10 MB',
      { filename: 'big.pdf', size: DOCUMENT_LIMITS.bytes + 1 },
      413,
      ['payload_too_large', 'size:document_too_large'],
    ],
    ['no file name', { size: 100 }, 400, ['invalid_input', 'filename:required']],
    ['an empty file', { filename: 'a.pdf', size: 0 }, 400, ['invalid_input', 'size:required']],
    [
      'a type that is no document',
      { filename: 'a.exe', size: 10, contentType: 'application/x-msdownload' },
      400,
      ['invalid_input', 'contentType:invalid_choice'],
    ],
    [
      'a file name with control characters',
      { filename: 'a\u0007.pdf', size: 10 },
      400,
      ['invalid_input', 'filename:control_characters'],
    ],
  ])('an upload request with %s', async (_name, body, status, error) => {
    const response = await postJson(app, uploadsPath, body);
    expect(response.status).toBe(status);
    expect(await errorOf(response)).toEqual(error);
  });

  it('no upload while the consultation is closed', async () => {
    const closed = testApp(runtime, {
      documents: runtime.documents,
      now: () => new Date('2030-01-01T00:00:00Z'),
    });
    const response = await postJson(closed, uploadsPath, { filename: 'a.pdf', size: 100 });
    expect(response.status).toBe(409);
  });

  it('a submission naming an upload that never arrived', async () => {
    const response = await postJson(app, submissionsPath(), withDocument('AAAAAAAAAAAAAAAAAAAAAA'));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual(['invalid_input', 'document.uploadId:upload_not_found']);
  });

  it('a submission naming a file that is no DOCX, PDF or ODT, or a protected one', async () => {
    const html = await upload(new TextEncoder().encode('<html>Question 1</html>'), 'answers.pdf');
    const protectedDocx = await upload(oleContainer(), 'protected.docx');
    const refused = await postJson(app, submissionsPath(), withDocument(html.uploadId));
    expect(await errorOf(refused)).toEqual(['invalid_input', 'document.uploadId:document_type']);
    const locked = await postJson(app, submissionsPath(), withDocument(protectedDocx.uploadId));
    expect(await errorOf(locked)).toEqual(['invalid_input', 'document.uploadId:document_protected']);
  });

  it('a stored file over 10 MB, which real S3 would have refused at upload', async () => {
    const uploadId = 'BBBBBBBBBBBBBBBBBBBBBB';
    await runtime.s3.send(
      new PutObjectCommand({
        Bucket: runtime.config.BUCKET_NAME,
        Key: uploadKey(CONSULTATION_ID, uploadId),
        Body: new Uint8Array(DOCUMENT_LIMITS.bytes + 1),
      }),
    );
    const response = await postJson(app, submissionsPath(), withDocument(uploadId));
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual(['payload_too_large', 'document.uploadId:document_too_large']);
  });

  it('a malformed upload id, and a body with neither answers nor document', async () => {
    const badId = await postJson(app, submissionsPath(), withDocument('../../reports/x'));
    expect(await errorOf(badId)).toEqual(['invalid_input', 'document.uploadId:invalid']);
    const nothing = await postJson(app, submissionsPath(), submissionBody({ answers: {} }));
    expect(await errorOf(nothing)).toEqual(['invalid_input', 'answers:answer_required']);
  });
});

describe('the API description', () => {
  it('describes the upload endpoint and the document field', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post?: { requestBody?: unknown; responses?: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    const uploads = doc.paths['/api/consultations/{id}/uploads']?.post;
    expect(Object.keys(uploads?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '409', '413', '429']),
    );
    expect(JSON.stringify(uploads?.requestBody)).toContain('filename');
    expect(JSON.stringify(doc.components.schemas.SubmissionInput)).toContain('uploadId');
  });
});
