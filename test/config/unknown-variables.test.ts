import { describe, expect, it } from "vitest";
import { ENV_DOCS } from "../../src/config/env-schema.js";
import { unknownVariableProblems } from "../../src/config/unknown-variables.js";

const known = Object.keys(ENV_DOCS);
const EXPECTED = "Expected: MASTODON_URL, MASTODON_ACCESS_TOKEN";

describe("unknownVariableProblems", () => {
  it("names each unknown MASTODON_* variable with the closest expected name and all of them", () => {
    expect(unknownVariableProblems({ MASTODON_TOKEN: "t", MASTODON_SERVER: "https://x" }, known)).toEqual([
      `MASTODON_SERVER: unknown variable; did you mean MASTODON_URL? ${EXPECTED}`,
      `MASTODON_TOKEN: unknown variable; did you mean MASTODON_ACCESS_TOKEN? ${EXPECTED}`,
    ]);
  });

  it.each([
    ["MASTODON_ACESS_TOKEN", "MASTODON_ACCESS_TOKEN"],
    ["MASTODON_ACCESSTOKEN", "MASTODON_ACCESS_TOKEN"],
    ["MASTODON_API_TOKEN", "MASTODON_ACCESS_TOKEN"],
    ["MASTODON_ULR", "MASTODON_URL"],
    ["MASTODON_BASE_URL", "MASTODON_URL"],
    ["MASTODON_INSTANCE", "MASTODON_URL"],
  ])("suggests for %s: %s", (name, suggestion) => {
    expect(unknownVariableProblems({ [name]: "" }, known)).toEqual([
      `${name}: unknown variable; did you mean ${suggestion}? ${EXPECTED}`,
    ]);
  });

  it("leaves the expected names, other prefixes and unset entries alone", () => {
    const env = { MASTODON_URL: "u", MASTODON_ACCESS_TOKEN: "t", PATH: "/bin", MASTODON_X: undefined };
    expect(unknownVariableProblems(env, known)).toEqual([]);
  });
});
