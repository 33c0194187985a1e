import { describe, expect, it } from "vitest";
import { parseRateLimitReset } from "../../src/mastodon/rate-limit-headers.js";
import { ServerClock } from "../../src/mastodon/server-clock.js";
import { captureLogger } from "./helpers.js";

const LOCAL = new Date("2025-05-20T10:00:00.000Z");
const dated = (iso: string) => new Headers({ Date: new Date(iso).toUTCString() });

describe("ServerClock", () => {
  it("reads the Date header's offset, ignores rounding and unreadable headers, warns once per new skew", () => {
    const log = captureLogger();
    const clock = new ServerClock(log.logger, () => LOCAL);
    clock.observe(dated("2025-05-20T10:00:01.000Z"));
    expect(clock.aheadMs()).toBe(0); // within the header's one-second resolution
    clock.observe(new Headers({ Date: "not a date" }));
    clock.observe(undefined);
    expect(clock.aheadMs()).toBe(0);

    clock.observe(dated("2025-05-20T07:30:00.000Z"));
    clock.observe(dated("2025-05-20T07:30:30.000Z")); // about the same skew: no second warning
    expect(clock.aheadMs()).toBe(-149.5 * 60_000);
    expect(clock.toLocal(new Date("2025-05-20T07:30:00.000Z"))).toEqual(new Date("2025-05-20T09:59:30.000Z"));
    clock.observe(dated("2025-05-20T11:00:00.000Z")); // changed a lot: said again
    const warnings = log.lines.filter((l) => /clock differs/.test(String(l.msg)));
    expect(warnings.map((w) => w.serverAheadMs)).toEqual([-150 * 60_000, 60 * 60_000]);
  });

  it("moves a reset given as a point in time onto our clock, but not one given in seconds from now", () => {
    const hourAhead = 3_600_000;
    expect(parseRateLimitReset("2025-05-20T11:00:02.000000Z", LOCAL, hourAhead)).toEqual(
      new Date("2025-05-20T10:00:02.000Z"),
    );
    expect(parseRateLimitReset("2", LOCAL, hourAhead)).toEqual(new Date("2025-05-20T10:00:02.000Z"));
  });
});
