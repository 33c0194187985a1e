import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A labelled mention (`../shared/intents.md`); the scorer's extra fields are ignored. */
export interface LabelledCase {
  readonly content: string;
  readonly language: string | null;
  readonly parent?: {
    readonly content: string;
    readonly language: string | null;
    readonly from_bot: boolean;
  };
  readonly intents: readonly string[];
  /** The language the answer should be in. */
  readonly answer_language?: string;
}

/** `../shared/eval` beside the checkout, or beside any parent folder (a git worktree lives deeper). */
export function findSharedEval(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, "shared/eval");
    if (existsSync(join(candidate, "score.mjs"))) return candidate;
    if (dirname(dir) === dir) return join(from, "../shared/eval");
  }
}

export function readLabelled(file: string): LabelledCase[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabelledCase);
}

/** Sets written to learn and tune on from the start (`eval/<name>.jsonl`). */
export const LEARN_SETS: readonly string[] = [
  "learn",
  "learn-b",
  "learn-c",
  "learn-d",
  "learn-e",
  // Session 14: 1,030 German and English mentions by seven writers, scored before it was learned.
  "learn-f",
  // Session 15: 879 German and English mentions by six writers, scored before it was learned.
  "learn-g",
  // Session 16: 885 German and English mentions by six writers, scored before it was learned.
  "learn-h",
  "eu-learn",
  "eu-learn-b",
  "eu-learn-c",
  "eu-learn-d",
  "eu-learn-e",
];

/**
 * Sealed sets that were scored with every design of their time (eval/SCORES.md keeps those first
 * figures) and are now open to tune and learn on. Every other sealed set stays sealed.
 */
export const OPENED_SETS: readonly string[] = [
  ...["a", "b", "c", "d", "e", "f"].flatMap((round) => [`sealed-${round}`, `eu-sealed-${round}`]),
  // Session 6's judgement round (eu only), scored once with each design before it was opened.
  "eu-sealed-g",
  "eu-sealed-h",
  // Sessions 7 and 8's judgement rounds, each scored once per design before it was opened.
  "sealed-g",
  "eu-sealed-i",
  "sealed-h",
  "eu-sealed-j",
  "eu-sealed-k",
  // Sessions 9 and 10's judgement rounds, opened once round eight was written (session 11).
  "sealed-i",
  "eu-sealed-l",
  "sealed-j",
  "eu-sealed-m",
  // Session 11's rounds eight and nine, each scored with three designs, opened in session 12.
  "sealed-k",
  "eu-sealed-n",
  "eu-sealed-o",
  "sealed-l",
  "eu-sealed-p",
  // Session 11's round ten, scored with four designs, opened once session 12's design B was.
  "sealed-m",
  "eu-sealed-q",
  // Session 12's rounds eleven and twelve, scored with every design of session 12, opened in
  // session 13 once round thirteen was being written.
  "sealed-n",
  "sealed-o",
  // Session 13's round thirteen, scored before any change and with design D, opened once round
  // fourteen had judged design D.
  "sealed-p",
  "eu-sealed-r",
  // Sessions 14 to 16's rounds fourteen to twenty-three, each scored with every design of its
  // time and with session 17's design Q, opened once round twenty-four was there to judge.
  ...["q", "r", "s", "t", "u", "v", "w", "x"].map((round) => `sealed-${round}`),
  ...["s", "t", "u"].map((round) => `eu-sealed-${round}`),
  // Sessions 17 to 19's rounds twenty-four to thirty, each scored with every design of its time,
  // opened in session 20 once round thirty-one was being written to judge.
  ...["y", "z", "aa", "ab", "ac", "ad", "ae"].map((round) => `sealed-${round}`),
  // Session 20's rounds thirty-one to thirty-three, each scored with every design of its time,
  // opened in session 21 once round thirty-four was being written to judge.
  ...["af", "ag", "ah"].map((round) => `sealed-${round}`),
  // Session 21's rounds thirty-four to thirty-six, each scored with every design of its time,
  // opened in session 22 once round thirty-seven was being written to judge.
  ...["ai", "aj", "ak"].map((round) => `sealed-${round}`),
  // Session 22's rounds thirty-seven and thirty-eight, each scored with every design of its time,
  // opened in session 23 once round forty was written to judge (round thirty-nine stays sealed).
  ...["al", "am"].map((round) => `sealed-${round}`),
  // Session 23's rounds thirty-nine and forty, each scored with every design of sessions 23 and
  // 24, opened in session 24 once round forty-two was written to judge (round forty-one stays sealed).
  ...["an", "ao"].map((round) => `sealed-${round}`),
];

/** Sealed sets are scored once per design and never learned from (eval/README.md). */
export function refuseSealed(file: string): void {
  const name = basename(file, ".jsonl");
  if (name.includes("sealed") && !OPENED_SETS.includes(name))
    throw new Error(`${file} is a sealed set: never train or tune on it`);
}
