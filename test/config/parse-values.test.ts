import { describe, expect, it } from "vitest";
import { parseBoolean, parseDuration, parseHttpUrl, parseInteger } from "../../src/config/parse-values.js";

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["15m", 900_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["250ms", 250],
    ["1500", 1_500],
    ["1.5h", 5_400_000],
    [" 2H ", 7_200_000],
  ])("%s is %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "h", "-5m", "2 hours", "1w", "1e3", "2h30m"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("parseBoolean", () => {
  it("accepts the documented words in any case", () => {
    expect(["true", "1", "YES", "Yes"].map(parseBoolean)).toEqual([true, true, true, true]);
    expect(["false", "0", "NO", "False"].map(parseBoolean)).toEqual([false, false, false, false]);
  });

  it("rejects anything else", () => {
    expect(["on", "off", "2", "y", ""].map(parseBoolean)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("parseInteger", () => {
  it("keeps whole numbers within the bounds", () => {
    expect(parseInteger("0", 0, 10)).toBe(0);
    expect(parseInteger("10", 0, 10)).toBe(10);
    expect(parseInteger("11", 0, 10)).toBeUndefined();
    expect(parseInteger("1.5", 0, 10)).toBeUndefined();
    expect(parseInteger("+3", 0, 10)).toBeUndefined();
  });
});

describe("parseHttpUrl", () => {
  it("accepts http and https and drops a trailing slash", () => {
    expect(parseHttpUrl("https://social.example/")).toBe("https://social.example");
    expect(parseHttpUrl("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000");
    expect(parseHttpUrl("https://example.org/masto/")).toBe("https://example.org/masto");
  });

  it("rejects other schemes, bare hosts, credentials and queries", () => {
    for (const text of [
      "ftp://x.example",
      "social.example",
      "https://a:b@x.example",
      "https://x.example/?a=1",
    ]) {
      expect(parseHttpUrl(text), text).toBeUndefined();
    }
  });
});
