import { LANGUAGES, type Language } from '../../consultation.js';
import { type Catalogue, en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

export type { Catalogue };

export const CATALOGUES: Record<Language, Catalogue> = { en, fr, es };

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible rather than failing. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
