import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run eval` as a secretariat member runs it: a child process on its own local data.
const ITEMS = [
  {
    id: 'z-last-by-name',
    text: 'Journalists shape how people see migrants. We train reporters on migration coverage and run press campaigns that build public support.',
    labels: ['R7'],
  },
  {
    id: 'a-first-by-name',
    text: 'Please fix the login page of the consultation website.',
    labels: [],
    language: 'en',
  },
  {
    id: 'm-two-labels',
    text: 'Teachers discuss xenophobia with pupils in every school.\n\nOur diaspora wants dual citizenship and pensions that follow them home.',
    labels: ['R3', 'R5'],
  },
];

let directory: string;
let output: { code: number | null; stdout: string };

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'gcm-eval-'));
  await writeFile(join(directory, 'items.jsonl'), ITEMS.map((item) => JSON.stringify(item)).join('\n'));
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '--import',
      'tsx',
      'scripts/eval.ts',
      '--data',
      join(directory, 'items.jsonl'),
      '--json',
      '--predictions',
      join(directory, 'predictions.jsonl'),
    ],
    { env: { ...process.env, DATA_DIR: join(directory, 'data'), LOG_LEVEL: 'SILENT' } },
  );
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  output = { code, stdout };
}, 300_000);

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('npm run eval --predictions', () => {
  it('writes one line per input item, in input order, with its id, labels and every probability', async () => {
    expect(output.code).toBe(0);
    const lines = (await readFile(join(directory, 'predictions.jsonl'), 'utf8')).trim().split('\n');
    const predictions = lines.map((line) => JSON.parse(line));
    expect(predictions.map((p) => p.id)).toEqual(ITEMS.map((item) => item.id));
    for (const p of predictions) {
      expect(Object.keys(p).sort()).toEqual(['id', 'labels', 'scores']);
      expect(Object.keys(p.scores)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
      for (const score of Object.values(p.scores) as number[]) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
      // A tag always has a probability behind it.
      for (const label of p.labels) expect(p.scores[label]).toBeGreaterThan(0);
    }
    expect(predictions[0].labels).toContain('R7');
    expect(predictions[1].labels).toEqual([]);
  });

  it('ends with one JSON line that keeps the old figures and adds the new ones', () => {
    const last = JSON.parse(output.stdout.trim().split('\n').at(-1) as string);
    for (const key of ['macroF1', 'microF1', 'textsPerSecond', 'ece', 'perLabel', 'byLanguage'])
      expect(last).toHaveProperty(key);
    expect(last.perLabel.R7).toMatchObject({
      precision: expect.any(Number),
      recall: expect.any(Number),
      f1: expect.any(Number),
    });
    expect(last.byLanguage.en.count).toBe(3);
    expect(last.multiLabelAllFound.of).toBe(1);
    expect(last.noLabelFalsePositives).toMatchObject({ of: 1, tagged: 0 });
    expect(last).toHaveProperty('languageDetection');
    expect(last).not.toHaveProperty('predictions');
  });
});
