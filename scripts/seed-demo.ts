import { withLocalRuntime } from '../functions/local/connect.js';
import { isWindowOpen } from '../shared/consultation.js';
import { createLogger } from '../shared/logger.js';
import { compileReport } from '../shared/synthesis/compile.js';
import { seedDemo } from '../shared/synthesis/demo.js';
import { runTaggingPass } from '../shared/tagging/run.js';

/**
 * `npm run seed-demo`: loads the sample submissions of fixtures/demo into the local data, tags
 * them and compiles a draft report, which an admin previews and publishes on the Reports page. Safe to run again:
 * it adds nothing the second time.
 */
try {
  await withLocalRuntime(async (runtime) => {
    const logger = createLogger('seed-demo', runtime.config.LOG_LEVEL);
    const consultation = runtime.catalogue.default;
    const now = new Date();
    if (!isWindowOpen(consultation.submissionWindow, now)) {
      const { opensAt, closesAt } = consultation.submissionWindow;
      throw new Error(
        `The consultation takes input from ${opensAt} to ${closesAt}, so intake refuses the demo data now. ` +
          'Set SUBMISSIONS_OPEN_AT and SUBMISSIONS_CLOSE_AT around today and run it again.',
      );
    }
    const seeded = await seedDemo(
      { store: runtime.store, catalogue: runtime.catalogue, now: () => new Date() },
      consultation.id,
    );
    console.log(`Demo submissions: ${seeded.created} added, ${seeded.existing} already there.`);
    const tagging = await runTaggingPass({ store: runtime.store, models: runtime.models, logger });
    console.log(`Tagged ${tagging.tagged} submission(s) with model ${tagging.modelVersion}.`);
    const report = await compileReport({ ...runtime, logger }, consultation.id);
    console.log(
      `Draft report ${report.unchanged ? 'unchanged' : 'compiled'} (${report.submissions} submissions): preview and publish it at http://localhost:${runtime.config.PORT}/admin/consultations/${consultation.id}/reports`,
    );
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
