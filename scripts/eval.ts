// Scores the matcher on labelled JSON Lines files (../shared/intents.md's format), by default the
// shared development set:
//
//   npm run eval                          # ../shared/eval/dev.jsonl
//   npm run eval -- eval/learn.jsonl      # any labelled file(s); --misses lists what went wrong
//
// For each file it runs the shared scorer (../shared/eval/score.mjs) over `cli classify`, then
// prints the figures the matcher's goals are stated in, in total and per answer language:
// `exact` (the intents exactly right), `covered` (every asked topic answered), `language` (the
// answer in the labelled language) and `unasked_text`, how many posts that ask nothing would get
// a text reply: a topic's answer or the topic menu (`classify --replies`), anything but a
// favourite for thanks.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { findSharedEval, type LabelledCase, readLabelled } from "./learn/labelled-files.js";

/** One line of `classify --replies`. */
interface Answer {
  readonly intents?: string[];
  readonly language?: string;
  /** Whether the bot would write at all: an answer, or the topic menu when it found nothing. */
  readonly text_reply?: boolean;
}

/** The figures of one group of cases: exact, covered, answer language, unasked text replies. */
class Tally {
  n = 0;
  exact = 0;
  covered = 0;
  language = 0;
  asksNothing = 0;
  unaskedText = 0;

  add(c: LabelledCase, got: Answer): void {
    const found = new Set(got.intents ?? []);
    this.n++;
    if (c.intents.length === found.size && c.intents.every((id) => found.has(id))) this.exact++;
    if (c.intents.every((id) => found.has(id))) this.covered++;
    if (got.language === c.answer_language) this.language++;
    if (c.intents.length > 0) return;
    this.asksNothing++;
    if (got.text_reply ?? [...found].some((id) => id !== "thanks")) this.unaskedText++;
  }

  line(): string {
    const pct = (n: number, d: number) => (d === 0 ? "100.0" : ((100 * n) / d).toFixed(1));
    return `n=${this.n} exact=${pct(this.exact, this.n)} covered=${pct(this.covered, this.n)} language=${pct(this.language, this.n)} unasked_text=${this.unaskedText}/${this.asksNothing}`;
  }
}

const root = join(import.meta.dirname, "..");
const shared = findSharedEval(root);
const classifyCommand = [process.execPath, "--import", "tsx", join(root, "src/cli/main.ts"), "classify"];

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith("--"));
const files = args.filter((a) => !a.startsWith("--"));
if (files.length === 0) files.push(join(shared, "dev.jsonl"));

let failed = false;
for (const file of files) {
  console.log(`== ${file}`);
  const scored = spawnSync(
    process.execPath,
    [join(shared, "score.mjs"), file, ...flags, "--", ...classifyCommand],
    { stdio: "inherit" },
  );
  if (scored.status !== 0) {
    failed = true;
    continue;
  }
  console.log(extraFigures(readLabelled(file)));
}
process.exitCode = failed ? 1 : 0;

function extraFigures(cases: readonly LabelledCase[]): string {
  const input = cases
    .map(({ content, language, parent }) => JSON.stringify({ content, language, parent }))
    .join("\n");
  const [command, ...commandArgs] = classifyCommand;
  const run = spawnSync(command!, [...commandArgs, "--replies"], {
    input: `${input}\n`,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const answers = run.stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Answer);
  const all = new Tally();
  const byLanguage = new Map<string, Tally>();
  cases.forEach((c, i) => {
    const language = c.answer_language ?? "?";
    const tally = byLanguage.get(language) ?? new Tally();
    byLanguage.set(language, tally);
    for (const t of [all, tally]) t.add(c, answers[i] ?? {});
  });
  const lines = [...byLanguage]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([language, t]) => `  ${language.padEnd(3)} ${t.line()}`);
  return [`extra: ${all.line()}`, "extra by answer language:", ...lines].join("\n");
}
