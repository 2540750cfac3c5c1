import { createApp } from '../../shared/http/app.js';
import type { AppDeps } from '../../shared/http/context.js';
import { createLogger } from '../../shared/logger.js';
import type { Runtime } from '../../shared/runtime.js';

export const CONSULTATION_ID = 'gfmd-2017-gcm-cluster-1';

type Body = Record<string, unknown>;

/** A valid submission body; pass overrides for the parts a test is about. */
export function submissionBody(overrides: Body = {}): Body {
  return {
    stakeholder: {
      organization: 'Ministry of Labour',
      contactName: 'A. Officer',
      email: 'officer@example.org',
      type: 'member_state',
      country: 'PH',
    },
    language: 'en',
    answers: {
      Q1: 'Bilateral labour agreements with destination countries protect domestic workers, with a joint committee that meets twice a year.',
    },
    consent: { quote: true, attribution: true },
    ...overrides,
  };
}

export function testApp(runtime: Runtime, deps: Partial<AppDeps> = {}) {
  return createApp({
    store: runtime.store,
    catalogue: runtime.catalogue,
    reports: runtime.reports,
    logger: createLogger('test', 'SILENT'),
    submissionsPerMinute: 10_000,
    ...deps,
  });
}

export function postJson(
  app: ReturnType<typeof testApp>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const submissionsPath = (id = CONSULTATION_ID) => `/api/consultations/${id}/submissions`;
