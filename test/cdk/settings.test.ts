import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { settingsFromContext } from '../../cdk/deployment.js';

const settings = (context: Record<string, unknown>) => settingsFromContext(new App({ context }));

describe('deployment settings from context', () => {
  it('default to a tagger every five minutes and a report at 03:00 UTC, with no submission window', () => {
    expect(settings({})).toEqual({
      name: 'gcm-synthesis',
      taggerEveryMinutes: 5,
      reportHourUtc: 3,
      logLevel: 'INFO',
      submissionsOpenAt: undefined,
      submissionsCloseAt: undefined,
    });
  });

  it('take numbers given as strings on the command line', () => {
    const chosen = settings({
      'gcm:name': 'gcm-staging',
      'gcm:taggerEveryMinutes': '10',
      'gcm:reportHourUtc': '22',
      'gcm:logLevel': 'DEBUG',
      'gcm:submissionsCloseAt': '2026-03-31T23:59:59Z',
    });
    expect(chosen).toMatchObject({
      name: 'gcm-staging',
      taggerEveryMinutes: 10,
      reportHourUtc: 22,
      logLevel: 'DEBUG',
      submissionsCloseAt: '2026-03-31T23:59:59Z',
    });
  });

  it.each([
    ['gcm:taggerEveryMinutes', '1', /taggerEveryMinutes must be a whole number from 2 to 60/],
    ['gcm:taggerEveryMinutes', 'five', /taggerEveryMinutes/],
    ['gcm:reportHourUtc', '24', /reportHourUtc must be a whole number from 0 to 23/],
    ['gcm:reportHourUtc', '2.5', /reportHourUtc/],
    ['gcm:logLevel', 'VERBOSE', /logLevel must be one of DEBUG, INFO, WARN, ERROR/],
    ['gcm:name', 'GCM', /gcm:name must be 3 to 25 lower-case/],
    ['gcm:name', 'a-name-far-too-long-for-a-bucket', /gcm:name/],
    ['gcm:submissionsOpenAt', '31/03/2026', /gcm:submissionsOpenAt or .*SUBMISSIONS_OPEN_AT/],
    ['gcm:submissionsCloseAt', '2026-03-31T23:59:59+02:00', /SUBMISSIONS_CLOSE_AT/],
  ])('refuse %s=%s before anything is deployed', (key, value, message) => {
    expect(() => settings({ [key]: value })).toThrow(message);
  });
});
