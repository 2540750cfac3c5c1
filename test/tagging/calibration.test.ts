import { describe, expect, it } from 'vitest';
import {
  bestThreshold,
  certainty,
  expectedCalibrationError,
  fitPlatt,
  isUncertain,
  plattProbability,
} from '../../shared/tagging/calibration.js';
import { groupedFolds } from '../../shared/tagging/folds.js';

describe('expected calibration error', () => {
  it('is worked out by hand on two bins', () => {
    // Bin [0.1, 0.2): 0.1, 0.1 with one positive in two: |0.1 - 0.5| = 0.4, weight 2/4.
    // Bin [0.9, 1.0]: 0.9, 0.9 with both positive: |0.9 - 1| = 0.1, weight 2/4. ECE = 0.25.
    expect(expectedCalibrationError([0.1, 0.1, 0.9, 0.9], [true, false, true, true])).toBeCloseTo(0.25, 10);
  });

  it('is zero where every bin says exactly how often it is right', () => {
    const probabilities = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
    const truth = [true, false, false, false, true, true, true, false];
    expect(expectedCalibrationError(probabilities, truth)).toBeCloseTo(0, 10);
  });

  it('puts a probability of 1 in the last bin', () => {
    expect(expectedCalibrationError([1], [false])).toBe(1);
  });
});

describe('Platt scaling', () => {
  it('turns scores into probabilities that rise with the score and match the rate of positives', () => {
    // Raw scores from -3 to 3; positives become more common as the score rises.
    const scores: number[] = [];
    const truth: boolean[] = [];
    for (let i = 0; i < 600; i++) {
      const s = -3 + (6 * i) / 599;
      scores.push(s);
      truth.push((i * 7919) % 100 < 100 / (1 + Math.exp(-2 * s)));
    }
    const platt = fitPlatt(scores, truth);
    expect(platt.a).toBeGreaterThan(1.2);
    expect(platt.a).toBeLessThan(3);
    expect(Math.abs(platt.b)).toBeLessThan(0.4);
    const probabilities = scores.map((s) => plattProbability(platt, s));
    expect(expectedCalibrationError(probabilities, truth)).toBeLessThan(0.06);
    // Uncalibrated, the same scores squashed to [0, 1] are off.
    expect(
      expectedCalibrationError(
        scores.map((s) => (s + 3) / 6),
        truth,
      ),
    ).toBeGreaterThan(0.06);
  });

  it('keeps finite slopes when the folds separate the classes perfectly', () => {
    const platt = fitPlatt([-2, -1, 1, 2], [false, false, true, true]);
    expect(Number.isFinite(platt.a)).toBe(true);
    expect(plattProbability(platt, 2)).toBeLessThan(1);
    expect(plattProbability(platt, 2)).toBeGreaterThan(0.6);
  });
});

describe('thresholds and the uncertain band', () => {
  it('picks the middle of the thresholds with the best F1', () => {
    // Any threshold in (0.3, 0.6] separates perfectly; the middle of the grid's run is 0.45.
    expect(bestThreshold([0.1, 0.2, 0.3, 0.6, 0.8, 0.9], [false, false, false, true, true, true])).toBe(0.45);
  });

  it('marks a probability uncertain from the band’s low edge up to, not including, its high edge', () => {
    const band = { low: 0.2, high: 0.8 };
    expect(isUncertain(0.19, band)).toBe(false);
    expect(isUncertain(0.2, band)).toBe(true);
    expect(isUncertain(0.79, band)).toBe(true);
    expect(isUncertain(0.8, band)).toBe(false);
  });

  it('ranks a coin toss as the least certain', () => {
    expect(certainty(0.5)).toBe(0);
    expect(certainty(0.9)).toBeCloseTo(0.8, 10);
    expect(certainty(0.1)).toBeCloseTo(0.8, 10);
    expect(certainty(0.6)).toBeLessThan(certainty(0.75));
  });
});

describe('grouped folds', () => {
  const items = Array.from({ length: 60 }, (_, i) => ({
    id: `item-${i}`,
    ...(i < 45 ? { group: `source-${i % 9}` } : {}),
  }));

  it('keeps every item of a group on the same side, and deals items without a group by their id', () => {
    const folds = groupedFolds(items, 5);
    const byGroup = new Map<string, Set<number>>();
    items.forEach((item, i) => {
      const key = item.group ?? item.id;
      byGroup.set(key, (byGroup.get(key) ?? new Set()).add(folds[i] as number));
    });
    for (const [, set] of byGroup) expect(set.size).toBe(1);
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('gives the same folds whatever the order of the items', () => {
    const forward = groupedFolds(items, 5);
    const reversed = groupedFolds([...items].reverse(), 5).reverse();
    expect(reversed).toEqual(forward);
  });

  it('refuses fewer than two folds', () => {
    expect(() => groupedFolds(items, 1)).toThrow(/2 or more/);
  });
});
