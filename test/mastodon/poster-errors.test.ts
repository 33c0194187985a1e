import { MastoDeserializeError } from "masto";
import { describe, expect, it } from "vitest";
import { describeNetworkFailure, toApiRequestError } from "../../src/mastodon/poster-errors.js";
import { createLogger } from "../../src/observability/logger.js";
import { NetworkError } from "../../src/outbox/errors.js";

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

describe("toApiRequestError", () => {
  it("keeps an unreadable answer's type and size, never its body, in the message, fields and cause", () => {
    const body = '[{"id":"1","status":{"content":"<p>my PIN is 4711-SECRET</p>"';
    const masto = new MastoDeserializeError(`Malformed JSON ${body} returned from the server.`, "json", body);
    const error = toApiRequestError(masto, new Date(0));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain(
      `the server's answer could not be read (MastoDeserializeError, json, ${body.length} bytes)`,
    );
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      pretty: false,
      destination: { write: (l) => lines.push(l) },
    });
    logger.warn({ err: error }, "posting failed");
    expect(lines.join("")).toContain("MastoDeserializeError");
    expect(lines.join("")).not.toContain("SECRET");
    expect(describeNetworkFailure(masto)).not.toContain("SECRET");
  });
});
