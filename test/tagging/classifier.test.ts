import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../shared/consultation.js';
import { Classifier, serialiseClassifier } from '../../shared/tagging/classifier.js';
import { readTrainingFixtures } from '../../shared/tagging/corpus.js';
import { type TrainedModel, trainModel } from '../../shared/tagging/models.js';
import { modelTags } from '../../shared/tagging/tag.js';

// Written for these tests, not taken from the training or validation files.
const TEXTS = {
  R1: 'Our city opened its health centres and schools to every resident, whatever their papers. We also passed a local anti-discrimination ordinance and fund intercultural dialogue in the neighbourhoods, because migrants contribute to our economy and should get basic services.',
  R2: 'Origin and destination governments should sign bilateral agreements that regulate recruitment, protect workers abroad and support their reintegration when they return, with employers sharing the cost. Migrant associations must be consulted when these agreements are negotiated.',
  R3: 'Teachers are the first to hear pupils repeat racist prejudice about newcomers. We train teachers and youth educators to discuss xenophobia in the classroom, so that young people learn to question the negative stereotypes they meet.',
  R4: 'Migrants rarely know their rights. We ask that every migrant receive clear information, in a language they understand, about labour rights, legal aid and how to file a complaint, so that they can reach justice.',
  R5: 'Our diaspora members want to invest at home without losing their pensions abroad. Dual citizenship, multiple re-entry visas and the portability of social security rights would let them move back and forth and keep their businesses going.',
  R6: 'Public debate on migration runs on myths. Governments should fund research and publish reliable data on migrant flows, disaggregated by sex, so that the public understands who migrants are and how they contribute.',
  R7: 'Journalists shape how people see migrants. We propose regular dialogue between the ministry and newsrooms, training for reporters on migration coverage, and media campaigns that build public support for sound migration policy.',
  R8: 'National ministries and municipal governments should coordinate their integration work through a joint committee, and diaspora organisations should be invited to take part in planning the reception of newcomers in each city.',
} as const;

const OFF_TOPIC =
  'The consultation website logged me out twice while I was typing. Please fix the login page and make the form save drafts automatically. The colours are also hard to read on a phone.';

const ADVERT =
  'Guaranteed work visa in 7 days! We handle your passport, residence permit and plane ticket. Special offer this week only, message us on WhatsApp for a free quote.';

let model: TrainedModel;

beforeAll(async () => {
  const consultation = loadCatalogue().default;
  model = trainModel(consultation, await readTrainingFixtures(consultation));
});

const predict = (text: string, language: 'en' | 'fr' | 'es' = 'en') =>
  model.classifier.predict(model.classifier.analyse(text, language));

describe('the classifier on hand-checked texts', () => {
  for (const [label, text] of Object.entries(TEXTS)) {
    it(`finds ${label} in a text about it`, () => {
      expect(predict(text)).toContain(label);
    });
  }

  it('tags nothing in an off-topic complaint about the website', () => {
    expect(predict(OFF_TOPIC)).toEqual([]);
  });

  it('finds both recommendations in a text that makes two points', () => {
    expect(predict(`${TEXTS.R3} ${TEXTS.R7}`)).toEqual(expect.arrayContaining(['R3', 'R7']));
  });

  it('abstains on an advert: "none" reaches the gate, and no probability exceeds 1 - none', () => {
    const analysis = model.classifier.analyse(ADVERT, 'en');
    const gate = model.classifier.data.abstention?.gate ?? 2;
    expect(analysis.none).toBeGreaterThanOrEqual(gate);
    expect(model.classifier.predict(analysis)).toEqual([]);
    for (const score of Object.values(analysis.scores)) expect(score).toBeLessThanOrEqual(1 - analysis.none);
  });

  it('does not abstain on a text that advances a recommendation', () => {
    const analysis = model.classifier.analyse(TEXTS.R4, 'en');
    expect(analysis.none).toBeLessThan(model.classifier.data.abstention?.gate ?? 0);
    expect(model.classifier.earns(analysis, 'R4')).toBe(true);
  });

  it('tags French text with the French model', () => {
    const text =
      "Trop de migrants ignorent leurs droits. Nous demandons que chaque travailleur migrant reçoive, dans sa langue, une information complète sur ses droits et sur l'aide juridique, pour qu'il puisse accéder à la justice.";
    expect(model.classifier.analyse(text, 'fr').language).toBe('fr');
    expect(predict(text, 'fr')).toContain('R4');
  });

  it('tags Spanish text with the Spanish model', () => {
    const text =
      'Las asociaciones de la diáspora piden la doble nacionalidad, visados de entradas múltiples y la portabilidad de las pensiones, para poder invertir y circular entre los dos países sin perder sus derechos sociales.';
    expect(predict(text, 'es')).toContain('R5');
  });

  it('gives probabilities in [0, 1] that a repeated paragraph does not inflate', () => {
    const once = model.classifier.analyse(TEXTS.R6, 'en').scores.R6 ?? 0;
    const thrice = model.classifier.analyse(`${TEXTS.R6}\n\n${TEXTS.R6}\n\n${TEXTS.R6}`, 'en').scores.R6 ?? 0;
    expect(once).toBeGreaterThan(0);
    expect(once).toBeLessThanOrEqual(1);
    expect(thrice).toBeCloseTo(once, 2);
  });

  it('finds the recommendation of one paragraph in a longer answer about something else', () => {
    // A ministry's answer: two paragraphs on services and the media, then one on consular rights information.
    const answer = [TEXTS.R1, TEXTS.R7, TEXTS.R4].join('\n\n');
    expect(predict(answer)).toEqual(expect.arrayContaining(['R1', 'R4', 'R7']));
  });
});

describe('tags and their evidence', () => {
  it('proposes nothing from an answer the model abstains on', () => {
    const answers = { Q1: TEXTS.R4, Q2: TEXTS.R7 };
    expect(modelTags(model, answers, 'en').map((t) => t.recommendationId)).toEqual(
      expect.arrayContaining(['R4', 'R7']),
    );
    // The same model with its gate at 0 abstains on every answer.
    const data = JSON.parse(model.serialised);
    data.abstention.gate = 0;
    const abstaining = { ...model, classifier: Classifier.parse(JSON.stringify(data)) };
    expect(modelTags(abstaining, answers, 'en')).toEqual([]);
  });

  it('names the answer a tag came from and quotes its sentences by offset', () => {
    const answers = { Q1: OFF_TOPIC, Q3: `We thank the organisers. ${TEXTS.R7}` };
    const tags = modelTags(model, answers, 'en');
    const r7 = tags.find((t) => t.recommendationId === 'R7');
    expect(r7).toMatchObject({ questionId: 'Q3', modelVersion: model.version, source: 'model' });
    expect(r7?.score).toBeGreaterThanOrEqual(model.classifier.thresholds.R7 ?? 1);
    expect(r7?.evidence.length).toBeGreaterThan(0);
    for (const evidence of r7?.evidence ?? []) {
      expect(answers[evidence.questionId as 'Q1' | 'Q3'].slice(evidence.start, evidence.end)).toBe(
        evidence.text,
      );
      expect(evidence.score).toBeGreaterThan(0);
    }
    expect(r7?.evidence.map((e) => e.text)).not.toContain('We thank the organisers.');
  });
});

describe('the stored model', () => {
  it('scores exactly as the trained one after a round trip through its file', () => {
    const restored = Classifier.parse(model.serialised);
    for (const text of [...Object.values(TEXTS), OFF_TOPIC])
      expect(restored.analyse(text, 'en').scores).toEqual(model.classifier.analyse(text, 'en').scores);
    expect(serialiseClassifier(restored.data)).toBe(model.serialised);
  });

  it('carries its abstention: the "none" model and a gate chosen by cross-validation', () => {
    const { abstention, features } = model.classifier.data;
    expect(abstention?.weights).toHaveLength(features.length + 1);
    expect(abstention?.gate).toBeGreaterThanOrEqual(0.3);
    expect(abstention?.gate).toBeLessThanOrEqual(0.9);
  });

  it('reads a model trained before abstention existed, which never abstains', () => {
    const { abstention: _abstention, ...older } = JSON.parse(model.serialised);
    const { abstain: _abstain, ...settings } = older.settings;
    const restored = Classifier.parse(JSON.stringify({ ...older, settings }));
    const analysis = restored.analyse(ADVERT, 'en');
    expect(analysis.none).toBe(0);
    expect(restored.analyse(TEXTS.R4, 'en').scores.R4).toBeGreaterThan(0.5);
  });

  it('carries no training text', () => {
    expect(model.serialised).not.toContain('bilateral social security agreements');
  });

  it('is the same file, and version, when trained again on the same data', async () => {
    const consultation = loadCatalogue().default;
    const again = trainModel(consultation, await readTrainingFixtures(consultation));
    expect(again.version).toBe(model.version);
  });

  it('refuses a file that is not a model, saying why', () => {
    expect(() => Classifier.parse('{nope')).toThrow(/not JSON/);
    expect(() => Classifier.parse(JSON.stringify({ format: 2, labels: [] }))).toThrow(
      /not a tagger model.*labels/,
    );
    const data = JSON.parse(model.serialised);
    data.weights.R3 = [0.1, 0.2];
    expect(() => Classifier.parse(JSON.stringify(data))).toThrow(
      new RegExp(`label R3 has 2 weights, not ${data.features.length + 1}`),
    );
    const noneless = JSON.parse(model.serialised);
    noneless.abstention.weights = [0.1];
    expect(() => Classifier.parse(JSON.stringify(noneless))).toThrow(
      new RegExp(`abstention has 1 weights, not ${noneless.features.length + 1}`),
    );
  });
});
