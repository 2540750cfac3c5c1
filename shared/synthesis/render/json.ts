import type { ReportModel } from '../model.js';

/**
 * The report as open data: the model itself, `schemaVersion` first (docs/report-json.md documents
 * every field). JSON.stringify escapes what JSON needs; "<" is escaped as well so that the file
 * can be inlined in a web page without closing a script element.
 */
export function renderJson(model: ReportModel): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(model, null, 2).replace(/</g, '\\u003c')}\n`);
}
