import { withLocalRuntime } from '../functions/local/connect.js';
import type { Language } from '../shared/consultation.js';
import { createLogger } from '../shared/logger.js';
import type { ReportFormat } from '../shared/stores/ports.js';
import { compileReport } from '../shared/synthesis/compile.js';

/**
 * `npm run report`: compiles a draft synthesis report of every consultation once, against the local
 * data (through a running `npm start` or on its own), and prints where each file went.
 */
try {
  await withLocalRuntime(async (runtime) => {
    const logger = createLogger('report', runtime.config.LOG_LEVEL);
    const appUrl = `http://localhost:${runtime.config.PORT}`;
    for (const consultation of runtime.catalogue.all()) {
      const result = await compileReport({ ...runtime, logger }, consultation.id);
      console.log(
        `${consultation.id}: ${result.submissions} submissions, ${result.unchanged ? 'unchanged since' : 'compiled as'} ${result.stamp} in ${result.durationMs} ms`,
      );
      for (const [language, files] of Object.entries(result.keys))
        for (const [format, key] of Object.entries(files))
          console.log(
            `  ${language} ${format.padEnd(5)} s3://${runtime.config.BUCKET_NAME}/${key}  (${result.sizes[language as Language][format as ReportFormat]} bytes)`,
          );
      console.log(`  preview and publish  ${appUrl}/admin/consultations/${consultation.id}/reports`);
    }
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
