// Trains the learned second opinion and writes config/intent-model.json (issue 10, item 5):
//
//   npm run train                 # train on the learn sets, the opened sealed sets and the shared dev set
//   npm run train -- --cv         # 5-fold cross-validation of the designs; writes nothing
//   npm run train -- --cv --design=mljs-logistic   # only that design
//
// Deterministic: sorted inputs, a fixed seed, rounded weights; two runs write identical bytes.
// Sealed sets are refused, but for those opened after their first scores (OPENED_SETS).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultKnowledgePaths, loadKnowledge } from "../src/knowledge/load-knowledge.js";
import { classify, modelInput } from "../src/matcher/classify.js";
import { type CompiledMatcher, compileMatcher } from "../src/matcher/compile-matcher.js";
import { type FeatureOptions, type IntentModelFile, parseIntentModel } from "../src/matcher/intent-model.js";
import { answeredIntents } from "../src/policy/reply-policy.js";
import {
  findSharedEval,
  type LabelledCase,
  LEARN_SETS,
  OPENED_SETS,
  readLabelled,
  refuseSealed,
} from "./learn/labelled-files.js";
import { trainMljsLogistic, trainMljsNaiveBayes } from "./learn/library-trainers.js";
import { DEFAULT_TRAIN_OPTIONS, serializeModel, trainModel } from "./learn/train-model.js";

const root = join(import.meta.dirname, "..");
const MODEL_FILE = join(root, "config/intent-model.json");
const SOURCES = [
  ...LEARN_SETS.map((name) => join(root, `eval/${name}.jsonl`)),
  ...OPENED_SETS.map((name) => join(root, `eval/${name}.jsonl`)),
  join(findSharedEval(root), "dev.jsonl"),
];

const matcher = compileMatcher(loadKnowledge(defaultKnowledgePaths(join(root, "config"))));
// Each case with the concepts the rules find in it: the model learns what the bot will give it.
const sets = SOURCES.map((file) => {
  refuseSealed(file);
  return { file, cases: readLabelled(file).map((c) => ({ ...c, concepts: [...conceptsOf(c)] })) };
});

if (process.argv.includes("--cv")) crossValidate();
else {
  const text = serializeModel(
    trainModel(
      sets.flatMap((s) => s.cases),
      DEFAULT_TRAIN_OPTIONS,
    ),
  );
  writeFileSync(MODEL_FILE, text);
  console.log(`wrote ${MODEL_FILE} (${(text.length / 1024).toFixed(0)} KiB)`);
}

interface Figures {
  exact: number;
  covered: number;
  unasked: number;
  asksNothing: number;
  n: number;
}

function conceptsOf(c: LabelledCase): Iterable<string> {
  const parent =
    c.parent === undefined
      ? undefined
      : { content: c.parent.content, language: c.parent.language, fromBot: c.parent.from_bot };
  return modelInput(matcher, { content: c.content, language: c.language, parent }).concepts;
}

function classifyWith(m: CompiledMatcher, c: LabelledCase): string[] {
  const parent =
    c.parent === undefined
      ? undefined
      : { content: c.parent.content, language: c.parent.language, fromBot: c.parent.from_bot };
  // As the classify command answers: the topic menu is `help`.
  return [...answeredIntents(classify(m, { content: c.content, language: c.language, parent }))];
}

function score(cases: readonly LabelledCase[], answers: readonly string[][]): Figures {
  const f: Figures = { exact: 0, covered: 0, unasked: 0, asksNothing: 0, n: cases.length };
  cases.forEach((c, i) => {
    const got = new Set(answers[i]);
    if (got.size === c.intents.length && c.intents.every((id) => got.has(id))) f.exact++;
    if (c.intents.every((id) => got.has(id))) f.covered++;
    if (c.intents.length > 0) return;
    f.asksNothing++;
    if ([...got].some((id) => id !== "thanks")) f.unasked++;
  });
  return f;
}

function show(f: Figures): string {
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
  return `exact ${pct(f.exact, f.n)}  covered ${pct(f.covered, f.n)}  unasked ${f.unasked}/${f.asksNothing}`;
}

/** Each case's fold, from a hash of its text: stable whatever the file order. */
function foldOf(c: LabelledCase, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < c.content.length; i++) h = Math.imul(h ^ c.content.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

function crossValidate(): void {
  const FOLDS = 5;
  const all = sets.flatMap((s, set) => s.cases.map((c) => ({ c, set, fold: foldOf(c, FOLDS) })));
  for (const s of sets)
    console.log(
      `${s.file}: rules alone: ${show(
        score(
          s.cases,
          s.cases.map((c) => classifyWith(matcher, c)),
        ),
      )}`,
    );
  const features: Record<string, FeatureOptions> = {
    words: { bigrams: false, chars: null, concepts: false },
    "words+pairs": { bigrams: true, chars: null, concepts: false },
    "words+pairs+chars3-5": { bigrams: true, chars: [3, 5], concepts: false },
    "words+chars2-4": { bigrams: false, chars: [2, 4], concepts: false },
    "words+chars2-4+concepts": { bigrams: false, chars: [2, 4], concepts: true },
  };
  type Trainer = (cases: readonly LabelledCase[]) => IntentModelFile;
  const designs: [string, Trainer][] = Object.entries(features).map(([name, f]): [string, Trainer] => [
    name,
    (cases) => trainModel(cases, { ...DEFAULT_TRAIN_OPTIONS, features: f }),
  ]);
  // Well-kept libraries on the chosen features, exported into our format (eval/README.md).
  designs.push(
    ["mljs-naivebayes", (cases) => trainMljsNaiveBayes(cases, DEFAULT_TRAIN_OPTIONS)],
    ["mljs-logistic", (cases) => trainMljsLogistic(cases, DEFAULT_TRAIN_OPTIONS, 40, 0.015)],
  );
  const only = process.argv.find((a) => a.startsWith("--design="))?.slice("--design=".length);
  const thresholds = [0.3, 0.5, 0.7];
  const guards = [0.1, 0.25, 0.999];
  const D = DEFAULT_TRAIN_OPTIONS;
  // The chosen checks and additions, which each row below varies; and the additions turned off.
  const chosen = {
    threshold: D.threshold,
    asksNothingBelow: D.asksNothingBelow,
    vetoAbove: D.vetoAbove,
    menuVetoAbove: D.menuVetoAbove,
    keepAbove: D.keepAbove,
  };
  const adding = { alongsideAbove: D.alongsideAbove, formsAlongsideAbove: D.formsAlongsideAbove };
  const noAdding = { alongsideAbove: 1, formsAlongsideAbove: 1 };
  const off = { vetoAbove: 1, menuVetoAbove: 1, keepAbove: 0, ...noAdding };
  // Adding (threshold, guard) with the rules' topics unchecked, then the checks at the default adding.
  const grid = [
    ...thresholds.flatMap((threshold) =>
      guards.map((asksNothingBelow) => ({ threshold, asksNothingBelow, ...off })),
    ),
    ...[1, 0.9, 0.8, 0.75, 0.7, 0.6].flatMap((vetoAbove) =>
      [0, 0.03, 0.05].map((keepAbove) => ({ ...chosen, ...noAdding, vetoAbove, keepAbove })),
    ),
    // The menu's own veto, at the chosen topic checks.
    ...[0.6, 0.45, 0.3, 0.2].map((menuVetoAbove) => ({ ...chosen, ...adding, menuVetoAbove })),
    // Topics the model adds beside the rules' own, at the chosen checks (1: none); the chosen level
    // is among the menu's rows above.
    ...[1, 0.9, 0.7, 0.5]
      .filter((level) => level !== adding.alongsideAbove)
      .map((alongsideAbove) => ({ ...chosen, ...adding, alongsideAbove })),
    // Forms the model adds beside the rules' topics, at the chosen checks (1: none).
    ...[1, 0.9, 0.8]
      .filter((level) => level !== adding.formsAlongsideAbove)
      .map((formsAlongsideAbove) => ({ ...chosen, ...adding, formsAlongsideAbove })),
  ];
  for (const [name, train] of designs) {
    if (only !== undefined && name !== only) continue;
    const answers = grid.map(() => all.map((): string[] => []));
    let ms = 0;
    let bytes = 0;
    for (let fold = 0; fold < FOLDS; fold++) {
      const start = performance.now();
      const file = train(all.filter((a) => a.fold !== fold).map((a) => a.c));
      ms += performance.now() - start;
      bytes += serializeModel(file).length;
      grid.forEach((point, g) => {
        // Through the file format, so rounding and validation are part of what is judged.
        const model = parseIntentModel(JSON.parse(serializeModel({ ...file, ...point })), "cv");
        const withModel = { ...matcher, model };
        all.forEach((a, i) => {
          if (a.fold === fold) answers[g]![i] = classifyWith(withModel, a.c);
        });
      });
    }
    console.log(
      `${name}: training ${(ms / FOLDS / 1000).toFixed(1)} s a fold, model ${(bytes / FOLDS / 1024).toFixed(0)} KiB`,
    );
    grid.forEach((point, g) => {
      const got = answers[g]!;
      const parts = sets.map((_, set) => {
        const idx = all.flatMap((a, i) => (a.set === set ? [i] : []));
        return show(
          score(
            idx.map((i) => all[i]!.c),
            idx.map((i) => got[i]!),
          ),
        );
      });
      const levels = Object.entries(point).map(([level, value]) => `${level}=${value}`);
      console.log(`${name} ${levels.join(" ")}: ${parts.join(" | ")}`);
    });
  }
}
