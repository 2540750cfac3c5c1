import type { ModelEvaluation } from '../stores/ports.js';

const pad = (value: string | number, width: number) => String(value).padStart(width);
const fixed = (value: number) => value.toFixed(3);

/** An evaluation as a terminal table: per recommendation, then the averages and each language. */
export function formatEvaluation(
  evaluation: ModelEvaluation & { textsPerSecond?: number; count?: number },
): string {
  const lines = [
    `Measured on ${evaluation.dataset}${evaluation.count === undefined ? '' : ` (${evaluation.count} texts)`}:`,
    `${'label'.padEnd(8)}${pad('precision', 10)}${pad('recall', 8)}${pad('F1', 8)}${pad('support', 9)}`,
    ...Object.entries(evaluation.perLabel).map(
      ([label, m]) =>
        `${label.padEnd(8)}${pad(fixed(m.precision), 10)}${pad(fixed(m.recall), 8)}${pad(fixed(m.f1), 8)}${pad(m.support, 9)}`,
    ),
    `macro-F1 ${fixed(evaluation.macroF1)}   micro-F1 ${fixed(evaluation.microF1)}`,
    ...Object.entries(evaluation.byLanguage ?? {}).map(
      ([language, m]) =>
        `  ${language}: macro-F1 ${fixed(m.macroF1)}, micro-F1 ${fixed(m.microF1)} over ${m.count} texts`,
    ),
  ];
  if (evaluation.textsPerSecond !== undefined) lines.push(`throughput ${evaluation.textsPerSecond} texts/s`);
  return lines.join('\n');
}
