import { describe, expect, it } from 'vitest';
import { formatDateTime, plural } from '../../shared/http/i18n/index.js';

const submissions = { one: '{count} submission', other: '{count} submissions' };

describe('plural forms', () => {
  it('follows each language’s own rule for one and zero', () => {
    expect(plural('en', submissions, 1)).toBe('1 submission');
    expect(plural('en', submissions, 0)).toBe('0 submissions');
    // French treats zero as singular.
    expect(plural('fr', { one: '{count} contribution', other: '{count} contributions' }, 0)).toBe(
      '0 contribution',
    );
    expect(plural('es', { one: '{count} contribución', other: '{count} contribuciones' }, 2)).toBe(
      '2 contribuciones',
    );
  });

  it('writes the count the language’s way and fills other placeholders', () => {
    expect(plural('en', { other: '{count} from {who}' }, 12345, { who: 'cities' })).toBe(
      '12,345 from cities',
    );
    expect(plural('es', { other: '{count}' }, 12345)).toBe('12.345');
  });
});

describe('dates', () => {
  const at = '2026-12-04T17:05:00Z';
  it('always carries the time zone when a time is shown', () => {
    expect(formatDateTime(at, 'en')).toBe('4 December 2026 at 17:05 UTC');
    expect(formatDateTime(at, 'fr')).toBe('4 décembre 2026 à 17:05 UTC');
    expect(formatDateTime(at, 'es')).toContain('17:05 UTC');
  });
  it('shows the date alone on request, day first in every language', () => {
    expect(formatDateTime(at, 'en', { withTime: false })).toBe('4 December 2026');
    expect(formatDateTime(at, 'es', { withTime: false })).toBe('4 de diciembre de 2026');
  });
});
