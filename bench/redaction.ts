import { redact } from '../shared/redaction.js';
import type { Figure } from './support.js';

const SIZE = 200_000;

/**
 * Redaction of a 200,000-character document (the most a document may hold) built to make a
 * backtracking address pattern slow, and of ordinary prose of the same size. The pattern this
 * replaced took 82 s on the hostile text (issue 13, item 3); the tests bound the work, this the time.
 */
export async function benchRedaction(): Promise<Figure[]> {
  const sentence =
    'Our clinics treat every migrant worker regardless of status; write to me@example.org or call +41 22 123 45 67. ';
  const texts = {
    'hostile text (200,000 letters, no @)': 'a'.repeat(SIZE),
    'hostile text (200,000 characters, an @ after every letter)': 'a@'.repeat(SIZE / 2),
    'prose with addresses and numbers (200,000 characters)': sentence
      .repeat(Math.ceil(SIZE / sentence.length))
      .slice(0, SIZE),
  };
  const figures: Figure[] = [];
  for (const [name, text] of Object.entries(texts)) {
    redact(text, 'John Smith');
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      redact(text, 'John Smith');
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    figures.push({ section: 'redaction', name, value: times[2] as number, unit: 'ms', note: 'median of 5' });
  }
  return figures;
}
