import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../shared/consultation.js';
import { CATALOGUES } from '../../shared/http/i18n/index.js';

type Leaf = string | Record<string, string>;
const PLURAL_KEYS = new Set<string>(['zero', 'one', 'two', 'few', 'many', 'other']);

function isPlural(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'other' in value &&
    Object.keys(value).every((k) => PLURAL_KEYS.has(k))
  );
}

/** Every message of a catalogue by its dotted key; a plural message is one leaf. */
function messages(node: unknown, prefix = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  if (typeof node === 'string' || isPlural(node)) {
    out.set(prefix, node as Leaf);
    return out;
  }
  for (const [key, value] of Object.entries(node as object))
    for (const entry of messages(value, prefix ? `${prefix}.${key}` : key)) out.set(...entry);
  return out;
}

const placeholders = (leaf: Leaf) =>
  [
    ...new Set(
      (typeof leaf === 'string' ? [leaf] : Object.values(leaf)).flatMap((s) => s.match(/\{\w+\}/g) ?? []),
    ),
  ].sort();

const byLanguage = Object.fromEntries(LANGUAGES.map((l) => [l, messages(CATALOGUES[l])])) as Record<
  Language,
  Map<string, Leaf>
>;

describe('the catalogues', () => {
  it('have the same keys in every language', () => {
    const english = [...byLanguage.en.keys()].sort();
    for (const lang of LANGUAGES) expect([...byLanguage[lang].keys()].sort(), lang).toEqual(english);
  });

  it('give every message the same placeholders in every language', () => {
    for (const [key, leaf] of byLanguage.en)
      for (const lang of LANGUAGES)
        expect(placeholders(byLanguage[lang].get(key) ?? ''), `${lang} ${key}`).toEqual(placeholders(leaf));
  });

  it('write every message with a {count} as a plural, in the same shape in every language', () => {
    for (const lang of LANGUAGES)
      for (const [key, leaf] of byLanguage[lang]) {
        if (typeof leaf === 'string') expect(leaf, `${lang} ${key}`).not.toContain('{count}');
        else expect(isPlural(byLanguage.en.get(key)), `${lang} ${key}`).toBe(true);
      }
  });

  it('give each plural the forms its language uses for small numbers', () => {
    for (const lang of LANGUAGES) {
      // "many" is for millions in French and Spanish and falls back to "other"; every other form is needed.
      const needed = new Intl.PluralRules(lang)
        .resolvedOptions()
        .pluralCategories.filter((c) => c !== 'many');
      for (const [key, leaf] of byLanguage[lang])
        if (typeof leaf !== 'string')
          for (const form of needed) expect(leaf[form], `${lang} ${key} ${form}`).toContain('{count}');
    }
  });

  it('leave no English number and plural noun as a plain string', () => {
    // A placeholder followed by a plural noun ("{total} submissions") is a count that needs plural forms.
    for (const [key, leaf] of byLanguage.en)
      if (typeof leaf === 'string') expect(leaf, key).not.toMatch(/\{\w+\} [a-z-]{2,}s\b/);
  });
});
