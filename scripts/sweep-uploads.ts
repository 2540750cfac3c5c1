import { withLocalRuntime } from '../functions/local/connect.js';
import { sweepUploads } from '../shared/documents/sweep.js';
import { createLogger } from '../shared/logger.js';

/** `npm run sweep-uploads`: deletes the local uploads that no live submission names (older than a day). */
const summary = await withLocalRuntime((runtime) =>
  sweepUploads({
    store: runtime.store,
    documents: runtime.documents,
    logger: createLogger('sweep', runtime.config.LOG_LEVEL),
  }),
);
console.log(
  `Examined ${summary.examined} upload(s) older than a day; deleted ${summary.deleted} that no live submission names.`,
);
