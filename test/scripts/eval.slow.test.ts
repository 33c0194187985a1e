import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const mention = (text: string) =>
  `<p><span class="h-card"><a href="https://x.example/@optout" class="u-url mention">@<span>optout</span></a></span> ${text}</p>`;

describe("npm run eval -- FILE", () => {
  const dir = mkdtempSync(join(tmpdir(), "optout-eval-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("scores any labelled file and adds coverage and text replies to posts that ask nothing", async () => {
    const file = join(dir, "cases.jsonl");
    const cases = [
      // Labelled right: covered.
      { content: mention("wie widerspreche ich bei insta?"), intents: ["form_instagram"] },
      // Labelled as asking nothing, though the bot answers it: one unasked text reply.
      { content: mention("Link für Facebook bitte"), intents: [] },
      // Labelled with a topic the bot does not find here: not covered.
      { content: mention("hmm"), intents: ["purpose"] },
    ].map((c) => JSON.stringify({ ...c, language: "de", answer_language: "de" }));
    writeFileSync(file, `${cases.join("\n")}\n`);
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/eval.ts", file]);
    expect(stdout).toContain(`== ${file}`);
    expect(stdout).toMatch(/score: exact=33\.3 /);
    expect(stdout).toContain("extra: n=3 exact=33.3 covered=66.7 language=100.0 unasked_text=1/1");
    expect(stdout).toContain("  de  n=3 exact=33.3 covered=66.7 language=100.0 unasked_text=1/1");
  });
});
