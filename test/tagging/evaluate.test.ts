import { describe, expect, it } from 'vitest';
import { parseLabelledJsonl } from '../../shared/tagging/corpus.js';
import { scoreLabels } from '../../shared/tagging/evaluate.js';

const LABELS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'];

describe('scoreLabels', () => {
  it('computes precision, recall, F1 and both averages as worked out by hand', () => {
    const truth = [['R1'], ['R1', 'R2'], [], ['R2'], ['R3']];
    const predicted = [['R1'], ['R1'], ['R2'], ['R2', 'R3'], []];
    // R1: tp 2, fp 0, fn 0 -> P 1, R 1, F1 1
    // R2: tp 1, fp 1, fn 1 -> P 1/2, R 1/2, F1 1/2
    // R3: tp 0, fp 1, fn 1 -> P 0, R 0, F1 0
    // R4-R8 appear nowhere and are not averaged. Macro = (1 + 0.5 + 0) / 3 = 0.5.
    // Pooled: tp 3, fp 2, fn 2 -> P 3/5, R 3/5, micro-F1 0.6.
    const result = scoreLabels(LABELS, truth, predicted);
    expect(result.perLabel.R1).toEqual({ precision: 1, recall: 1, f1: 1, support: 2 });
    expect(result.perLabel.R2).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(result.perLabel.R3).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(result.perLabel.R8).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(result.macroF1).toBe(0.5);
    expect(result.microF1).toBe(0.6);
  });

  it('counts a label that is only ever predicted wrongly in the macro average', () => {
    const result = scoreLabels(LABELS, [['R1'], []], [['R1'], ['R5']]);
    expect(result.perLabel.R5?.f1).toBe(0);
    expect(result.macroF1).toBe(0.5);
    expect(result.microF1).toBeCloseTo(2 / 3, 4);
  });

  it('refuses truth and predictions of different lengths', () => {
    expect(() => scoreLabels(LABELS, [['R1']], [])).toThrow(/differ in length/);
  });
});

describe('parseLabelledJsonl', () => {
  it('reads lines, ignores other fields and blank lines, and detects a missing language', () => {
    const items = parseLabelledJsonl(
      [
        '{"id":"a","text":"Hello","labels":["R1","R1"],"language":"en","note":"ignored"}',
        '',
        '{"id":"b","text":"Les enfants des travailleurs migrants sont inscrits à l\'école publique sans condition.","labels":[]}',
      ].join('\n'),
      'tiny.jsonl',
      LABELS,
    );
    expect(items).toEqual([
      { id: 'a', text: 'Hello', labels: ['R1'], language: 'en', languageGiven: true },
      {
        id: 'b',
        text: "Les enfants des travailleurs migrants sont inscrits à l'école publique sans condition.",
        labels: [],
        language: 'fr',
      },
    ]);
  });

  it('keeps the group of an adapted example and checks that its source is a URL', () => {
    const [item] = parseLabelledJsonl(
      '{"id":"a","text":"x","labels":["R2"],"language":"en","source":"https://example.org/plan","group":"g-plan"}',
      'adapted.jsonl',
      LABELS,
    );
    expect(item).toEqual({
      id: 'a',
      text: 'x',
      labels: ['R2'],
      language: 'en',
      group: 'g-plan',
      languageGiven: true,
    });
    expect(() =>
      parseLabelledJsonl('{"id":"a","text":"x","labels":[],"source":"not a url"}', 'adapted.jsonl', LABELS),
    ).toThrow(/^adapted\.jsonl:1: source:/);
    expect(() =>
      parseLabelledJsonl('{"id":"a","text":"x","labels":[],"group":""}', 'adapted.jsonl', LABELS),
    ).toThrow(/^adapted\.jsonl:1: group:/);
  });

  it('names the file and line of a bad line', () => {
    expect(() => parseLabelledJsonl('{"id":"a","text":"x","labels":[]}\n{oops', 'f.jsonl', LABELS)).toThrow(
      /^f\.jsonl:2: not JSON/,
    );
    expect(() => parseLabelledJsonl('{"id":"a","labels":[]}', 'f.jsonl', LABELS)).toThrow(
      /^f\.jsonl:1: text:/,
    );
    expect(() => parseLabelledJsonl('{"id":"a","text":"x","labels":["R9"]}', 'f.jsonl', LABELS)).toThrow(
      /f\.jsonl:1: unknown label R9/,
    );
  });
});
