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

/** A message in every plural form its language has; `other` is the one every language needs. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Picks the plural form for `count` by the language's own rules (French says "1 contribution", "0 contribution"),
 * then fills `{count}` with the number written the language's way, and any other placeholders.
 */
export function plural(
  language: Language,
  forms: Plural,
  count: number,
  values: Record<string, string | number> = {},
): string {
  const form = forms[new Intl.PluralRules(language).select(count)] ?? forms.other;
  return format(form, { ...values, count: count.toLocaleString(language) });
}

/** English dates in the United Nations' style (day, month, year), as the seed document writes them. */
const DATE_LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr', es: 'es' };

/**
 * One date style per language, always with its time zone, so a deadline reads the same on every page, report
 * and e-mail ("4 December 2026 at 17:00 UTC", "4 décembre 2026 à 17:00 UTC", "4 de diciembre de 2026, 17:00 UTC").
 */
export function formatDateTime(
  iso: string,
  language: Language,
  options: { withTime?: boolean; timeZone?: string } = {},
): string {
  const { withTime = true, timeZone = 'UTC' } = options;
  // Fields rather than dateStyle: Intl refuses a zone name beside dateStyle, and the zone is the point.
  return new Intl.DateTimeFormat(DATE_LOCALE[language], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' } : {}),
    timeZone,
  }).format(new Date(iso));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
