// Well-kept libraries as `npm run train -- --cv` designs (issue 10, item 5: "say which you
// compared"). Each learns from the same features as ours and is exported into our model file, so
// inference stays ours and the bot gets no runtime dependency. Dev-only.
import LogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";
import { MultinomialNB } from "ml-naivebayes";
import type { IntentModelFile } from "../../src/matcher/intent-model.js";
import { MODEL_LABELS } from "../../src/matcher/intent-model.js";
import {
  modelFile,
  type TrainingCase,
  type TrainingData,
  type TrainOptions,
  trainingData,
} from "./train-model.js";

/** Dense rows (the libraries take ml-matrix), each case's features at `scale`, as inference sees them. */
function dense(data: TrainingData, extraColumn: boolean, counts = false): Matrix {
  const columns = data.vocabulary.length + (extraColumn ? 1 : 0);
  const x = new Matrix(data.examples.length, columns);
  data.examples.forEach((ex, i) => {
    // A feature the post has twice is worth twice, as in our trainer.
    for (const f of ex.features) x.set(i, f, x.get(i, f) + (counts ? 1 : ex.scale));
    if (extraColumn) x.set(i, columns - 1, 1);
  });
  return x;
}

/**
 * mljs `ml-logistic-regression`: full-batch gradient ascent, no bias and no penalty of its own, so
 * a constant column stands in for the bias. Its exported class trains one learner per class; the
 * two-class learner inside is used once per label instead of twice.
 */
export function trainMljsLogistic(
  cases: readonly TrainingCase[],
  options: TrainOptions,
  steps: number,
  rate: number,
): IntentModelFile {
  const data = trainingData(cases, options);
  const x = dense(data, true);
  const V = data.vocabulary.length;
  const L = MODEL_LABELS.length;
  const TwoClasses = LogisticRegression.load({
    name: "LogisticRegression",
    numberClasses: 1,
    classifiers: [{ weights: [[0]] }],
  }).classifiers[0]!.constructor as new (o: {
    numSteps: number;
    learningRate: number;
  }) => {
    train(features: Matrix, target: Matrix): void;
    weights: Matrix;
  };
  const w = new Float64Array(V * L);
  const bias = new Float64Array(L);
  for (let k = 0; k < L; k++) {
    const learner = new TwoClasses({ numSteps: steps, learningRate: rate });
    learner.train(x, Matrix.columnVector(data.examples.map((ex) => ex.y[k]!)));
    for (let f = 0; f < V; f++) w[f * L + k] = learner.weights.get(0, f);
    bias[k] = learner.weights.get(0, V);
  }
  return modelFile(options, data.vocabulary, w, bias);
}

/**
 * mljs `ml-naivebayes` MultinomialNB, one "label or not" per label. Its log-likelihood ratio per
 * feature is a weight and its log prior ratio the bias: on the same scaled vectors the log-odds
 * are exactly what our inference sums.
 */
export function trainMljsNaiveBayes(cases: readonly TrainingCase[], options: TrainOptions): IntentModelFile {
  const data = trainingData(cases, options);
  const x = dense(data, false, true);
  // NB counts words; its fixed add-one smoothing swamps vectors of length 1. Trained on counts,
  // its weights are scaled so that a post of typical length gets NB's own log-odds from our
  // length-1 inference.
  const scales = data.examples.map((ex) => ex.scale).sort((a, b) => a - b);
  const typical = 1 / scales[scales.length >> 1]!;
  const V = data.vocabulary.length;
  const L = MODEL_LABELS.length;
  const w = new Float64Array(V * L);
  const bias = new Float64Array(L);
  for (let k = 0; k < L; k++) {
    const y = data.examples.map((ex) => ex.y[k]!);
    // The library numbers classes from what it sees: a label nobody has gets no opinion.
    if (!y.includes(1) || !y.includes(0)) {
      bias[k] = -20;
      continue;
    }
    const nb = new MultinomialNB();
    nb.train(x, y);
    const c = nb.conditionalProbability;
    for (let f = 0; f < V; f++) w[f * L + k] = (c.get(1, f) - c.get(0, f)) * typical;
    bias[k] = nb.priorProbability.get(1, 0) - nb.priorProbability.get(0, 0);
  }
  return modelFile(options, data.vocabulary, w, bias);
}
