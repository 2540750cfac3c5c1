import { describe, expect, it } from 'vitest';
import { REPORT_CATALOGUES } from '../../shared/http/i18n/report.js';

/** Every key path of a catalogue ("sentences.intro.one"), arrays by index. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('the report catalogues', () => {
  const english = keys(REPORT_CATALOGUES.en).sort();

  it.each(['fr', 'es'] as const)('%s has exactly the English keys, none empty', (language) => {
    expect(keys(REPORT_CATALOGUES[language]).sort()).toEqual(english);
    for (const path of english) {
      const value = path
        .split('.')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], REPORT_CATALOGUES[language]);
      expect(typeof value === 'string' && value.trim().length > 0, path).toBe(true);
    }
  });

  it.each(['fr', 'es'] as const)('%s keeps every placeholder of the English text', (language) => {
    for (const path of english) {
      const get = (catalogue: unknown) =>
        String(
          path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogue),
        );
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      // The singular may say "one" in words instead of {count}.
      const english = placeholders(get(REPORT_CATALOGUES.en)).filter(
        (p) => !path.endsWith('.one') || p !== 'count',
      );
      const translated = placeholders(get(REPORT_CATALOGUES[language]));
      for (const name of english) expect(translated, `${language} ${path}`).toContain(name);
    }
  });
});
