import { describe, expect, it } from 'vitest';
import { loadCatalogue, localize } from '../../shared/consultation.js';
import { splitAnswers } from '../../shared/documents/answers.js';
import { extractDocument } from '../../shared/documents/extract.js';
import { docx, FREE_FORM, odt, pdf, type SampleContent, TEMPLATE_ANSWERS } from './samples.js';

const { questions } = loadCatalogue().default;
const question = (n: number, lang: 'en' | 'fr' | 'es') =>
  localize(questions[n - 1]?.text ?? { en: '' }, lang);

async function textOf(bytes: Uint8Array | Promise<Uint8Array>) {
  const { extraction, text } = await extractDocument(await bytes);
  expect(extraction.status).toBe('ok');
  return text;
}

describe('answers from a document that follows the guiding questions', () => {
  it('English, a DOCX of the template: "Question 1: <the question>?" and "Question 2" headings', async () => {
    const split = splitAnswers(await textOf(docx(TEMPLATE_ANSWERS)), questions);
    expect(split.mode).toBe('by_question');
    expect(split.answers.Q1).toBe(
      'Bilateral labour agreements between countries of origin and destination should include a joint committee that monitors the recruitment of domestic workers.\n\n' +
        'Consular officers of the country of origin should visit workplaces together with labour inspectors.',
    );
    expect(split.answers.Q2).toMatch(/^Our one-stop welcome desk/);
    expect(split.answers.Q3).toMatch(/^Local newspapers and the chamber of commerce/);
    // The cover text before the first question is kept as the general answer, its e-mail blanked.
    expect(split.answers.document).toContain(
      'The City of Example welcomes this consultation. Contact: [e-mail removed].',
    );
  });

  it('French, an ODT: "Question n° 1 :" and a heading that is only the question’s wording', async () => {
    const content: SampleContent = {
      sections: [
        {
          heading: 'Question n°\u00a01\u00a0:',
          paragraphs: ['Des accords bilatéraux protègent les travailleurs domestiques.'],
        },
        {
          heading: question(3, 'fr'),
          paragraphs: ['Les médias locaux mènent une campagne contre la xénophobie.'],
        },
      ],
    };
    const split = splitAnswers(await textOf(odt(content)), questions);
    expect(split).toEqual({
      mode: 'by_question',
      answers: {
        Q1: 'Des accords bilatéraux protègent les travailleurs domestiques.',
        Q3: 'Les médias locaux mènent une campagne contre la xénophobie.',
      },
    });
  });

  it('Spanish, a PDF: "Pregunta 1." and "3) ¿<la pregunta>?" with the answer in the same paragraph', async () => {
    const content: SampleContent = {
      sections: [
        { heading: 'Pregunta 1.', paragraphs: ['Los consulados acompañan a los trabajadores temporeros.'] },
        {
          paragraphs: [`3) ${question(3, 'es')} Las universidades forman a periodistas sobre la migración.`],
        },
      ],
    };
    const split = splitAnswers(await textOf(pdf(content)), questions);
    expect(split).toEqual({
      mode: 'by_question',
      answers: {
        Q1: 'Los consulados acompañan a los trabajadores temporeros.',
        Q3: 'Las universidades forman a periodistas sobre la migración.',
      },
    });
  });

  it('numbered sections 1 to 3, each once, with short headings of their own', () => {
    const text = [
      '1. Partnerships',
      'Joint labour inspections.',
      '2. Inclusion',
      'Language classes in the first month.',
      '3. Against discrimination',
      'A hotline for victims.',
    ].join('\n\n');
    expect(splitAnswers(text, questions)).toEqual({
      mode: 'by_question',
      answers: {
        Q1: 'Partnerships\n\nJoint labour inspections.',
        Q2: 'Inclusion\n\nLanguage classes in the first month.',
        Q3: 'Against discrimination\n\nA hotline for victims.',
      },
    });
  });
});

describe('a document that does not follow them is one general answer', () => {
  it('a free-form letter', async () => {
    const text = await textOf(pdf(FREE_FORM));
    expect(splitAnswers(text, questions)).toEqual({ mode: 'whole', answers: { document: text } });
  });

  it('numbered lists inside the text, which restart and so cannot be the questions', () => {
    const text = [
      'We recommend:',
      '1. ratification;',
      '2. portability of pensions.',
      'And in cities:',
      '1. welcome desks.',
    ].join('\n\n');
    expect(splitAnswers(text, questions).mode).toBe('whole');
  });

  it('a question named in passing, not as a heading', () => {
    const text = 'As the session asks in question 1, partnerships matter.\n\nWe run a welcome desk.';
    expect(splitAnswers(text, questions).mode).toBe('whole');
  });

  it('numbers beyond the questions', () => {
    const text = ['1. One', 'a', '2. Two', 'b', '3. Three', 'c', '4. Four', 'd'].join('\n\n');
    expect(splitAnswers(text, questions).mode).toBe('whole');
  });
});
