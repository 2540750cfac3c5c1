import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findEmails, type Meter, REDACTED, redact, redactEmails } from '../../shared/redaction.js';

/** The pattern both copies of the redaction used before: it backtracks, but it says what an address is. */
const REFERENCE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

const SIZE = 200_000;

/** Texts built to make a backtracking address pattern read the rest of the text from every position. */
const HOSTILE: Record<string, string> = {
  'one long local part, no @': 'a'.repeat(SIZE),
  'an @ after every letter': 'a@'.repeat(SIZE / 2),
  'a domain of one-letter labels': `a@${'b.'.repeat(SIZE / 2 - 1)}`,
  'only @': '@'.repeat(SIZE),
  'dots and dashes around an @': `${'.-'.repeat(SIZE / 4)}@${'-.'.repeat(SIZE / 4 - 1)}`,
  'letters with accents': `${'é'.repeat(SIZE / 2 - 1)}@${'ü'.repeat(SIZE / 2)}`,
};

describe('redaction', () => {
  it('finds the same addresses as the pattern it replaces', () => {
    const alphabet = fc.constantFrom('a', 'b', 'é', '1', '.', '-', '+', '_', '@', ' ', '\n', '𝒜');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(redactEmails(text)).toBe(text.replace(REFERENCE, REDACTED.email));
      }),
      { numRuns: 3_000 },
    );
  });

  it.each(Object.entries(HOSTILE))(
    'reads each character of a 200,000-character hostile text at most twice: %s',
    (_, hostile) => {
      expect(hostile.length).toBeGreaterThanOrEqual(SIZE - 2);
      const meter: Meter = { steps: 0 };
      findEmails(hostile, meter);
      expect(meter.steps).toBeLessThanOrEqual(2 * hostile.length);
      // And an address hidden at its end is still found and taken out.
      const text = `${hostile} write to jane.doe@example.org`;
      const redacted = redact(text, 'Jane Doe');
      expect(redacted).not.toContain('jane.doe@example.org');
      expect(redacted.endsWith(`write to ${REDACTED.email}`)).toBe(true);
    },
  );

  it('takes out the contact name whatever its case and accents, as whole words only', () => {
    const text =
      'Signed john smith, JOHN SMITH and Jöhn  Smïth; johnsmith and John Smithson stay, as does Annual.';
    expect(redact(text, 'John Smith')).toBe(
      `Signed ${REDACTED.name}, ${REDACTED.name} and ${REDACTED.name}; johnsmith and John Smithson stay, as does Annual.`,
    );
    expect(redact('Ann wrote the Annual report; ANN agrees.', 'Ann')).toBe(
      `${REDACTED.name} wrote the Annual report; ${REDACTED.name} agrees.`,
    );
    // A name too short to be told apart from ordinary words is left alone.
    expect(redact('Al and al-Hassan', 'Al')).toBe('Al and al-Hassan');
  });

  it('takes out phone numbers and keeps years and amounts', () => {
    expect(redact('Call +41 22 123 45 67 or 022 123 45 678 about 2015-2017 and 2,500,000 people.')).toBe(
      `Call ${REDACTED.phone} or ${REDACTED.phone} about 2015-2017 and 2,500,000 people.`,
    );
  });
});
