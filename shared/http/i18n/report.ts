import type { Language } from '../../consultation.js';
import { type ReportCatalogue, reportEn } from './report-en.js';
import { reportEs } from './report-es.js';
import { reportFr } from './report-fr.js';

export type { ReportCatalogue };

/** The synthesis report's own words in each language (the site's catalogues hold the pages' words). */
export const REPORT_CATALOGUES: Record<Language, ReportCatalogue> = {
  en: reportEn,
  fr: reportFr,
  es: reportEs,
};
