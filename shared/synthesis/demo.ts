import demoSubmissions from '../../fixtures/demo/submissions.json' with { type: 'json' };
import { type IntakeDeps, submit } from '../intake.js';

/**
 * The demo data set: the sample submissions in fixtures/demo, sent through the real intake path
 * (so validation, language detection and idempotency apply). Each carries an Idempotency-Key
 * derived from its place in the fixture, so seeding twice stores nothing new.
 */
export const DEMO_SUBMISSIONS: readonly unknown[] = demoSubmissions;

export async function seedDemo(
  deps: IntakeDeps,
  consultationId: string,
  bodies: readonly unknown[] = DEMO_SUBMISSIONS,
): Promise<{ created: number; existing: number }> {
  let created = 0;
  for (const [index, body] of bodies.entries()) {
    const receipt = await submit(deps, consultationId, body, `demo-${consultationId}-${index}`);
    if (!receipt.replayed) created++;
  }
  return { created, existing: bodies.length - created };
}
