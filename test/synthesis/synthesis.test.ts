import { describe, expect, it } from 'vitest';
import type { Submission } from '../../shared/submission.js';
import { buildTracedReport } from '../../shared/synthesis/model.js';
import { STOP_WORDS } from '../../shared/synthesis/stopwords.js';
import { consultation, storedSubmission, tag } from './support.js';

const FEES = [
  'Recruitment fees charged to domestic workers must be banned in every corridor.',
  'Domestic workers still pay recruitment fees that keep them in debt for years.',
  'Agencies charge recruitment fees to domestic workers before departure, illegally.',
  'Banning recruitment fees for domestic workers would end much of this debt bondage.',
  'Governments should refund recruitment fees that domestic workers were made to pay.',
  'The recruitment fees paid by domestic workers are often higher than a year of wages.',
];
const SCHOOLS = [
  'Local schools should enrol migrant children within days of their arrival.',
  'Migrant children wait months before local schools enrol them in classes.',
  'Our city helps local schools enrol migrant children with interpreters.',
  'Local schools need funds to enrol migrant children and teach them the language.',
];
const REMITTANCES = [
  'Remittance costs remain far above three percent for families sending money home.',
  'Families lose too much to remittance costs on every transfer they send home.',
  'Cutting remittance costs would put more money in the hands of families back home.',
  'High remittance costs hurt the poorest families who send small amounts home.',
];

/** A reviewed submission whose answer is the text, tagged (or not) for a recommendation. */
function submission(text: string, recommendation?: string, overrides: Partial<Submission> = {}): Submission {
  return storedSubmission({
    status: 'reviewed',
    answers: { Q1: text },
    tags: recommendation ? [tag(recommendation, 'Q1', [text], { source: 'reviewer' })] : [],
    ...overrides,
  });
}

describe('the synthesis: themes, distinctive phrases, gaps and the executive summary', () => {
  const spam = storedSubmission({
    status: 'tagged',
    answers: { Q1: 'GUARANTEED WORK VISA, remittance costs zero, WhatsApp +44 7700 900123 today.' },
  });
  const all = [
    ...FEES.map((t) => submission(t, 'R2')),
    ...SCHOOLS.map((t) => submission(t, 'R5')),
    ...REMITTANCES.map((t) => submission(t)),
    spam,
  ];
  const build = () => buildTracedReport(consultation, [all], { cutoff: new Date('2026-11-01T00:00:00Z') });

  it('finds themes within a recommendation and among the gaps, named by a phrase, with the ids behind each count', async () => {
    const { model, trace } = await build();
    const fees = model.recommendations.find((r) => r.id === 'R2');
    const theme = fees?.themes[0];
    expect(theme?.name).toMatch(/recruitment fees|domestic workers/);
    expect(theme?.submissions).toBeGreaterThanOrEqual(2);
    expect(trace[theme?.trace ?? '']).toHaveLength(theme?.submissions ?? -1);
    expect(theme?.coverage).toEqual({ reviewed: theme?.submissions, total: theme?.submissions });

    const gap = model.gaps.themes[0];
    expect(gap?.name).toMatch(/remittance costs|families|money home/);
    expect(gap?.submissions).toBeGreaterThanOrEqual(2);
    for (const key of Object.keys(trace)) {
      if (key === 'flagged' || key === 'included' || key === 'analysed') continue;
      expect(trace[key], key).not.toContain(spam.id);
    }
    expect(model.summary.gaps[0]).toMatchObject({ name: gap?.name, submissions: gap?.submissions });
    expect(model.summary.gaps.length).toBeLessThanOrEqual(3);
    expect(model.summary.recommendations.map((r) => r.id)).toEqual(
      consultation.recommendations.map((r) => r.id),
    );
    expect(model.summary.recommendations.find((r) => r.id === 'R2')?.themes[0]).toBe(theme?.name);
  });

  it('never shows a sentence twice: theme representatives repeat no quote, key point or other theme', async () => {
    const { model } = await build();
    const shown = [
      ...model.recommendations.flatMap((r) => [
        ...r.quotes,
        ...r.themes.flatMap((t) => t.representative ?? []),
      ]),
      ...model.questions.flatMap((q) => [...q.keyPoints, ...q.themes.flatMap((t) => t.representative ?? [])]),
      ...model.gaps.quotes,
      ...model.gaps.themes.flatMap((t) => t.representative ?? []),
    ].map((q) => q.text);
    expect(shown.length).toBeGreaterThan(5);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown.join(' ')).not.toMatch(/WhatsApp|GUARANTEED/);
  });

  it('has distinctive phrases without a stop word of English, French or Spanish', async () => {
    // Enough text for terms: a language needs SELECTION.minimumLanguageWords in a part to have any.
    const more = [...all, ...FEES.flatMap((t) => [submission(t, 'R2'), submission(t, 'R2')])];
    const { model } = await buildTracedReport(consultation, [more], {
      cutoff: new Date('2026-11-01T00:00:00Z'),
    });
    const terms = [...model.recommendations.flatMap((r) => r.terms), ...model.gaps.terms].map((t) => t.term);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.some((t) => t.includes(' '))).toBe(true);
    for (const term of terms)
      for (const word of term.split(' ')) expect(STOP_WORDS.has(word), term).toBe(false);
  });
});
