import { seededRandom } from '../synthesis/bounded.js';

/**
 * Binary logistic regression over sparse vectors, trained by AdaGrad with L2 regularisation.
 *
 * Our own rather than natural's LogisticRegressionClassifier: natural's trains by plain gradient
 * descent over dense vectors (about 40 s for 500 examples, STACK.md) and its scores saturate near
 * 1, while eight labels, five folds and a final fit here take about a second. The order of
 * examples is shuffled by a seeded generator, so the same data gives the same weights.
 */

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface LogisticSettings {
  epochs: number;
  learningRate: number;
  /** L2 penalty per example and epoch. */
  l2: number;
}

export interface LogisticModel {
  weights: Float64Array;
  bias: number;
}

export function dot(model: LogisticModel, x: SparseVector): number {
  let z = model.bias;
  for (let j = 0; j < x.indices.length; j++)
    z += (model.weights[x.indices[j] as number] as number) * (x.values[j] as number);
  return z;
}

export function trainLogistic(
  xs: readonly SparseVector[],
  ys: readonly boolean[],
  sampleWeights: readonly number[],
  dimension: number,
  settings: LogisticSettings,
  seed = 1,
): LogisticModel {
  const weights = new Float64Array(dimension);
  const squared = new Float64Array(dimension).fill(1e-8);
  let bias = 0;
  let biasSquared = 1e-8;
  const order = xs.map((_, i) => i);
  const random = seededRandom(seed);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const i of order) {
      const x = xs[i] as SparseVector;
      const z = dot({ weights, bias }, x);
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      const error = (p - (ys[i] ? 1 : 0)) * (sampleWeights[i] as number);
      for (let k = 0; k < x.indices.length; k++) {
        const f = x.indices[k] as number;
        const g = error * (x.values[k] as number) + settings.l2 * (weights[f] as number);
        squared[f] = (squared[f] as number) + g * g;
        weights[f] = (weights[f] as number) - (settings.learningRate * g) / Math.sqrt(squared[f] as number);
      }
      biasSquared += error * error;
      bias -= (settings.learningRate * error) / Math.sqrt(biasSquared);
    }
  }
  return { weights, bias };
}
