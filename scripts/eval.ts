// Scores the matcher on labelled JSON Lines files (../shared/intents.md's format), by default the
// shared development set:
//
//   npm run eval                          # ../shared/eval/dev.jsonl
//   npm run eval -- eval/learn.jsonl      # any labelled file(s); --misses lists what went wrong
//
// For each file it runs the shared scorer (../shared/eval/score.mjs) over `cli classify`, then
// prints the two figures the matcher's goals are stated in, which the scorer does not give:
// `covered`, the share of posts whose every asked topic is answered, and `unasked_text`, how many
// posts that ask nothing would get a text reply (anything but a favourite for thanks).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

interface LabelledCase {
  readonly content: string;
  readonly language: string | null;
  readonly parent?: unknown;
  readonly intents: readonly string[];
}

const root = join(import.meta.dirname, "..");
const shared = findShared(root);
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
  console.log(extraFigures(readCases(file)));
}
process.exitCode = failed ? 1 : 0;

/** `../shared/eval` beside the checkout, or beside any parent folder (a git worktree lives deeper). */
function findShared(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, "shared/eval");
    if (existsSync(join(candidate, "score.mjs"))) return candidate;
    if (dirname(dir) === dir) return join(from, "../shared/eval");
  }
}

function readCases(file: string): LabelledCase[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabelledCase);
}

function extraFigures(cases: readonly LabelledCase[]): string {
  const input = cases
    .map(({ content, language, parent }) => JSON.stringify({ content, language, parent }))
    .join("\n");
  const [command, ...commandArgs] = classifyCommand;
  const run = spawnSync(command!, commandArgs, { input: `${input}\n`, encoding: "utf8", maxBuffer: 1 << 26 });
  const answers = run.stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { intents?: string[] }).intents ?? []);
  let covered = 0;
  let asksNothing = 0;
  let unaskedText = 0;
  cases.forEach((c, i) => {
    const got = new Set(answers[i] ?? []);
    if (c.intents.every((id) => got.has(id))) covered++;
    if (c.intents.length > 0) return;
    asksNothing++;
    if ([...got].some((id) => id !== "thanks")) unaskedText++;
  });
  const pct = (n: number, d: number) => (d === 0 ? "100.0" : ((100 * n) / d).toFixed(1));
  return `extra: covered=${pct(covered, cases.length)} unasked_text=${unaskedText}/${asksNothing} (${pct(unaskedText, asksNothing)}%)`;
}
