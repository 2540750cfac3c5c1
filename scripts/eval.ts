import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withLocalRuntime } from '../functions/local/connect.js';
import {
  INDEPENDENT_FILE,
  type LabelledText,
  readLabelledFile,
  recommendationIds,
  VALIDATION_FILE,
} from '../shared/tagging/corpus.js';
import { evaluateClassifier, measureLanguageDetection } from '../shared/tagging/evaluate.js';
import { formatDetection, formatEvaluation } from '../shared/tagging/format.js';
import { currentModel } from '../shared/tagging/models.js';

const USAGE = 'usage: npm run eval -- [--data FILE.jsonl] [--json] [--predictions OUT.jsonl]';

/**
 * `npm run eval`: tags every text of a labelled JSONL file (by default both validation sets:
 * fixtures/validation/validation.jsonl and, where it exists, independent.jsonl) with the current
 * model, the one the tagger would use, and prints per recommendation and per language precision,
 * recall and F1, calibration (ECE), multi-label and no-label figures, language detection by text
 * length, and throughput. --json: the last line is one JSON object (the first set's figures at its
 * top, the other set under `independent`). --predictions: one JSON line per input item, in input
 * order, {"id", "labels", "scores"}.
 */
let args: { data?: string; json?: boolean; predictions?: string };
try {
  ({ values: args } = parseArgs({
    options: { data: { type: 'string' }, json: { type: 'boolean' }, predictions: { type: 'string' } },
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

let file = args.data ? resolve(args.data) : VALIDATION_FILE;
try {
  const { model, results } = await withLocalRuntime(async (runtime) => {
    const labels = recommendationIds(runtime.catalogue.default);
    const sets: [string, LabelledText[]][] = [[file, await readLabelledFile(file, labels)]];
    if (!args.data) {
      file = INDEPENDENT_FILE;
      try {
        sets.push([INDEPENDENT_FILE, await readLabelledFile(INDEPENDENT_FILE, labels)]);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    const model = await currentModel(runtime.models);
    const results = sets.map(([path, items]) => ({
      items,
      evaluation: evaluateClassifier(model.classifier, items, path),
      languageDetection: measureLanguageDetection(items),
    }));
    return { model, results };
  });
  console.log(`Model ${model.version}`);
  for (const { evaluation, languageDetection } of results) {
    console.log(formatEvaluation(evaluation));
    console.log(formatDetection(languageDetection));
    console.log('');
  }
  if (args.predictions) {
    const lines = results.flatMap(({ items, evaluation }) =>
      items.map((item, i) => JSON.stringify({ id: item.id, ...evaluation.predictions[i] })),
    );
    await writeFile(resolve(args.predictions), `${lines.join('\n')}\n`);
    console.log(`Predictions for ${lines.length} texts written to ${args.predictions}`);
  }
  if (args.json) {
    const [first, ...others] = results.map(
      ({ evaluation: { predictions: _p, ...figures }, languageDetection }) => ({
        ...figures,
        languageDetection,
      }),
    );
    console.log(
      JSON.stringify({
        modelVersion: model.version,
        ...first,
        ...(others[0] ? { independent: others[0] } : {}),
      }),
    );
  }
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'ENOENT' ? `No such file: ${file}\n${USAGE}` : (error as Error).message);
  process.exit(1);
}
