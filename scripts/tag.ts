import { withLocalRuntime } from '../functions/local/connect.js';
import { createLogger } from '../shared/logger.js';
import { runTaggingPass } from '../shared/tagging/run.js';

/** `npm run tag`: one tagging pass over the local data, through a running `npm start` or on its own. */
const summary = await withLocalRuntime((runtime) =>
  runTaggingPass({
    store: runtime.store,
    models: runtime.models,
    reading: runtime,
    logger: createLogger('tag', runtime.config.LOG_LEVEL),
  }),
);
console.log(
  [
    `Tagged ${summary.tagged} submission(s) with model ${summary.modelVersion} in ${summary.durationMs} ms.`,
    `Skipped ${summary.skipped} (withdrawn, or already tagged), ${summary.conflicts} changed by a reviewer meanwhile, ${summary.failed} failed.`,
    summary.remaining ? 'Work is left in the queue: run it again.' : 'Nothing is left waiting.',
  ].join('\n'),
);
process.exitCode = summary.failed > 0 ? 1 : 0;
