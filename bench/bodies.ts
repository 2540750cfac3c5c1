export const CONSULTATION_ID_FOR_BENCH = 'gfmd-2017-gcm-cluster-1';

/** A realistic submission body; `marker` makes each one distinct. */
export function benchBody(marker: string): string {
  return JSON.stringify({
    stakeholder: {
      organization: `Benchmark Association ${marker}`,
      email: 'bench@example.org',
      type: 'civil_society',
      country: 'KE',
    },
    language: 'en',
    answers: {
      Q1: `Our network (${marker}) runs legal aid clinics for migrant domestic workers in three destination countries, with hotlines in their languages and lawyers who follow cases from recruitment to return.`,
      Q2: 'Cities should open one-stop welcome centres where newcomers find language classes, health registration and school enrolment in one visit.',
    },
    consent: { quote: true, attribution: false },
  });
}
