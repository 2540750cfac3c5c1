import { describe, expect, it } from 'vitest';
import { distinctPhrases, logOdds, PhraseCounts, phrasesOf } from '../../shared/synthesis/phrases.js';
import { STOP_WORDS } from '../../shared/synthesis/stopwords.js';
import { stems } from '../../shared/synthesis/text.js';
import { cluster, findThemes, ThemeSampler } from '../../shared/synthesis/themes.js';

describe('distinctive phrases', () => {
  it('makes phrases of one to three words that never start, end or run across a stop word or punctuation', () => {
    const keys = phrasesOf('Ethical recruitment fees, rather than among the costs of remittances.', 'en').map(
      (p) => p.surface,
    );
    expect(keys).toContain('ethical recruitment fees');
    expect(keys).toContain('recruitment fees');
    expect(keys).not.toContain('fees costs');
    for (const phrase of keys)
      for (const word of phrase.split(' ')) expect(STOP_WORDS.has(word), word).toBe(false);
    expect(phrasesOf('Rather, among the three, cada uno: open, ask.', 'en')).toEqual([]);
  });

  it('ranks what a group says more than the rest of the consultation, by the log-odds with a Dirichlet prior', () => {
    const counts = new PhraseCounts(1000, 3);
    const rest = 'Local authorities run language classes for newcomers and their families in every district.';
    const group =
      'Recruitment fees charged to migrant workers must be abolished, and recruitment fees refunded.';
    for (let i = 0; i < 6; i++) {
      counts.addBackground(rest, 'en');
      counts.addBackground(group, 'en');
      counts.add('R2', group, 'en');
    }
    const terms = counts.distinctive('R2', 'en', 5).map((t) => t.term);
    expect(terms[0]).toBe('recruitment fees');
    expect(terms).not.toContain('recruitment');
    expect(terms.join(' ')).not.toMatch(/language classes/);
    for (const term of terms)
      for (const word of term.split(' ')) expect(STOP_WORDS.has(word), word).toBe(false);
  });

  it('gives a phrase every group uses alike no positive score', () => {
    const group = new Map([['migrant', 10]]);
    const background = new Map([['migrant', 100]]);
    const [scored] = logOdds(group, 100, background, 1000, 1);
    expect(scored?.z).toBeCloseTo(0, 5);
    expect(distinctPhrases(logOdds(group, 100, background, 1000, 1), 3)).toEqual([]);
  });
});

describe('themes', () => {
  it('clusters sentences that share their words and keeps the others apart', () => {
    const v = (words: string[]) => new Map(words.map((w) => [w, 1]));
    const groups = cluster(
      [
        v(['fee', 'recruit']),
        v(['fee', 'recruit', 'agenc']),
        v(['school', 'child']),
        v(['school', 'child', 'enrol']),
      ],
      0.3,
    );
    expect(groups.map((g) => [...g].sort())).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('names a theme by its distinctive phrase, counts its submissions, and never repeats a sentence already shown', () => {
    const sampler = new ThemeSampler<string>(1);
    const texts = [
      ['a', 'Recruitment fees charged to domestic workers should be banned by law.'],
      ['b', 'Domestic workers pay recruitment fees to agencies before they travel.'],
      ['c', 'The recruitment fees that domestic workers pay keep them in debt.'],
      ['d', 'Schools should enrol migrant children in the first week after arrival.'],
      ['e', 'Migrant children need schools that enrol them quickly after arrival.'],
    ] as const;
    for (const [unit, text] of texts)
      sampler.offer(() => ({
        unit,
        reviewed: unit === 'a',
        text,
        language: 'en',
        stems: [...stems(text, 'en')],
        quote: text,
      }));
    const used = [stems(texts[0][1], 'en')];
    const themes = findThemes(sampler, used, 0.5);
    const fees = themes.find((t) => t.units.includes('a'));
    expect(fees?.units).toEqual(['a', 'b', 'c']);
    expect(fees?.reviewed).toBe(1);
    expect(fees?.name).toMatch(/recruitment fees|domestic workers/);
    expect(fees?.representative).not.toBe(texts[0][1]);
    const schools = themes.find((t) => t.units.includes('d'));
    expect(schools?.units).toEqual(['d', 'e']);
    const shown = themes.map((t) => t.representative);
    expect(new Set(shown).size).toBe(shown.length);
  });
});
