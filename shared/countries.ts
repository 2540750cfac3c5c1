import { continents, countries } from 'countries-list';
import type { Language } from './consultation.js';

export type CountryCode = keyof typeof countries;

export function isCountryCode(code: string): code is CountryCode {
  return Object.hasOwn(countries, code);
}

export const COUNTRY_CODES = Object.keys(countries) as CountryCode[];

/** The continent a country belongs to: the regions the report counts participation by. */
export function regionOf(code: string): string {
  return isCountryCode(code) ? continents[countries[code].continent] : 'Unknown';
}

const displayNames = new Map<Language, Intl.DisplayNames>();

export function countryName(code: string, language: Language): string {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    displayNames.set(language, names);
  }
  return names.of(code) ?? code;
}
