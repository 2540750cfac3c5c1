import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  brokenPdf,
  docx,
  FREE_FORM,
  lyingZipBomb,
  odt,
  oleContainer,
  pdf,
  TEMPLATE_ANSWERS,
} from '../test/documents/samples.js';

/**
 * `npm run sample-documents`: writes the sample documents the tests build to fixtures/documents/,
 * for trying the upload by hand. Each one is made by this project's own code.
 */
const folder = join(import.meta.dirname, '..', 'fixtures', 'documents');
await mkdir(folder, { recursive: true });
const files: Record<string, Uint8Array> = {
  'template-answers.docx': await docx(TEMPLATE_ANSWERS),
  'free-form.pdf': await pdf(FREE_FORM),
  'template-answers.odt': odt(TEMPLATE_ANSWERS),
  'scanned.pdf': await pdf({ sections: [] }, { pagesOfShapes: 2 }),
  'encrypted.pdf': await pdf(FREE_FORM, { userPassword: 'sample' }),
  'broken.pdf': brokenPdf(),
  'protected.docx': oleContainer(),
  'zip-bomb.docx': await lyingZipBomb(),
};
for (const [name, bytes] of Object.entries(files)) {
  await writeFile(join(folder, name), bytes);
  console.log(`${name}\t${bytes.length} bytes`);
}
