import { afterEach, describe, expect, it } from "vitest";
import { deadlinePhase, textValidUntil } from "../../src/replies/deadline-phase.js";

const BERLIN = "Europe/Berlin";
const campaign = { deadline: "2025-05-26" };
const at = (iso: string, deadline = campaign.deadline, zone = BERLIN) =>
  deadlinePhase(new Date(iso), { deadline }, zone);

describe("deadlinePhase (calendar days in Europe/Berlin)", () => {
  it("counts whole days before the deadline", () => {
    expect(at("2025-05-23T10:00:00Z")).toEqual({ phase: "before", daysLeft: 3 });
    expect(at("2025-05-12T07:00:00Z")).toEqual({ phase: "before", daysLeft: 14 });
  });

  it("switches at Berlin midnight, which is 22:00 UTC in summer", () => {
    expect(at("2025-05-24T21:59:59Z")).toEqual({ phase: "before", daysLeft: 2 });
    expect(at("2025-05-24T22:00:00Z")).toEqual({ phase: "before", daysLeft: 1 });
    expect(at("2025-05-25T21:59:59.999Z")).toEqual({ phase: "before", daysLeft: 1 });
    expect(at("2025-05-25T22:00:00Z")).toEqual({ phase: "on", daysLeft: 0 });
  });

  it("treats 22:00-24:00 UTC on the 25th as the last day already", () => {
    expect(at("2025-05-25T22:30:00Z").phase).toBe("on");
    expect(at("2025-05-25T23:59:59Z").phase).toBe("on");
  });

  it("is the last day until 23:59:59 Berlin time on the 26th", () => {
    expect(at("2025-05-26T00:00:00Z").phase).toBe("on");
    expect(at("2025-05-26T21:59:59.999Z").phase).toBe("on");
    expect(at("2025-05-26T22:00:00Z")).toEqual({ phase: "after", daysLeft: -1 });
    expect(at("2025-05-26T23:30:00Z")).toEqual({ phase: "after", daysLeft: -1 });
  });

  it("is after the deadline the day after and far later", () => {
    expect(at("2025-05-27T12:00:00Z")).toEqual({ phase: "after", daysLeft: -1 });
    expect(at("2026-11-30T10:00:00Z")).toEqual({ phase: "after", daysLeft: -553 });
  });

  it("counts down by one day per Berlin midnight across the spring DST change (2025-03-30)", () => {
    expect(at("2025-03-29T22:59:59Z").daysLeft).toBe(58); // 29.03. 23:59 CET
    expect(at("2025-03-29T23:00:00Z").daysLeft).toBe(57); // 30.03. 00:00 CET
    expect(at("2025-03-30T21:59:59Z").daysLeft).toBe(57); // 30.03. 23:59 CEST
    expect(at("2025-03-30T22:00:00Z").daysLeft).toBe(56); // 31.03. 00:00 CEST
  });

  it("handles a deadline on the spring DST day (23-hour day)", () => {
    expect(at("2025-03-29T22:59:59Z", "2025-03-30").phase).toBe("before");
    expect(at("2025-03-29T23:00:00Z", "2025-03-30").phase).toBe("on");
    expect(at("2025-03-30T21:59:59Z", "2025-03-30").phase).toBe("on");
    expect(at("2025-03-30T22:00:00Z", "2025-03-30").phase).toBe("after");
  });

  it("handles a deadline on the autumn DST day (25-hour day, midnight moves to 23:00 UTC)", () => {
    expect(at("2025-10-25T21:59:59Z", "2025-10-26")).toEqual({ phase: "before", daysLeft: 1 });
    expect(at("2025-10-25T22:00:00Z", "2025-10-26")).toEqual({ phase: "on", daysLeft: 0 });
    expect(at("2025-10-26T22:30:00Z", "2025-10-26")).toEqual({ phase: "on", daysLeft: 0 });
    expect(at("2025-10-26T23:00:00Z", "2025-10-26")).toEqual({ phase: "after", daysLeft: -1 });
  });

  it("counts across the autumn DST change into a later deadline", () => {
    expect(at("2025-10-25T22:30:00Z", "2025-10-28").daysLeft).toBe(2); // 26.10. 00:30 CEST
    expect(at("2025-10-26T22:59:59Z", "2025-10-28").daysLeft).toBe(2); // 26.10. 23:59 CET
    expect(at("2025-10-26T23:00:00Z", "2025-10-28").daysLeft).toBe(1); // 27.10. 00:00 CET
  });

  it("uses the zone it is given", () => {
    expect(at("2025-05-26T03:00:00Z", "2025-05-26", "America/New_York")).toEqual({
      phase: "before",
      daysLeft: 1,
    });
  });

  describe("whatever the process's own time zone", () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it.each(["Pacific/Kiritimati", "America/Los_Angeles", "UTC"])("gives Berlin days under TZ=%s", (zone) => {
      process.env.TZ = zone;
      // The process clock is not Berlin's here: Berlin midnight is another hour locally.
      expect(new Date("2025-05-25T22:30:00Z").getHours()).not.toBe(0);
      expect(at("2025-05-25T22:30:00Z").phase).toBe("on");
      expect(at("2025-05-25T21:30:00Z")).toEqual({ phase: "before", daysLeft: 1 });
      expect(at("2025-05-26T22:00:00Z").phase).toBe("after");
    });
  });
});

describe("textValidUntil", () => {
  const campaign = { deadline: "2025-05-26" };
  it("ends a text written before or on the deadline at the next Berlin midnight", () => {
    expect(
      textValidUntil(new Date("2025-05-26T23:50:00+02:00"), campaign, "Europe/Berlin")?.toISOString(),
    ).toBe("2025-05-26T22:00:00.000Z");
    // 22:30 UTC on the 25th is already the 26th in Berlin.
    expect(textValidUntil(new Date("2025-05-25T22:30:00Z"), campaign, "Europe/Berlin")?.toISOString()).toBe(
      "2025-05-26T22:00:00.000Z",
    );
  });

  it("sets no limit after the deadline, when texts no longer change from day to day", () => {
    expect(textValidUntil(new Date("2025-05-27T00:10:00+02:00"), campaign, "Europe/Berlin")).toBeNull();
  });
});
