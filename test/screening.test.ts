import { describe, expect, it } from 'vitest';
import { parseTriageQuery, triage } from '../shared/review/triage.js';
import { heldBack, quotable, screen, signalsOf } from '../shared/screening.js';
import { consultation, storedSubmission, tag } from './synthesis/support.js';

describe('screening for likely spam or off-topic input', () => {
  it('flags adverts in English, French and Spanish', () => {
    const adverts = [
      'GUARANTEED work visa in two weeks, message us on WhatsApp.',
      'Visa garanti pour le Canada, offre spéciale ce mois-ci.',
      'Visado garantizado para España, llame ahora a nuestra agencia.',
    ];
    for (const text of adverts) {
      const result = screen({ Q1: text }, true);
      expect(result.flagged, text).toBe(true);
      expect(result.signals, text).toContain('advert');
    }
  });

  it('names each plain signal it finds', () => {
    expect(signalsOf('See https://example.org/report for the figures.', true)).toEqual(['link']);
    expect(signalsOf('Call +44 7700 900123 for details.', true)).toEqual(['phone']);
    expect(signalsOf('WE HELP EVERY MIGRANT FIND WORK ABROAD TODAY', true)).toEqual(['capitals']);
    expect(signalsOf('Cities should open their schools to migrant children.', false)).toEqual([
      'no_recommendation',
    ]);
  });

  it('leaves an organisation citing its report alone, and an answer no recommendation covers (a gap) too', () => {
    const cited = screen(
      {
        Q1: 'Our 2016 study (https://example.org/study) shows that the UN and the ILO must act on recruitment fees.',
      },
      true,
    );
    expect(cited).toEqual({ flagged: false, signals: ['link'] });
    expect(screen({ Q1: 'Remittance costs remain far too high for families at home.' }, false).flagged).toBe(
      false,
    );
    expect(screen({ Q1: 'VISIT WWW.JOBS-ABROAD.BIZ NOW TO START WORKING' }, false).flagged).toBe(true);
  });

  it('holds a flagged submission back until a reviewer reviews it, and quotes by policy', () => {
    const advert = storedSubmission({ answers: { Q1: 'Guaranteed visa, WhatsApp us.' } });
    expect(heldBack(advert)).toBe(true);
    expect(quotable(advert, 'tagged')).toBe(false);
    const included = { ...advert, status: 'reviewed' as const };
    expect(heldBack(included)).toBe(false);
    expect(quotable(included, 'reviewed')).toBe(true);

    const plain = storedSubmission({ tags: [tag('R1', 'Q1', ['Bilateral agreements protect workers.'])] });
    expect(quotable(plain, 'reviewed')).toBe(false);
    expect(quotable(plain, 'tagged')).toBe(true);
    expect(quotable({ ...plain, status: 'received' }, 'tagged')).toBe(false);
  });

  it('lets the triage list filter on the flag the tagger stored', () => {
    const flagged = storedSubmission({
      answers: { Q1: 'Nothing special here at all.' },
      screening: { flagged: true, signals: ['advert'] },
    });
    const clean = storedSubmission({ tags: [tag('R1', 'Q1', ['Bilateral agreements protect workers.'])] });
    const all = [flagged, clean];
    const yes = triage(all, parseTriageQuery({ flagged: 'yes' }, consultation));
    expect(yes.items.map((s) => s.id)).toEqual([flagged.id]);
    expect(yes.counts.flagged).toEqual({ yes: 1, no: 1 });
    expect(triage(all, parseTriageQuery({ flagged: 'no' }, consultation)).items.map((s) => s.id)).toEqual([
      clean.id,
    ]);
    expect(() => parseTriageQuery({ report: '20261101T100000000Z' }, consultation)).toThrow();
  });
});
