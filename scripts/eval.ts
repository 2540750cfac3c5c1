import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withLocalRuntime } from '../functions/local/connect.js';
import { readLabelledFile, recommendationIds, VALIDATION_FILE } from '../shared/tagging/corpus.js';
import { evaluateClassifier } from '../shared/tagging/evaluate.js';
import { formatEvaluation } from '../shared/tagging/format.js';
import { currentModel } from '../shared/tagging/models.js';

const USAGE = 'usage: npm run eval -- [--data FILE.jsonl] [--json]';

/**
 * `npm run eval`: tags every text of a labelled JSONL file with the current model (the one the
 * tagger would use) and prints precision, recall and F1 per recommendation, the averages, and
 * throughput. With --json the last line is the result as one JSON object.
 */
let args: { data?: string; json?: boolean };
try {
  ({ values: args } = parseArgs({
    options: { data: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const file = args.data ? resolve(args.data) : VALIDATION_FILE;
try {
  const { model, evaluation } = await withLocalRuntime(async (runtime) => {
    const items = await readLabelledFile(file, recommendationIds(runtime.catalogue.default));
    const model = await currentModel(runtime.models);
    return { model, evaluation: evaluateClassifier(model.classifier, items, file) };
  });
  console.log(`Model ${model.version}`);
  console.log(formatEvaluation(evaluation));
  if (args.json) console.log(JSON.stringify({ modelVersion: model.version, ...evaluation }));
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'ENOENT' ? `No such file: ${file}\n${USAGE}` : (error as Error).message);
  process.exit(1);
}
