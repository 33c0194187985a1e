// Builds dist/: the bot (main.js) and the CLI (cli/main.js), bundled and minified, with the code
// they share or load only on demand in dist/chunks/.
// Why a bundle and not tsc's one file per module: the idle bot keeps every loaded module's
// source text and function data in memory. Bundled, tree-shaken and minified, it loads about a
// third of the code (zod alone shrinks from 440 kB to about 90 kB) and idles about 7 MB lower.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/** Where to write: dist/ unless a folder is given (the build test uses its own). */
const outdir = process.argv[2] ?? "dist";

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: "src/main.ts", "cli/main": "src/cli/main.ts" },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  // Function and class names stay, so stack traces in the logs still say where.
  keepNames: true,
  // A map beside each file, for reading a production stack trace; Node does not load it.
  sourcemap: "linked",
  legalComments: "none",
  // ASCII output: one non-Latin-1 character would make V8 keep the whole source as two-byte text (2x).
  charset: "ascii",
  // The native SQLite addon is loaded from node_modules; pino-pretty is a dev-only nicety.
  external: ["better-sqlite3", "pino-pretty"],
  // CommonJS dependencies (pino, ws, yaml) call require() for Node's built-in modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
  // Code the bot and the CLI share is written once; the live app, reached through import(), gets
  // its own chunk, which local mode never reads.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});

// esbuild's charset leaves regular-expression literals alone, and tinyld's have CJK punctuation;
// \uXXXX means the same there (and in strings), so every output file is made plain ASCII.
for (const file of readdirSync(outdir, { recursive: true, encoding: "utf8" })) {
  if (!file.endsWith(".js")) continue;
  const path = join(outdir, file);
  const text = readFileSync(path, "utf8");
  const ascii = text.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  if (ascii !== text) writeFileSync(path, ascii);
}
