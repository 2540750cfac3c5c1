import type { Language } from '../../consultation.js';
import type { DocumentKind } from '../../documents/model.js';
import { type Catalogue, format } from '../i18n/index.js';

/** A file size as people read it, in their language's units and separators ("1,2 Mo", "340 kB"). */
export function formatSize(bytes: number, lang: Language): string {
  const [value, unit] =
    bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'megabyte'] : [Math.max(1, bytes / 1024), 'kilobyte'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** "contribution.docx (Word (DOCX), 1.2 MB)": a document as the submitter and the secretariat see it. */
export function documentSummary(
  t: Catalogue,
  lang: Language,
  document: { filename: string; kind: DocumentKind; size: number },
): string {
  return format(t.documents.summary, {
    name: document.filename,
    type: t.documents.kinds[document.kind],
    size: formatSize(document.size, lang),
  });
}
