import { describe, expect, it } from 'vitest';
import { paragraphs, sentences, terms } from '../../shared/tagging/text.js';

describe('sentences', () => {
  it('splits with offsets that point back into the text', () => {
    const text = '  First point here.  Second point?\nThird one!';
    const spans = sentences(text, 'en');
    expect(spans.map((s) => s.text)).toEqual(['First point here.', 'Second point?', 'Third one!']);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('keeps "e.g." and known abbreviations inside their sentence', () => {
    const spans = sentences('We met Mr. Smith, e.g. the mayor, yesterday. Then we left.', 'en');
    expect(spans.map((s) => s.text)).toEqual([
      'We met Mr. Smith, e.g. the mayor, yesterday.',
      'Then we left.',
    ]);
  });

  it('keeps French titles with their names', () => {
    expect(sentences('Nous avons vu M. Dupont hier. Il parle des droits.', 'fr').map((s) => s.text)).toEqual([
      'Nous avons vu M. Dupont hier.',
      'Il parle des droits.',
    ]);
  });

  it('splits French and Spanish text, opening question marks included', () => {
    expect(sentences("L'école est ouverte. Les parents s'inscrivent !", 'fr')).toHaveLength(2);
    expect(sentences('¿Qué hacemos? Abrimos las escuelas.', 'es').map((s) => s.text)).toEqual([
      '¿Qué hacemos?',
      'Abrimos las escuelas.',
    ]);
  });
});

describe('paragraphs', () => {
  it('splits on blank lines and keeps single line breaks inside a paragraph', () => {
    const text = 'One.\nStill one.\n\n\n  Two.  ';
    expect(paragraphs(text)).toEqual([
      { start: 0, end: 15, text: 'One.\nStill one.' },
      { start: 20, end: 24, text: 'Two.' },
    ]);
  });
});

describe('terms', () => {
  it('drops stop words and numbers and stems the rest', () => {
    expect(terms('The migrants were protected in 2017 by the new laws', 'en')).toEqual([
      'migrant',
      'protect',
      'new',
      'law',
    ]);
  });

  it('splits words joined by apostrophes, slashes and hyphens so each meets its stem', () => {
    expect(terms("migrants' anti-discrimination migration/integration", 'en')).toEqual([
      'migrant',
      'anti',
      'discrimin',
      'migrat',
      'integr',
    ]);
  });

  it('uses the French and Spanish stemmers and stop words, lower-casing first', () => {
    expect(terms("L'accès des Migrants aux soins", 'fr')).toEqual(['acces', 'migr', 'soin']);
    expect(terms('Las Escuelas y los Derechos', 'es')).toEqual(['escuel', 'derech']);
  });
});
