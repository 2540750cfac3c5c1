import { expect } from 'vitest';
import type { Runtime } from '../../shared/runtime.js';
import type { UploadForm } from '../../shared/stores/ports.js';
import { CONSULTATION_ID, postJson, testApp } from '../support/factories.js';
import { createTestRuntime } from '../support/runtime.js';

export interface Issued extends UploadForm {
  uploadId: string;
  maxBytes: number;
}

/** A runtime of its own and the app with document uploads on. */
export async function documentsApp(): Promise<{ runtime: Runtime; app: ReturnType<typeof testApp> }> {
  const runtime = await createTestRuntime();
  return { runtime, app: testApp(runtime, { documents: runtime.documents }) };
}

/** What a client does: ask the API for an upload, then post the file to the store as an HTML form would. */
export async function uploadDocument(
  app: { request: ReturnType<typeof testApp>['request'] },
  bytes: Uint8Array,
  filename = 'input',
  contentType?: string,
): Promise<Issued> {
  const response = await postJson(
    app as ReturnType<typeof testApp>,
    `/api/consultations/${CONSULTATION_ID}/uploads`,
    {
      filename,
      size: bytes.length,
      ...(contentType ? { contentType } : {}),
    },
  );
  expect(response.status).toBe(201);
  const issued = (await response.json()) as Issued;
  const form = new FormData();
  for (const [name, value] of Object.entries(issued.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  expect((await fetch(issued.url, { method: 'POST', body: form })).status).toBe(204);
  return issued;
}
