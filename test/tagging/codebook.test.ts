import { describe, expect, it } from 'vitest';
import gfmd from '../../fixtures/consultations/gfmd-2017-gcm-cluster-1.json' with { type: 'json' };
import { loadCatalogue, parseConsultation } from '../../shared/consultation.js';

describe('the codebook in the consultation data', () => {
  it('gives every recommendation include and exclude guidance in English, French and Spanish', () => {
    for (const recommendation of loadCatalogue().default.recommendations) {
      for (const side of ['include', 'exclude'] as const)
        for (const language of ['en', 'fr', 'es'] as const)
          expect(
            recommendation.codebook?.[side][language],
            `${recommendation.id} ${side} ${language}`,
          ).toBeTruthy();
    }
  });

  it('is checked by the consultation schema: a rule without its exclusions is refused, naming the field', () => {
    const broken = structuredClone(gfmd) as { recommendations: { codebook?: Record<string, unknown> }[] };
    delete broken.recommendations[1]?.codebook?.exclude;
    expect(() => parseConsultation(broken)).toThrow(/recommendations.*1.*codebook.*exclude|exclude/);
  });
});
