import type { ModelEvaluation } from '../stores/ports.js';
import type { DetectionByLength } from './evaluate.js';

const pad = (value: string | number, width: number) => String(value).padStart(width);
const fixed = (value: number) => value.toFixed(3);

/** An evaluation as a terminal table: per recommendation, then the averages, calibration and each language. */
export function formatEvaluation(
  evaluation: ModelEvaluation & { textsPerSecond?: number; textsPerCpuSecond?: number; count?: number },
): string {
  const lines = [
    `Measured on ${evaluation.dataset}${evaluation.count === undefined ? '' : ` (${evaluation.count} texts)`}:`,
    `${'label'.padEnd(8)}${pad('precision', 10)}${pad('recall', 8)}${pad('F1', 8)}${pad('support', 9)}`,
    ...Object.entries(evaluation.perLabel).map(
      ([label, m]) =>
        `${label.padEnd(8)}${pad(fixed(m.precision), 10)}${pad(fixed(m.recall), 8)}${pad(fixed(m.f1), 8)}${pad(m.support, 9)}`,
    ),
    `macro-F1 ${fixed(evaluation.macroF1)}   micro-F1 ${fixed(evaluation.microF1)}${
      evaluation.ece === undefined ? '' : `   ECE ${fixed(evaluation.ece)}`
    }`,
  ];
  const multi = evaluation.multiLabelAllFound;
  if (multi)
    lines.push(`texts with 2+ labels, all found: ${multi.found} of ${multi.of} (${fixed(multi.rate)})`);
  const empty = evaluation.noLabelFalsePositives;
  if (empty)
    lines.push(`texts with no label that got a tag: ${empty.tagged} of ${empty.of} (${fixed(empty.rate)})`);
  lines.push(
    ...Object.entries(evaluation.byLanguage ?? {}).map(
      ([language, m]) =>
        `  ${language}: macro-F1 ${fixed(m.macroF1)}, micro-F1 ${fixed(m.microF1)}${
          m.ece === undefined ? '' : `, ECE ${fixed(m.ece)}`
        } over ${m.count} texts`,
    ),
  );
  if (evaluation.textsPerSecond !== undefined)
    lines.push(
      `throughput ${evaluation.textsPerSecond} texts/s${
        evaluation.textsPerCpuSecond === undefined ? '' : ` (${evaluation.textsPerCpuSecond} per CPU second)`
      }`,
    );
  return lines.join('\n');
}

/** Language detection by text length, as a terminal table. */
export function formatDetection(detection: DetectionByLength): string {
  return [
    'Language detection (texts whose language the file states, and each of their sentences):',
    ...Object.entries(detection).map(
      ([bucket, row]) =>
        `  ${bucket.padEnd(20)} ${pad(row.texts, 5)} texts, sure of ${pad(row.sure, 5)}, right on ${pad(row.correct, 5)} (${fixed(row.accuracy)} of the sure ones)`,
    ),
  ].join('\n');
}
