import { describe, expect, it } from "vitest";
import { describeNetworkFailure } from "../../src/mastodon/poster-errors.js";

describe("describeNetworkFailure", () => {
  it("names the reason fetch hides in its cause: the error code, else the cause's message", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ENOTFOUND" }),
    });
    expect(describeNetworkFailure(refused)).toBe("fetch failed (ENOTFOUND)");
    expect(describeNetworkFailure(new TypeError("fetch failed", { cause: new Error("bad port") }))).toBe(
      "fetch failed (bad port)",
    );
    expect(describeNetworkFailure(new Error("socket hang up"))).toBe("socket hang up");
    expect(describeNetworkFailure("down")).toBe("down");
  });
});
