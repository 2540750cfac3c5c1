import { describe, expect, it } from 'vitest';
import type { StoredSubmission } from '../../shared/stores/ports.js';
import { buildReport } from '../../shared/synthesis/model.js';
import { consultation, storedSubmission, tag } from './support.js';

const CUTOFF = new Date('2026-11-01T00:00:00.000Z');

const S1_EVIDENCE_A =
  'Our clinics treat every migrant worker regardless of status, write to desk@example.org for details.';
const S1_EVIDENCE_B = 'Migrants learn about their rights and free legal aid in a one-day course on arrival.';
const S2_EVIDENCE =
  "Les villes et l'État doivent financer ensemble les services de santé pour tous les migrants.";
const S3_EVIDENCE =
  'Las escuelas públicas deben acoger a todos los niños migrantes sin pedir documentos a sus familias.';

/** Ten submissions whose every number below was counted by hand. */
function handCountedSet(): StoredSubmission[] {
  return [
    storedSubmission({
      stakeholder: {
        organization: 'Kenya Health Network',
        email: 'a@example.org',
        type: 'civil_society',
        country: 'KE',
      },
      answers: { Q1: `${S1_EVIDENCE_A} ${S1_EVIDENCE_B}` },
      tags: [tag('R1', 'Q1', [S1_EVIDENCE_A]), tag('R4', 'Q1', [S1_EVIDENCE_B])],
    }),
    storedSubmission({
      stakeholder: {
        organization: 'Ministère anonyme',
        email: 'b@example.org',
        type: 'member_state',
        country: 'FR',
      },
      language: 'fr',
      answers: { Q2: S2_EVIDENCE },
      consent: { quote: true, attribution: false },
      status: 'reviewed',
      rejectedTags: ['R3'],
      tags: [tag('R1', 'Q2', [S2_EVIDENCE], { source: 'reviewer', score: 0.4 })],
    }),
    storedSubmission({
      stakeholder: {
        organization: 'Universidad de Ejemplo',
        email: 'c@example.org',
        type: 'academia',
        country: 'BR',
      },
      language: 'es',
      languageSource: 'detected',
      answers: { Q3: S3_EVIDENCE },
      consent: { quote: false, attribution: true },
      tags: [tag('R1', 'Q3', [S3_EVIDENCE])],
    }),
    storedSubmission({
      status: 'excluded',
      tags: [tag('R2', 'Q1', ['Spam spam spam spam spam spam spam spam.'])],
    }),
    {
      id: '01JWITHDRAWN00000000000000',
      consultationId: consultation.id,
      submittedAt: '2026-10-02T00:00:00.000Z',
      updatedAt: '2026-10-03T00:00:00.000Z',
      status: 'withdrawn',
      version: 3,
      withdrawnAt: '2026-10-03T00:00:00.000Z',
    },
    storedSubmission({
      stakeholder: { organization: 'Diaspora Hub', email: 'd@example.org', type: 'diaspora', country: 'IN' },
      status: 'received',
      tags: [],
      consent: { quote: true, attribution: false },
    }),
    ...['Campaign Org One', 'Campaign Org Two'].map((organization, i) =>
      storedSubmission({
        stakeholder: { organization, email: `e${i}@example.org`, type: 'local_authority', country: 'DE' },
        answers: {
          Q2: 'Local media should show migrants as neighbours, every week, in every paper in town.',
        },
        consent: { quote: true, attribution: i === 0 },
        campaign: { groupId: 'g1', size: 2 },
        tags: [
          tag('R7', 'Q2', [
            'Local media should show migrants as neighbours, every week, in every paper in town.',
          ]),
        ],
      }),
    ),
    storedSubmission({
      stakeholder: { organization: 'Gap Finder', email: 'f@example.org', type: 'other', country: 'US' },
      answers: {
        Q2: 'Climate displacement is the question nobody here is asking, and it will grow every year.',
      },
      consent: { quote: true, attribution: false },
      tags: [],
    }),
    storedSubmission({ submittedAt: '2026-11-02T00:00:00.000Z', tags: [tag('R2', 'Q1', ['Late.'])] }),
  ];
}

describe('the report model', () => {
  it('counts submissions, participation and recommendations as counted by hand', async () => {
    const model = await buildReport(consultation, [handCountedSet().slice(0, 5), handCountedSet().slice(5)], {
      cutoff: CUTOFF,
      quotePolicy: 'tagged',
    });
    expect(model.counts).toEqual({
      received: 9,
      included: 7,
      excluded: 1,
      withdrawn: 1,
      reviewed: 1,
      analysed: 6,
      awaitingAnalysis: 1,
      counted: 5,
      flagged: 0,
      coverage: { reviewed: 1, total: 7 },
      campaigns: { groups: 1, submissions: 2 },
    });
    const byKey = (list: { key: string; count: number }[]) =>
      Object.fromEntries(list.map((e) => [e.key, e.count]));
    expect(byKey(model.participation.byStakeholderType)).toEqual({
      member_state: 1,
      local_authority: 2,
      civil_society: 1,
      academia: 1,
      diaspora: 1,
      other: 1,
    });
    expect(byKey(model.participation.byRegion)).toEqual({
      Europe: 3,
      Africa: 1,
      Asia: 1,
      'North America': 1,
      'South America': 1,
    });
    expect(byKey(model.participation.byLanguage)).toEqual({ en: 5, fr: 1, es: 1 });

    const r1 = model.recommendations.find((r) => r.id === 'R1');
    expect(r1).toMatchObject({ submissions: 3, share: 3 / 5, reviewed: 1, year: '2009' });
    expect(r1?.byStakeholderType).toMatchObject({ civil_society: 1, member_state: 1, academia: 1, other: 0 });
    expect(model.recommendations.find((r) => r.id === 'R4')?.submissions).toBe(1);
    const r7 = model.recommendations.find((r) => r.id === 'R7');
    expect(r7).toMatchObject({ submissions: 1, campaigns: { count: 1, submissions: 2 } });
    expect(model.recommendations.find((r) => r.id === 'R2')?.submissions).toBe(0);
  });

  it('maps each question to the recommendations its answers address, and finds the gaps', async () => {
    const model = await buildReport(consultation, [handCountedSet()], {
      cutoff: CUTOFF,
      quotePolicy: 'tagged',
    });
    const matrix = Object.fromEntries(model.questions.map((q) => [q.id, q.recommendations]));
    expect(matrix.Q1).toMatchObject({ R1: 1, R4: 1, R7: 0 });
    expect(matrix.Q2).toMatchObject({ R1: 1, R7: 1, R4: 0 });
    expect(matrix.Q3).toMatchObject({ R1: 1 });
    expect(model.questions.map((q) => q.answers)).toEqual([1, 3, 1]);
    expect(model.gaps.submissions).toBe(1);
    // Shown once in the whole report: as a key point of its question, so not again among the gaps.
    const shown = [
      ...model.recommendations.flatMap((r) => r.quotes),
      ...model.questions.flatMap((q) => q.keyPoints),
      ...model.gaps.quotes,
    ].map((q) => q.text);
    expect(
      shown.filter(
        (t) =>
          t === 'Climate displacement is the question nobody here is asking, and it will grow every year.',
      ),
    ).toHaveLength(1);
    expect(new Set(shown).size).toBe(shown.length);
  });

  it('quotes only with consent, reviewed first, names only with consent, and redacts e-mail addresses', async () => {
    const model = await buildReport(consultation, [handCountedSet()], {
      cutoff: CUTOFF,
      quotePolicy: 'tagged',
    });
    const quotes = model.recommendations.find((r) => r.id === 'R1')?.quotes ?? [];
    expect(quotes.map((q) => [q.text, q.attribution, q.reviewed])).toEqual([
      [S2_EVIDENCE, 'a Member State from Europe', true],
      [
        'Our clinics treat every migrant worker regardless of status, write to [e-mail removed] for details.',
        'Kenya Health Network',
        false,
      ],
    ]);
    expect(JSON.stringify(model)).not.toContain(S3_EVIDENCE);
    expect(JSON.stringify(model)).not.toContain('Ministère anonyme');
  });

  it('lists the contributors who agreed to be named, by type, and the review counts for the annex', async () => {
    const model = await buildReport(consultation, [handCountedSet()], {
      cutoff: CUTOFF,
      quotePolicy: 'tagged',
    });
    expect(model.contributors).toEqual([
      { organization: 'Campaign Org One', stakeholderType: 'local_authority' },
      { organization: 'Kenya Health Network', stakeholderType: 'civil_society' },
      { organization: 'Universidad de Ejemplo', stakeholderType: 'academia' },
    ]);
    expect(model.methodology.tags).toEqual({
      model: 5,
      reviewerConfirmed: 1,
      reviewerAdded: 0,
      reviewerRejected: 1,
    });
    expect(model.methodology.languages).toEqual([
      { language: 'en', submissions: 5, detected: 0 },
      { language: 'fr', submissions: 1, detected: 0 },
      { language: 'es', submissions: 1, detected: 1 },
    ]);
    expect(model.methodology.model).toBeNull();
  });

  it('keeps 3 to 5 quotes that neither repeat each other nor come twice from one submitter', async () => {
    const sentence = (n: number) =>
      `Municipal integration offices in town number ${n} coordinate housing, schooling and language classes for newcomers.`;
    const repeated =
      'Local and national authorities must coordinate integration work with diaspora groups every single year.';
    const submissions = [
      ...[1, 2, 3].map((n) =>
        storedSubmission({
          answers: { Q2: repeated },
          tags: [tag('R8', 'Q2', [repeated], { score: 0.99 })],
          id: `01JREP${n}`,
        }),
      ),
      storedSubmission({
        answers: { Q2: `${sentence(1)} ${sentence(2)}` },
        tags: [tag('R8', 'Q2', [sentence(1), sentence(2)])],
      }),
      ...[
        'Cities need a seat at the national table when integration budgets are decided for the coming decade.',
        'Diaspora associations run homework clubs that the city now funds through a three-year agreement.',
        'A joint council of mayors and ministry officials meets four times a year to settle who pays for what.',
        'Regional governments should publish integration plans with targets, and report on them every spring.',
      ].map((text) =>
        storedSubmission({ answers: { Q2: text }, tags: [tag('R8', 'Q2', [text], { score: 0.6 })] }),
      ),
    ];
    const model = await buildReport(consultation, [submissions], { cutoff: CUTOFF, quotePolicy: 'tagged' });
    const quotes = model.recommendations.find((r) => r.id === 'R8')?.quotes.map((q) => q.text) ?? [];
    expect(quotes).toHaveLength(5);
    expect(quotes.filter((q) => q === repeated)).toHaveLength(1);
    expect(quotes.filter((q) => q.startsWith('Municipal integration offices'))).toHaveLength(1);
  });
});
