import { describe, expect, it } from 'vitest';
import { detectLanguage, detectLanguageWithFallback } from '../../shared/language.js';
import { taggingLanguage } from '../../shared/tagging/tag.js';

describe('language detection with confidence and a fallback', () => {
  // Trigrams alone (franc) read both as French (issue 11).
  it.each([
    'Trade unions should give migrant domestic workers legal aid.',
    'More data on women migrants please.',
  ])('reads "%s" as English, even with French as the fallback', (text) => {
    expect(detectLanguageWithFallback(text, 'fr').language).toBe('en');
    expect(taggingLanguage({ answers: { Q1: text }, language: 'fr' })).toBe('en');
  });

  it('says how sure it is, and falls back to the page language for text too short to tell', () => {
    const sure = detectLanguageWithFallback(
      'Les associations de la diaspora demandent la double nationalité et des visas à entrées multiples.',
      'en',
    );
    expect(sure).toMatchObject({ language: 'fr', source: 'detected' });
    expect(sure.confidence).toBeGreaterThan(0.2);
    expect(detectLanguageWithFallback('Sí, gracias.', 'es')).toEqual({
      language: 'es',
      confidence: 0,
      source: 'fallback',
    });
    expect(detectLanguageWithFallback('OK', 'fr')).toEqual({
      language: 'fr',
      confidence: 0,
      source: 'fallback',
    });
    expect(detectLanguage('OK')).toBeUndefined();
  });

  it('tells Spanish from French on a short sentence', () => {
    expect(detectLanguage('Más datos sobre las mujeres migrantes, por favor.')).toBe('es');
    expect(detectLanguage('Plus de données sur les femmes migrantes, merci.')).toBe('fr');
  });
});
