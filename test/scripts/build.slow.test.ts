import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
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
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const outputs = () => [
    "main.js",
    join("cli", "main.js"),
    ...readdirSync(join(out, "chunks"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => join("chunks", f)),
  ];

  it("bundles the bot and the CLI, dependencies included, with source maps", () => {
    const main = readFileSync(join(out, "main.js"), "utf8");
    expect(main).toMatch(/\/\/# sourceMappingURL=main\.js\.map\s*$/);
    expect(readFileSync(join(out, "cli", "main.js.map"), "utf8")).toContain("src/cli/main.ts");
    for (const file of outputs()) {
      // Only the native addon (and the optional dev-only prettifier) stay outside.
      const external = [...readFileSync(join(out, file), "utf8").matchAll(/from\s*"([^".][^"]*)"/g)]
        .map((m) => m[1])
        .filter((name) => !isBuiltin(name!));
      expect(new Set(external), file).toSatisfy((names: Set<string>) =>
        [...names].every((n) => n === "better-sqlite3"),
      );
    }
  });

  it("writes only Latin-1 characters, so V8 keeps the source as one-byte text", () => {
    for (const file of outputs()) {
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

  it("every chunk loads: the live app's chunk finds the SQLite addon from dist/chunks/", async () => {
    const chunks = outputs().filter((f) => f.startsWith("chunks"));
    expect(chunks.length).toBeGreaterThan(1);
    const script = `for (const f of ${JSON.stringify(chunks.map((f) => join(out, f)))}) await import(f);`;
    await run(process.execPath, ["--input-type=module", "-e", script], { env });
  });

  it("the bot answers standard input in local mode", async () => {
    const child = run(process.execPath, [join(out, "main.js")], { env: { ...env, LOG_LEVEL: "error" } });
    child.child.stdin?.end("Where is the Facebook form?\n");
    const { stdout } = await child;
    expect(stdout).toContain("https://www.facebook.com/");
  });
});
