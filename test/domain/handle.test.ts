import { describe, expect, it } from "vitest";
import { describeRefusedAcct, parseHandle } from "../../src/domain/handle.js";

describe("parseHandle", () => {
  it("accepts local and remote handles, Misskey-style names and IDN domains", () => {
    for (const acct of [
      "alice",
      "alice_1@remote.example",
      "a.b-c@misskey.example",
      "zoe@bücher.example",
      "x@localhost",
    ]) {
      expect(parseHandle(acct)).toBe(acct);
    }
    expect(parseHandle("@bob@example.org")).toBe("bob@example.org");
  });

  it("refuses anything that could mention someone else, carry a tag or link, or break a line", () => {
    for (const acct of [
      "",
      "@",
      "alice @victim@evil.example #spam https://spam.example",
      "alice\n@victim@evil.example",
      "alice@evil.example@victim",
      "alice#spam",
      "alice@evil.example/path",
      "alice@evil.example ",
      "alice\u0000",
      ".alice",
      "alice-",
      "alice@",
      "alice@-evil.example",
      "alice@evil..example",
      "alice@evil.example:443",
      "a".repeat(65),
      `alice@${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(60)}.example`,
      "Zoë",
    ]) {
      expect(parseHandle(acct), JSON.stringify(acct)).toBeNull();
    }
  });

  it("describes a refused acct by a short escaped prefix", () => {
    expect(describeRefusedAcct("alice\n@victim@evil.example #spam")).toBe('"alice\\n@victim@ev"…');
  });
});
