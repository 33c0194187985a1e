import { describe, expect, it } from "vitest";
import { missingScopes, NEEDED_SCOPES } from "../../src/profile/token-scopes.js";

const names = (granted: string[]) => missingScopes(granted).map((s) => s.scope);

describe("missingScopes", () => {
  it("accepts read and write as covering all their children", () => {
    expect(names(["read", "write"])).toEqual([]);
    expect(names(["read write"])).toEqual([]);
  });

  it("lists what the granular scopes leave out", () => {
    expect(names(["read", "write:notifications", "write:favourites", "write:accounts"])).toEqual([
      "write:statuses",
    ]);
    expect(names(["profile", "write"])).toEqual(["read:notifications", "read:statuses", "read:accounts"]);
  });

  it("needs everything when nothing is granted, each with a purpose", () => {
    expect(names([])).toHaveLength(NEEDED_SCOPES.length);
    expect(NEEDED_SCOPES.every((s) => s.purpose.length > 0)).toBe(true);
  });
});
