import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

// The image runs the bundles, not src/: they must find package.json, config/ and the SQLite
// addon from dist/'s depth, and bundling must not break a CommonJS dependency.
describe("the production build (scripts/build.ts)", () => {
  // Inside the project, as dist/ is, so that node_modules and package.json are found the same way.
  const out = mkdtempSync(join(process.cwd(), ".build-test-"));
  const env = { ...process.env, MASTODON_URL: "", MASTODON_ACCESS_TOKEN: "", CONFIG_DIR: "" };

  beforeAll(async () => {
    await run(process.execPath, ["--import", "tsx", "scripts/build.ts", out]);
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("bundles the bot and the CLI into one file each, with a source map", () => {
    const main = readFileSync(join(out, "main.js"), "utf8");
    expect(main).toMatch(/\/\/# sourceMappingURL=main\.js\.map\s*$/);
    expect(main).not.toMatch(/from ?["']zod["']/);
    expect(readFileSync(join(out, "cli", "main.js.map"), "utf8")).toContain("src/cli/main.ts");
  });

  it("writes only Latin-1 characters, so V8 keeps the source as one-byte text", () => {
    for (const file of ["main.js", join("cli", "main.js")]) {
      const wide = [...readFileSync(join(out, file), "utf8")].find((c) => c.codePointAt(0)! > 0xff);
      expect(wide, `${file} contains ${JSON.stringify(wide)}`).toBeUndefined();
    }
  });

  it("the CLI answers from the project's config/", async () => {
    const { stdout } = await run(
      process.execPath,
      [join(out, "cli", "main.js"), "ask", "wie widerspreche ich bei insta?"],
      { env },
    );
    expect(stdout).toContain("https://help.instagram.com/");
  });

  it("the bot loads (the external SQLite addon resolves) and answers standard input in local mode", async () => {
    const child = run(process.execPath, [join(out, "main.js")], { env: { ...env, LOG_LEVEL: "error" } });
    child.child.stdin?.end("Where is the Facebook form?\n");
    const { stdout } = await child;
    expect(stdout).toContain("https://www.facebook.com/");
  });

  it("keeps the schema validator out of the bot process: only the config child loads it", async () => {
    // zod registers itself on globalThis when its module is evaluated.
    const probe = join(out, "zod-probe.mjs");
    writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write('zod in bot: ' + (globalThis.__zod_globalRegistry !== undefined) + '\\n'));",
    );
    const child = run(process.execPath, ["--import", probe, join(out, "main.js")], {
      env: { ...env, LOG_LEVEL: "error" },
    });
    child.child.stdin?.end("Where is the Facebook form?\n");
    const { stdout, stderr } = await child;
    expect(stdout).toContain("https://www.facebook.com/");
    expect(stderr).toBe("zod in bot: false\n");
  });
});
