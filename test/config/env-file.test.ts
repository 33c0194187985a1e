import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSettings } from "../../src/config/env.js";
import { loadEnvironment } from "../../src/config/env-file.js";
import { ConfigError } from "../../src/domain/errors.js";

describe("loadEnvironment", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "optout-env-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("merges .env under the real environment, which wins", () => {
    const file = join(dir, ".env");
    writeFileSync(file, '# comment\nLOG_LEVEL=debug\nDATA_DIR="/srv/data"\nHTTP_PORT=9000\n');
    const env = loadEnvironment({ HTTP_PORT: "9100", PATH: "/bin" }, file);
    expect(env).toEqual({ LOG_LEVEL: "debug", DATA_DIR: "/srv/data", HTTP_PORT: "9100", PATH: "/bin" });
  });

  it("refuses a misspelled credential written in .env, as in the environment", () => {
    const file = join(dir, ".env");
    writeFileSync(file, "MASTODON_URL=https://social.example\nMASTODON_TOKEN=t\n");
    expect(() => readSettings(loadEnvironment({}, file))).toThrow(
      /MASTODON_TOKEN: unknown variable; did you mean MASTODON_ACCESS_TOKEN\?/,
    );
  });

  it("returns the environment unchanged when there is no .env", () => {
    const env = { LOG_LEVEL: "warn" };
    expect(loadEnvironment(env, join(dir, "missing.env"))).toBe(env);
  });

  it("reports an unreadable .env as a configuration error", () => {
    const folder = join(dir, "folder.env");
    mkdirSync(folder);
    expect(() => loadEnvironment({}, folder)).toThrow(ConfigError);
  });
});
