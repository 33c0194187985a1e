import { describe, expect, it } from "vitest";
import { trainMljsLogistic, trainMljsNaiveBayes } from "../../scripts/learn/library-trainers.js";
import { caseWords, DEFAULT_TRAIN_OPTIONS, serializeModel } from "../../scripts/learn/train-model.js";
import { parseIntentModel, predict } from "../../src/matcher/intent-model.js";

const cases = [
  { content: "<p>wo ist das formular für facebook?</p>", intents: ["form_facebook"] },
  { content: "<p>formular facebook bitte</p>", intents: ["form_facebook"] },
  { content: "<p>how do i tell facebook no, which form</p>", intents: ["form_facebook"] },
  { content: "<p>bis wann geht das noch?</p>", intents: ["deadline"] },
  { content: "<p>wann ist die frist?</p>", intents: ["deadline"] },
  { content: "<p>until when can i object, what deadline</p>", intents: ["deadline"] },
  { content: "<p>schönes wetter heute</p>", intents: [] },
  { content: "<p>the cat sleeps</p>", intents: [] },
];
const options = { ...DEFAULT_TRAIN_OPTIONS, minCount: 1 };

describe("library trainers for `npm run train -- --cv`", () => {
  const trainers = {
    "mljs naive Bayes": () => trainMljsNaiveBayes(cases, options),
    "mljs logistic regression": () => trainMljsLogistic(cases, options, 200, 0.5),
  };
  for (const [name, train] of Object.entries(trainers))
    it(`${name}: exported into our model file, read by our inference, same bytes every run`, () => {
      const text = serializeModel(train());
      expect(serializeModel(train())).toBe(text);
      const model = parseIntentModel(JSON.parse(text), name);
      const p = (content: string, label: string) =>
        predict(model, { words: caseWords(content), concepts: [] })[model.labels.indexOf(label as never)]!;
      expect(p("<p>formular facebook</p>", "form_facebook")).toBeGreaterThan(
        p("<p>formular facebook</p>", "deadline"),
      );
      expect(p("<p>wann frist</p>", "deadline")).toBeGreaterThan(p("<p>wann frist</p>", "form_facebook"));
    });
});
