// The two mljs packages ship no types; only what `library-trainers.ts` uses.
declare module "ml-matrix" {
  export class Matrix {
    constructor(rows: number, columns: number);
    static columnVector(values: readonly number[]): Matrix;
    set(row: number, column: number, value: number): this;
    get(row: number, column: number): number;
  }
}
declare module "ml-logistic-regression" {
  import type { Matrix } from "ml-matrix";

  interface TwoClasses {
    train(features: Matrix, target: Matrix): void;
    weights: Matrix;
  }
  export default class LogisticRegression {
    static load(model: unknown): LogisticRegression;
    classifiers: TwoClasses[];
  }
}
declare module "ml-naivebayes" {
  import type { Matrix } from "ml-matrix";
  export class MultinomialNB {
    train(trainingSet: Matrix, trainingLabels: readonly number[]): void;
    conditionalProbability: Matrix;
    priorProbability: Matrix;
  }
}
