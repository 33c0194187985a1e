import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_TRAIN_OPTIONS, serializeModel, trainModel } from "../../scripts/learn/train-model.js";
import { loadStartupConfig } from "../../src/config/load-startup-config.js";
import { ConfigError } from "../../src/domain/errors.js";
import type { Intent } from "../../src/domain/intent.js";
import { loadIntentModel } from "../../src/knowledge/load-intent-model.js";
import { classify } from "../../src/matcher/classify.js";
import {
  type IntentModel,
  type IntentModelFile,
  MODEL_LABELS,
  type ModelInput,
  type ModelLabel,
  modelFeatures,
  parseIntentModel,
  predict,
  secondOpinion,
} from "../../src/matcher/intent-model.js";
import { learnedMatcher, realMatcher } from "../support/knowledge.js";

const cases = [
  { content: "<p>@optout wo ist das formular für facebook?</p>", intents: ["form_facebook"] },
  { content: "<p>@optout bis wann geht das?</p>", intents: ["deadline"] },
  { content: "<p>schönes wetter heute</p>", intents: [] },
  { content: "<p>@optout how do i tell facebook no</p>", intents: ["form_facebook"] },
];
const options = { ...DEFAULT_TRAIN_OPTIONS, epochs: 5, minCount: 1 };
/** A post as the model reads it, with no concepts of the rules. */
const words = (...w: string[]): ModelInput => ({ words: w, concepts: [] });
/** Per-label weights, the labels not named at 0. */
const row = (weights: Partial<Record<ModelLabel, number>>) => MODEL_LABELS.map((l) => weights[l] ?? 0);
/**
 * A model written by hand: words only (no n-grams, no concepts), every topic unlikely unless a word
 * speaks for it, with the given checks and word weights.
 */
const handModel = (
  levels: Partial<Omit<IntentModelFile, "weights">>,
  weights: Record<string, readonly number[]>,
): IntentModel =>
  parseIntentModel(
    {
      ...trainModel(cases, options),
      ...levels,
      features: { bigrams: false, chars: null, concepts: false },
      bias: MODEL_LABELS.map((l) => (l === "none" ? 0 : -10)),
      weights,
    },
    "m",
  );

/** The model's formula written plainly: the sum of each feature's weights, each time it occurs, normalised. */
function plainPredict(model: IntentModel, input: ModelInput): number[] {
  const features = modelFeatures(input, model.features);
  const width = model.labels.length;
  const scores = [...model.bias];
  for (const f of features) {
    const row = model.rows.get(f);
    if (row === undefined) continue;
    for (let k = 0; k < width; k++)
      scores[k]! += model.weights[row * width + k]! / Math.sqrt(features.length);
  }
  return scores.map((s) => 1 / (1 + Math.exp(-s)));
}

describe("learned second opinion", () => {
  it("predicts by the plain formula, a repeated word and concept once, a shared n-gram per word, also after 50,000 other words", () => {
    const model = parseIntentModel(trainModel(cases, options), "test");
    const posts = [
      words("wo", "ist", "das", "formular", "fuer", "facebook"),
      words("facebook", "facebook", "facebook"),
      {
        words: ["bis", "wann", "wann", "geht", "das"],
        concepts: ["when", "question", "when", "nie_gelernt"],
      },
      words(),
      words("unbekanntewoerter", "nirgends", "gelernt"),
    ];
    const expectSame = () => {
      for (const post of posts) {
        const got = [...predict(model, post)];
        const want = plainPredict(model, post);
        for (let k = 0; k < want.length; k++) expect(got[k]).toBeCloseTo(want[k]!, 12);
      }
    };
    expectSame();
    // A word (or pair of words) said again adds nothing: "lol" fifteen times does not drown the
    // question. With pairs on, "facebook facebook" is one pair, once.
    expect([...predict(model, words("facebook", "facebook", "facebook"))]).toEqual([
      ...predict(model, words("facebook")),
    ]);
    const paired = parseIntentModel(
      trainModel(cases, { ...options, features: { ...options.features, bigrams: true } }),
      "pairs",
    );
    expect([...predict(paired, words("facebook", "facebook", "facebook"))]).toEqual([
      ...predict(paired, words("facebook", "facebook")),
    ]);
    expect([...predict(paired, words("facebook", "formular", "facebook", "formular"))]).toEqual([
      ...predict(paired, words("facebook", "formular", "facebook")),
    ]);
    // Enough distinct words to make inference forget the words' sums it kept.
    for (let i = 0; i < 50_001; i += 100)
      predict(model, words(...Array.from({ length: 100 }, (_, j) => `w${i + j}x`)));
    expectSame();
  });

  it("trains deterministically: two runs give identical bytes, whatever the input order", () => {
    const a = serializeModel(trainModel(cases, options));
    const b = serializeModel(trainModel([...cases].reverse(), options));
    expect(b).toBe(a);
  });

  it("refuses a broken or outdated model file, naming it and what to do", () => {
    const dir = mkdtempSync(join(tmpdir(), "model-"));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{not json");
    expect(() => loadIntentModel(broken)).toThrow(/broken\.json: not valid JSON.*npm run train/);
    const old = join(dir, "old.json");
    writeFileSync(old, JSON.stringify({ ...trainModel(cases, options), version: 5 }));
    expect(() => loadIntentModel(old)).toThrow(ConfigError);
    expect(() => loadIntentModel(old)).toThrow(/old\.json: version: 5 is not 8/);
    const menu = join(dir, "menu.json");
    writeFileSync(menu, JSON.stringify({ ...trainModel(cases, options), menuVetoAbove: 2 }));
    expect(() => loadIntentModel(menu)).toThrow(/menu\.json: menuVetoAbove: expected a number in \(0, 1\]/);
    expect(() =>
      loadStartupConfig({ MODEL_FILE: old, CONFIG_DIR: join(import.meta.dirname, "../../config") }),
    ).toThrow(/old\.json/);
  });

  it("does not veto a rules' topic it finds likelier than the post asking nothing", () => {
    // Four words, so each weight counts half: "none" at sigmoid(3), near 0.95, in both posts; the
    // deadline at sigmoid(20) in the first, at sigmoid(0), 0.5, in the second.
    const model = handModel(
      { vetoAbove: 0.6, alongsideAbove: 1 },
      {
        "w:missed": row({ deadline: 60, none: 6 }),
        "w:bus": row({ deadline: 20, none: 6 }),
      },
    );
    expect(secondOpinion(model, words("did", "i", "missed", "it"), ["deadline"])).toEqual({
      intents: ["deadline"],
      asksNothing: false,
    });
    expect(secondOpinion(model, words("the", "bus", "is", "late"), ["deadline"])).toEqual({
      intents: [],
      asksNothing: true,
    });
  });

  it("checks the rules' topics: drops them all from chatter, and an unlikely one beside a likely one", () => {
    const model = (checks: { vetoAbove: number; menuVetoAbove: number; keepAbove: number }) =>
      handModel(
        { alongsideAbove: 1, ...checks },
        {
          "w:wetter": row({ none: 10 }),
          "w:frist": row({ deadline: 20, form_facebook: -10, none: -10 }),
          "w:facebook": row({ form_facebook: 20, none: -10 }),
          "w:kannst": row({ help: 20, none: -10 }),
        },
      );
    const checking = model({ vetoAbove: 0.75, menuVetoAbove: 0.75, keepAbove: 0.03 });
    const verdict = (w: string[], rules: Intent[]) => secondOpinion(checking, words(...w), rules);
    const chatter = ["heute", "schoenes", "wetter", "hier"];
    expect(verdict(chatter, ["deadline"])).toEqual({ intents: [], asksNothing: true });
    expect(verdict(chatter, ["deadline", "thanks"])).toEqual({ intents: ["thanks"], asksNothing: true });
    // A post of three words or fewer keeps the rules' topic: too little text to overrule them.
    expect(verdict(["wetter"], ["deadline"])).toEqual({ intents: ["deadline"], asksNothing: false });
    expect(verdict(["schoenes", "wetter", "hier"], ["deadline"]).asksNothing).toBe(false);
    expect(verdict(["frist"], ["form_facebook", "deadline"]).intents).toEqual(["deadline"]);
    // Every topic the rules found is one the model finds unlikely, and it is sure of another (or
    // of the menu): its reading replaces theirs. Sure of nothing else, the rules' topic stays; one
    // of their topics it finds likely keeps them all from being replaced.
    expect(verdict(["frist"], ["form_facebook"])).toEqual({ intents: ["deadline"], asksNothing: false });
    expect(verdict(["kannst"], ["alternatives", "thanks"])).toEqual({
      intents: ["help", "thanks"],
      asksNothing: false,
    });
    expect(verdict(["schoenes", "neues", "jahr", "euch"], ["form_facebook"]).intents).toEqual([
      "form_facebook",
    ]);
    expect(verdict(["frist", "facebook"], ["form_facebook"]).intents).toEqual(["form_facebook"]);
    // Nothing found (the menu would go out): chatter gets no menu; a greeting or "hilfe" keeps it.
    expect(verdict(["wetter"], [])).toEqual({ intents: [], asksNothing: true });
    expect(verdict(["wetter"], ["thanks"])).toEqual({ intents: ["thanks"], asksNothing: true });
    expect(verdict(["wetter"], ["help"])).toEqual({ intents: ["help"], asksNothing: false });
    // Words the model knows nothing of: "none" at 0.5. A rule's topic stays below vetoAbove; the
    // menu goes only below menuVetoAbove.
    const unknown = ["schoenes", "neues", "jahr", "euch"];
    expect(verdict(unknown, ["deadline"]).intents).toEqual(["deadline"]);
    expect(verdict(unknown, []).asksNothing).toBe(false);
    const menuChecking = model({ vetoAbove: 0.75, menuVetoAbove: 0.3, keepAbove: 0.03 });
    expect(secondOpinion(menuChecking, words(...unknown), ["deadline"]).intents).toEqual(["deadline"]);
    expect(secondOpinion(menuChecking, words(...unknown), [])).toEqual({ intents: [], asksNothing: true });
    // The rules' menu (a question about the bot) is not replaced by a topic the model is sure of.
    expect(verdict(["frist"], ["help"])).toEqual({ intents: ["help"], asksNothing: false });
    expect(verdict(["frist"], []).intents).toEqual(["deadline"]);
    expect(verdict(["frist"], []).asksNothing).toBe(false);
    // The fallbacks' guess (both forms) gives way to a topic the model is sure of, and stays
    // where the model is sure of none; the rules' own topics give way only where the model finds
    // every one of them unlikely.
    expect(
      secondOpinion(checking, words("frist"), ["form_facebook", "form_instagram", "thanks"], {
        guessed: true,
      }),
    ).toEqual({
      intents: ["deadline", "thanks"],
      asksNothing: false,
    });
    expect(
      secondOpinion(checking, words("was"), ["form_facebook", "form_instagram"], { guessed: true }).intents,
    ).toEqual(["form_facebook", "form_instagram"]);
    expect(secondOpinion(checking, words("frist"), ["form_facebook", "form_instagram"]).intents).toEqual([
      "deadline",
    ]);
    // The rules' two forms stay or go together: kept for the one the model finds likely, both
    // stay; dropped beside another topic only where the model finds both unlikely.
    expect(
      secondOpinion(checking, words("frist", "facebook"), ["form_facebook", "form_instagram"]).intents,
    ).toEqual(["form_facebook", "form_instagram"]);
    expect(
      secondOpinion(checking, words("frist", "facebook"), ["form_instagram", "deadline"]).intents,
    ).toEqual(["deadline"]);
    expect(
      secondOpinion(checking, words("frist"), ["form_facebook", "form_instagram", "deadline"]).intents,
    ).toEqual(["deadline"]);
    const trusting = model({ vetoAbove: 1, menuVetoAbove: 1, keepAbove: 0 });
    expect(secondOpinion(trusting, words("wetter"), ["deadline"]).intents).toEqual(["deadline"]);
    expect(secondOpinion(trusting, words("wetter"), []).asksNothing).toBe(false);
    expect(secondOpinion(trusting, words("frist"), ["form_facebook", "deadline"]).intents).toEqual([
      "form_facebook",
      "deadline",
    ]);
  });

  it("adds a topic the model is sure of beside the rules' topics, and a form only at its own level", () => {
    const model = (alongsideAbove: number, formsAlongsideAbove = 1) =>
      handModel(
        { vetoAbove: 0.75, menuVetoAbove: 0.75, keepAbove: 0.03, alongsideAbove, formsAlongsideAbove },
        {
          "w:wetter": row({ none: 10 }),
          "w:warum": row({ purpose: 40, none: -10 }),
          "w:insta": row({ form_instagram: 40, none: -10 }),
          // Sure of Instagram, and Facebook not unlikely.
          "w:ig": row({ form_instagram: 40, form_facebook: 8, none: -10 }),
          // Sure of Instagram, and Facebook below the level a second topic is kept at.
          "w:igonly": row({ form_instagram: 40, form_facebook: -20, none: -10 }),
          "w:frist": row({ deadline: 40, none: -10 }),
          // Sure of the Instagram form, and yet surer the post asks nothing.
          "w:instanone": row({ form_instagram: 30, none: 40 }),
          // Sure of the Instagram form in a question of four words, not in a post of eight.
          "w:linkig": row({ form_instagram: 28 }),
        },
      );
    const adding = model(0.7);
    const post = words("frist", "und", "warum", "insta");
    // The rules found the date; the model is sure of Meta's purpose too, and of the Instagram
    // form, which it adds only where forms have a level of their own (1: never).
    expect(secondOpinion(adding, post, ["deadline"])).toEqual({
      intents: ["deadline", "purpose"],
      asksNothing: false,
    });
    const withForms = model(0.7, 0.95);
    expect(secondOpinion(withForms, post, ["deadline"]).intents).toEqual([
      "form_instagram",
      "deadline",
      "purpose",
    ]);
    // Facebook, which "ig" leaves unlikely, is not added with it; a form below its level neither.
    expect(secondOpinion(withForms, words("frist", "ig"), ["deadline"]).intents).toEqual([
      "form_instagram",
      "deadline",
    ]);
    expect(secondOpinion(model(0.7, 0.99999), post, ["deadline"]).intents).toEqual(["deadline", "purpose"]);
    // Each level on its own: forms without the other topics.
    expect(secondOpinion(model(1, 0.95), post, ["deadline"]).intents).toEqual(["form_instagram", "deadline"]);
    // A form the model is sure of, but less so than of the post asking nothing, is not added.
    expect(secondOpinion(withForms, words("frist", "instanone"), ["deadline"]).intents).toEqual(["deadline"]);
    // Forms are read over the whole post, never question by question.
    const link = words("wo", "ist", "der", "linkig");
    const why = words("warum", "eigentlich", "das", "ganze");
    const twoQuestions = { words: [...link.words, ...why.words], concepts: [], questions: [link, why] };
    expect(secondOpinion(withForms, twoQuestions, ["purpose"]).intents).toEqual(["purpose"]);
    // Read whole, a short post of the same words is sure of the form.
    expect(secondOpinion(withForms, words("linkig", "warum"), ["purpose"]).intents).toEqual([
      "form_instagram",
      "purpose",
    ]);
    expect(secondOpinion(adding, post, ["deadline", "thanks"]).intents).toEqual([
      "deadline",
      "purpose",
      "thanks",
    ]);
    // A guess at the forms: the fallbacks' gives way to the one form the model is sure of; a
    // thread's ("so what DOES work then?" under the status post's answer) keeps its forms, and
    // gives way only to a topic of another kind.
    const forms: Intent[] = ["form_facebook", "form_instagram"];
    expect(secondOpinion(adding, words("ig"), forms, { guessed: true }).intents).toEqual(["form_instagram"]);
    expect(secondOpinion(adding, words("ig"), forms, { guessed: "thread" }).intents).toEqual(forms);
    expect(secondOpinion(adding, words("igonly"), forms, { guessed: true }).intents).toEqual([
      "form_instagram",
    ]);
    // The rules' own pair (no platform named, or one without a form) is not split by the model.
    expect(secondOpinion(adding, words("igonly"), forms, { guessed: false }).intents).toEqual(forms);
    expect(secondOpinion(adding, words("igonly"), forms, { guessed: "thread" }).intents).toEqual(forms);
    expect(secondOpinion(adding, words("warum"), forms, { guessed: "thread" }).intents).toEqual(["purpose"]);
    expect(secondOpinion(withForms, words("warum"), forms, { guessed: "thread" }).intents).toEqual([
      "purpose",
    ]);
    // Off (1), nothing is added; a post the model finds asks nothing still gets nothing.
    expect(secondOpinion(model(1), post, ["deadline"]).intents).toEqual(["deadline"]);
    expect(secondOpinion(adding, words("heute", "schoenes", "wetter", "hier"), ["deadline"])).toEqual({
      intents: [],
      asksNothing: true,
    });
    const broken = join(mkdtempSync(join(tmpdir(), "model-")), "alongside.json");
    writeFileSync(broken, JSON.stringify({ ...trainModel(cases, options), alongsideAbove: 0 }));
    expect(() => loadIntentModel(broken)).toThrow(
      /alongside\.json: alongsideAbove: expected a number in \(0, 1\]/,
    );
    writeFileSync(broken, JSON.stringify({ ...trainModel(cases, options), formsAlongsideAbove: undefined }));
    expect(() => loadIntentModel(broken)).toThrow(/formsAlongsideAbove: expected a number in \(0, 1\]/);
  });

  it("reads a post that asks two questions question by question too, to add or keep a topic", () => {
    const levels = (keepAbove: number) =>
      handModel(
        // Forms beside the rules' topics off: this is about reading questions one by one.
        { vetoAbove: 0.75, menuVetoAbove: 0.75, keepAbove, alongsideAbove: 0.7, formsAlongsideAbove: 1 },
        {
          "w:insta": row({ form_instagram: 40, none: -10 }),
          // Sure of Meta's purpose in a question of four words, not in a post of eight.
          "w:warum": row({ purpose: 25 }),
          // The same for the Instagram form; and the date, sure either way.
          "w:link": row({ form_instagram: 25 }),
          "w:frist": row({ deadline: 40, none: -10 }),
        },
      );
    const model = levels(0.3);
    const where = words("wo", "ist", "insta", "link");
    const why = words("warum", "eigentlich", "das", "ganze");
    /** A post of two questions' words, read with the given questions. */
    const asking =
      (first: ModelInput, second: ModelInput) =>
      (questions: ModelInput[]): ModelInput => ({
        words: [...first.words, ...second.words],
        concepts: [],
        questions,
      });
    const post = asking(where, why);
    expect(secondOpinion(model, post([]), ["form_instagram"]).intents).toEqual(["form_instagram"]);
    expect(secondOpinion(model, post([where, why]), ["form_instagram"]).intents).toEqual([
      "form_instagram",
      "purpose",
    ]);
    // One question alone is the post itself: nothing more to read.
    expect(secondOpinion(model, post([why]), ["form_instagram"]).intents).toEqual(["form_instagram"]);
    // A topic of the rules the whole post leaves below keepAbove stays where one question is sure of it.
    expect(secondOpinion(model, post([]), ["form_instagram", "purpose"]).intents).toEqual(["form_instagram"]);
    expect(secondOpinion(model, post([where, why]), ["form_instagram", "purpose"]).intents).toEqual([
      "form_instagram",
      "purpose",
    ]);
    // The rules' two forms stay together where one question keeps one of them.
    const link = words("wo", "ist", "der", "link");
    const date = words("und", "bis", "wann", "frist");
    const both = asking(link, date);
    const rules: Intent[] = ["form_facebook", "form_instagram", "deadline"];
    expect(secondOpinion(model, both([]), rules).intents).toEqual(["deadline"]);
    expect(secondOpinion(model, both([link, date]), rules).intents).toEqual(rules);
    // Never a form: the rules found the purpose, and the question for the link adds nothing.
    expect(secondOpinion(levels(0.1), post([where, why]), ["purpose"]).intents).toEqual(["purpose"]);
  });

  it("reads a sentence that asks with no question mark alone too, to keep a topic but not to add one", () => {
    const model = handModel(
      { vetoAbove: 0.75, menuVetoAbove: 0.75, keepAbove: 0.3, alongsideAbove: 0.7, formsAlongsideAbove: 1 },
      {
        "w:insta": row({ form_instagram: 40, none: -10 }),
        // Sure of Meta's purpose in a sentence of four words, not in a post of eight.
        "w:warum": row({ purpose: 25 }),
      },
    );
    const where = words("wo", "ist", "insta", "link");
    const why = words("warum", "eigentlich", "das", "ganze");
    const post = (questions: ModelInput[]): ModelInput => ({
      words: [...where.words, ...why.words],
      concepts: [],
      questions,
    });
    const request = { ...why, request: true as const };
    // Read whole, the rules' purpose falls below keepAbove; the request alone keeps it.
    expect(secondOpinion(model, post([]), ["form_instagram", "purpose"]).intents).toEqual(["form_instagram"]);
    expect(secondOpinion(model, post([where, request]), ["form_instagram", "purpose"]).intents).toEqual([
      "form_instagram",
      "purpose",
    ]);
    // The same request adds no topic the rules did not find; a question would.
    expect(secondOpinion(model, post([where, request]), ["form_instagram"]).intents).toEqual([
      "form_instagram",
    ]);
    expect(secondOpinion(model, post([where, why]), ["form_instagram"]).intents).toEqual([
      "form_instagram",
      "purpose",
    ]);
  });

  it("answers a post with no sign of a question only where it finds the post unlikely to ask nothing", () => {
    const model = handModel(
      { asksNothingBelow: 0.1, vetoAbove: 0.7, alongsideAbove: 0.7 },
      {
        // "none" at 0.05 and 0.2: either side of asksNothingBelow, well short of vetoAbove. The
        // form at nearly 1 with "fix", at 0.5 (under alongsideAbove, 0.7) with "gemacht".
        "w:wo": row({ form_instagram: 20, none: -3 }),
        "w:fix": row({ form_instagram: 20, none: -1.4 }),
        "w:gemacht": row({ form_instagram: 10, none: -1.4 }),
      },
    );
    const unmarked = (text: string, rules: Intent[], replies = false) =>
      secondOpinion(model, words(text), rules, { unmarked: true, replies });
    expect(unmarked("wo", ["form_instagram"])).toEqual({ intents: ["form_instagram"], asksNothing: false });
    // In doubt, only a topic the model is sure of, and surer of than of nothing asked, is answered,
    // and not in a thread reply, whose topic is often the parent's, told to someone else.
    expect(unmarked("fix", ["form_instagram"])).toEqual({ intents: ["form_instagram"], asksNothing: false });
    expect(unmarked("gemacht", ["form_instagram"])).toEqual({ intents: [], asksNothing: true });
    expect(unmarked("fix", ["form_instagram"], true)).toEqual({ intents: [], asksNothing: true });
    // The same doubt answers a post that shows a question: only the unmarked one is held back.
    expect(secondOpinion(model, words("gemacht"), ["form_instagram"]).intents).toEqual(["form_instagram"]);
    // No topic of the rules' own ("@optout FB"): answered only where the model finds the post
    // unlikely to ask nothing and is sure of a topic; else a favourite for the thanks at most.
    expect(unmarked("wo", ["thanks"])).toEqual({ intents: ["form_instagram", "thanks"], asksNothing: false });
    expect(unmarked("wo", [])).toEqual({ intents: ["form_instagram"], asksNothing: false });
    expect(unmarked("fix", ["thanks"])).toEqual({ intents: ["thanks"], asksNothing: true });
    expect(unmarked("gemacht", [])).toEqual({ intents: [], asksNothing: true });
  });

  it("where the rules found nothing, adds only a topic it is sure of while it doubts the post asks", () => {
    const model = (alongsideAbove: number) =>
      handModel(
        {
          threshold: 0.25,
          asksNothingBelow: 0.1,
          vetoAbove: 0.5,
          menuVetoAbove: 0.3,
          keepAbove: 0.1,
          alongsideAbove,
        },
        {
          // "none" at 0.2: past asksNothingBelow, short of menuVetoAbove.
          "w:fotos": row({ affected_data: 40, none: -1.4 }),
          // The purpose at 0.62: above the threshold, short of alongsideAbove.
          "w:wozu": row({ purpose: 10.5, none: -1.4 }),
          // "none" at 0.95, and the date as likely: less likely than "none" at alongsideAbove 0.9.
          "w:zug": row({ deadline: 12.9, none: 3 }),
          // Unsure whether it asks ("none" 0.05): any topic above the threshold is added.
          "w:wann": row({ deadline: 10.5, none: -3 }),
        },
      );
    const adding = model(0.7);
    expect(secondOpinion(adding, words("fotos"), [])).toEqual({
      intents: ["affected_data"],
      asksNothing: false,
    });
    expect(secondOpinion(adding, words("fotos"), ["thanks"]).intents).toEqual(["affected_data", "thanks"]);
    expect(secondOpinion(adding, words("wozu"), [])).toEqual({ intents: [], asksNothing: false });
    expect(secondOpinion(adding, words("wann"), []).intents).toEqual(["deadline"]);
    // Vetoed outright above menuVetoAbove, and never a topic less likely than "none".
    expect(secondOpinion(adding, words("zug"), [])).toEqual({ intents: [], asksNothing: true });
    expect(secondOpinion({ ...model(0.9), menuVetoAbove: 1 }, words("zug"), [])).toEqual({
      intents: [],
      asksNothing: false,
    });
    // Off (1): only the threshold below asksNothingBelow adds.
    expect(secondOpinion(model(1), words("fotos"), []).intents).toEqual([]);
    expect(secondOpinion(model(1), words("wann"), []).intents).toEqual(["deadline"]);
  });

  it("vetoes the rules' menu where it finds the menu unlikely and the post likely to ask nothing", () => {
    const model = handModel(
      {
        threshold: 0.25,
        asksNothingBelow: 0.1,
        vetoAbove: 0.4,
        menuVetoAbove: 0.3,
        keepAbove: 0.1,
        alongsideAbove: 0.7,
      },
      {
        // "send help" about a thesis: "none" at 0.95, the menu far below keepAbove.
        "w:thesis": row({ help: 7, none: 3 }),
        // "hilfe, was kannst du": the menu likely (five words: each weight counts 1/√5).
        "w:kannst": row({ help: 30, none: -3 }),
        // Unsure of the menu (0.12, above keepAbove) though sure the post asks nothing.
        "w:vielleicht": row({ help: 18, none: 3 }),
      },
    );
    const post = (...w: string[]) => words(...w, "und", "noch", "mehr", "worte");
    expect(secondOpinion(model, post("thesis"), ["help"])).toEqual({ intents: [], asksNothing: true });
    // A thank-you stays the rules' own: favourited, not answered.
    expect(secondOpinion(model, post("thesis"), ["help", "thanks"])).toEqual({
      intents: ["thanks"],
      asksNothing: true,
    });
    expect(secondOpinion(model, post("kannst"), ["help"])).toEqual({ intents: ["help"], asksNothing: false });
    expect(secondOpinion(model, post("vielleicht"), ["help"])).toEqual({
      intents: ["help"],
      asksNothing: false,
    });
    // Three words or fewer are too little text to overrule the rules' menu.
    expect(secondOpinion(model, words("thesis", "help"), ["help"])).toEqual({
      intents: ["help"],
      asksNothing: false,
    });
  });

  it("where the rules found nothing, sends the menu it is as sure of as it must be to add a topic", () => {
    const model = (alongsideAbove: number) =>
      handModel(
        {
          threshold: 0.25,
          asksNothingBelow: 0.1,
          vetoAbove: 0.4,
          menuVetoAbove: 0.3,
          keepAbove: 0.1,
          alongsideAbove,
        },
        {
          // "what can this bot actually do": the menu at 0.88, "none" at 0.05.
          "w:actually": row({ help: 12, none: -3 }),
          // The menu at 0.5 only: short of alongsideAbove.
          "w:maybe": row({ help: 10, none: -3 }),
          // The menu at 0.88, but the post as likely to ask nothing as menuVetoAbove allows not.
          "w:nice": row({ help: 12, none: 2 }),
        },
      );
    const menu = { intents: ["help"], asksNothing: false };
    expect(secondOpinion(model(0.7), words("actually"), [])).toEqual(menu);
    expect(secondOpinion(model(0.7), words("actually"), ["thanks"]).intents).toEqual(["help", "thanks"]);
    // With no sign of a question, only where the post is unlikely to ask nothing.
    expect(secondOpinion(model(0.7), words("actually"), [], { unmarked: true })).toEqual(menu);
    expect(secondOpinion(model(0.7), words("maybe"), [])).toEqual({ intents: [], asksNothing: false });
    expect(secondOpinion(model(0.7), words("nice"), [])).toEqual({ intents: [], asksNothing: true });
    // Off (1): the model adds no menu, as it adds no topic past the threshold.
    expect(secondOpinion(model(1), words("actually"), [])).toEqual({ intents: [], asksNothing: false });
  });

  it("sends no menu to chatter that calls for help with something else", () => {
    const matcher = learnedMatcher();
    const input = {
      content: "<p>@optout my thesis deadline is tomorrow and I have written nothing, send help</p>",
      language: "en",
    };
    expect(classify({ ...matcher, model: undefined }, input).intents).toEqual(["help"]);
    expect(classify(matcher, input)).toMatchObject({ asked: false, intents: [] });
    expect(
      classify(matcher, { content: "<p>@optout hilfe, was kannst du eigentlich?</p>", language: "de" })
        .intents,
    ).toEqual(["help"]);
  });

  it("leaves chatter that the keywords took for a topic unanswered, not even with the menu", () => {
    const matcher = learnedMatcher();
    const input = {
      content: "<p>@optout my boss wants the report by Monday. deadline is deadline, he says 🙄</p>",
      language: "en",
    };
    expect(classify({ ...matcher, model: undefined }, input)).toMatchObject({
      asked: true,
      intents: ["deadline"],
    });
    expect(classify(matcher, input)).toMatchObject({ asked: false, intents: [] });
  });

  it("never answers a post that asks nothing", () => {
    const matcher = learnedMatcher();
    const aside = classify(matcher, {
      content: "<p>@jana @optout how do i tell facebook no to the robot thing, jana?</p>",
      language: "en",
    });
    expect(aside.intents).toEqual(
      classify(
        { ...matcher, model: undefined },
        {
          content: "<p>@jana @optout how do i tell facebook no to the robot thing, jana?</p>",
          language: "en",
        },
      ).intents,
    );
  });

  it("adds a topic the rules missed even where no topic word stands, before the menu's topic check", () => {
    const matcher = learnedMatcher();
    const file = trainModel(cases, options);
    const row = (weights: Partial<Record<ModelLabel, number>>) => MODEL_LABELS.map((l) => weights[l] ?? -10);
    const model = parseIntentModel(
      {
        ...file,
        features: { bigrams: false, chars: null, concepts: false },
        bias: row({}),
        weights: { "w:kuchenfrist": row({ deadline: 60 }) },
      },
      "m",
    );
    const input = { content: "<p>@optout wie lang geht die kuchenfrist noch?</p>", language: "de" };
    // Without the model: nothing found and no topic named, so not even the menu.
    expect(classify({ ...matcher, model: undefined }, input)).toMatchObject({ asked: false, intents: [] });
    expect(classify({ ...matcher, model }, input)).toMatchObject({ asked: true, intents: ["deadline"] });
  });

  it("adds recall on wording the rules do not list", () => {
    const config = join(import.meta.dirname, "../../config");
    const input = {
      content: "<p>@optout how do i make facebook keep its hands off my stuff</p>",
      language: "en",
    };
    const on = loadStartupConfig({ CONFIG_DIR: config }).matcher;
    const off = loadStartupConfig({ CONFIG_DIR: config, LEARNED_MODEL: "false" }).matcher;
    expect(classify(off, input).intents).toEqual([]);
    expect(classify(on, input).intents).toEqual(["form_facebook"]);
  });

  it("replaces a topic word caught in passing with the question the model is sure of", () => {
    const on = learnedMatcher();
    const off = realMatcher();
    const ask = (text: string) => ({ content: `<p>@optout ${text}</p>`, language: null });
    // "Fedi" and "info" are topic words to the rules; the questions are about the bot.
    for (const [text, rules] of [
      ["Was kannst du eigentlich alles? Bin neu hier im Fedi", "alternatives"],
      ["Hi, what info do you have? What can you help with?", "affected_data"],
    ] as const) {
      expect(classify(off, ask(text)).intents).toEqual([rules]);
      expect(classify(on, ask(text)).intents).toEqual(["help"]);
    }
  });

  it("learns from the rules' concepts what holds in every language", () => {
    // German posts teach that objecting "if I object, do they go on collecting?" asks what the
    // objection does, not for the form; a French post with the same concepts shares no word.
    const taught = [
      ["wie widerspreche ich bei facebook", ["form_facebook"], ["object", "how", "facebook"]],
      ["wo kann ich bei facebook widersprechen", ["form_facebook"], ["object", "where", "facebook"]],
      [
        "wenn ich widerspreche sammelt facebook weiter",
        ["objection_scope"],
        ["after_object", "object", "facebook", "collect"],
      ],
      [
        "hört facebook nach dem widerspruch auf zu sammeln",
        ["objection_scope"],
        ["after_object", "object", "facebook", "collect"],
      ],
    ].map(([text, intents, concepts]) => ({
      content: `<p>${text}</p>`,
      intents: intents as string[],
      concepts: concepts as string[],
    }));
    const french = {
      words: ["si", "je", "m", "oppose", "fb", "arrete", "de", "collecter"],
      concepts: ["after_object", "object", "facebook", "collect"],
    };
    const margin = (concepts: boolean) => {
      // Words only, so that no character n-gram is shared by chance.
      const features = { bigrams: false, chars: null, concepts };
      const model = parseIntentModel(trainModel(taught, { ...options, epochs: 40, features }), "m");
      const p = predict(model, french);
      return p[MODEL_LABELS.indexOf("objection_scope")]! - p[MODEL_LABELS.indexOf("form_facebook")]!;
    };
    // Without the concepts only the biases speak; with them, what the German posts taught.
    expect(margin(true)).toBeGreaterThan(margin(false) + 0.2);
  });
});
