/**
 * Turning a classifier's raw scores into probabilities, and measuring how well they hold.
 *
 * Platt scaling fits p = σ(a·s + b) to out-of-fold scores by Newton's method on the log-loss, with
 * Platt's target smoothing (positives aim at (n₊+1)/(n₊+2), negatives at 1/(n₋+2)) so that a label
 * whose folds separate perfectly still gets finite, modest slopes.
 */

export interface Platt {
  a: number;
  b: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function plattProbability({ a, b }: Platt, score: number): number {
  return sigmoid(a * score + b);
}

export function fitPlatt(scores: readonly number[], truth: readonly boolean[]): Platt {
  if (scores.length !== truth.length) throw new Error('scores and truth differ in length');
  const positives = truth.filter(Boolean).length;
  const negatives = truth.length - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian of the log-loss in (a, b), with a small ridge so the step always exists.
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    scores.forEach((s, i) => {
      const p = sigmoid(a * s + b);
      const d = p - (truth[i] ? hi : lo);
      const w = p * (1 - p);
      ga += d * s;
      gb += d;
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/**
 * Expected calibration error: the gap between the mean probability and the share of positives in
 * each of `bins` equal-width bins, weighted by how many scores fall in it.
 */
export function expectedCalibrationError(
  probabilities: readonly number[],
  truth: readonly boolean[],
  bins = 10,
): number {
  if (probabilities.length !== truth.length) throw new Error('probabilities and truth differ in length');
  if (probabilities.length === 0) return 0;
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  probabilities.forEach((p, i) => {
    const bin = Math.min(bins - 1, Math.floor(p * bins));
    sum[bin] = (sum[bin] as number) + p;
    hits[bin] = (hits[bin] as number) + (truth[i] ? 1 : 0);
    count[bin] = (count[bin] as number) + 1;
  });
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    const n = count[bin] as number;
    if (n > 0)
      error += (n / probabilities.length) * Math.abs((sum[bin] as number) / n - (hits[bin] as number) / n);
  }
  return error;
}

/** Probability thresholds tried, 0.10 to 0.90. */
export const THRESHOLD_GRID: readonly number[] = Array.from({ length: 81 }, (_, i) => 0.1 + i / 100);

/**
 * The probability threshold with the best F1 on out-of-fold probabilities; among equal F1s, the
 * middle one, which is the least fragile.
 */
export function bestThreshold(
  probabilities: readonly number[],
  truth: readonly boolean[],
  grid: readonly number[] = THRESHOLD_GRID,
): number {
  let best = -1;
  let ties: number[] = [];
  for (const threshold of grid) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    probabilities.forEach((p, i) => {
      const predicted = p >= threshold;
      if (predicted && truth[i]) tp++;
      else if (predicted) fp++;
      else if (truth[i]) fn++;
    });
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    if (f1 > best + 1e-12) {
      best = f1;
      ties = [threshold];
    } else if (Math.abs(f1 - best) <= 1e-12) ties.push(threshold);
  }
  return Math.round((ties[Math.floor(ties.length / 2)] as number) * 100) / 100;
}

/** The probabilities a reviewer should look at: a tag in [low, high) is neither clearly right nor clearly wrong. */
export interface UncertainBand {
  low: number;
  high: number;
}

export const isUncertain = (probability: number, band: UncertainBand) =>
  probability >= band.low && probability < band.high;

/** How far from a sure call a probability is: 0 at 0.5, 1 at 0 or 1. Triage sorts by it, least sure first. */
export const certainty = (probability: number) => Math.abs(2 * probability - 1);
