import { describe, expect, it } from "vitest";
import {
  isoWithOffset,
  localDateTime,
  nextLocalMidnight,
  parseIsoDate,
  shiftIsoDate,
  startOfLocalDay,
  zonedInstant,
} from "../../src/lib/calendar.js";

describe("zonedInstant", () => {
  it("reads a wall-clock time in the zone, summer and winter", () => {
    expect(zonedInstant("2025-05-26", "09:00", "Europe/Berlin").toISOString()).toBe(
      "2025-05-26T07:00:00.000Z",
    );
    expect(zonedInstant("2025-01-15", "09:00", "Europe/Berlin").toISOString()).toBe(
      "2025-01-15T08:00:00.000Z",
    );
    expect(zonedInstant("2025-05-26", "09:00", "UTC").toISOString()).toBe("2025-05-26T09:00:00.000Z");
  });

  it("moves a time inside a spring-forward gap forward by the gap", () => {
    expect(zonedInstant("2025-03-30", "02:30", "Europe/Berlin").toISOString()).toBe(
      "2025-03-30T01:30:00.000Z",
    );
    expect(zonedInstant("2025-03-09", "02:30", "America/New_York").toISOString()).toBe(
      "2025-03-09T07:30:00.000Z",
    );
  });

  it("takes the first occurrence of a time repeated on a fall-back day", () => {
    expect(zonedInstant("2025-10-26", "02:30", "Europe/Berlin").toISOString()).toBe(
      "2025-10-26T00:30:00.000Z",
    );
    expect(zonedInstant("2025-11-02", "01:30", "America/New_York").toISOString()).toBe(
      "2025-11-02T05:30:00.000Z",
    );
  });

  it("handles a half-hour DST shift (Lord Howe Island)", () => {
    // 2025-04-06: 02:00 +11:00 becomes 01:30 +10:30; 01:45 happens twice.
    expect(zonedInstant("2025-04-06", "01:45", "Australia/Lord_Howe").toISOString()).toBe(
      "2025-04-05T14:45:00.000Z",
    );
  });
});

describe("calendar helpers", () => {
  it("shifts calendar days across month and year ends", () => {
    expect(shiftIsoDate("2025-05-26", -14)).toBe("2025-05-12");
    expect(shiftIsoDate("2025-12-31", 1)).toBe("2026-01-01");
    expect(shiftIsoDate("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("writes an instant as the zone's clocks show it, with the offset", () => {
    const at = new Date("2025-05-26T07:00:00Z");
    expect(isoWithOffset(at, "Europe/Berlin")).toBe("2025-05-26T09:00+02:00");
    expect(isoWithOffset(at, "UTC")).toBe("2025-05-26T07:00+00:00");
    expect(localDateTime(new Date("2025-05-25T22:30:00Z"), "Europe/Berlin")).toEqual({
      date: "2025-05-26",
      time: "00:30",
    });
  });

  it("finds the first instant of a local day", () => {
    expect(startOfLocalDay("2025-05-26", "Europe/Berlin").toISOString()).toBe("2025-05-25T22:00:00.000Z");
  });
});

describe("nextLocalMidnight and parseIsoDate", () => {
  it("finds the next midnight, also on days with a clock change", () => {
    const berlin = "Europe/Berlin";
    expect(nextLocalMidnight(new Date("2025-05-26T23:50:00+02:00"), berlin).toISOString()).toBe(
      "2025-05-26T22:00:00.000Z",
    );
    // 30 March 2025 is 23 hours long in Berlin: the next midnight is still 00:00 the day after.
    expect(nextLocalMidnight(new Date("2025-03-30T12:00:00+02:00"), berlin).toISOString()).toBe(
      "2025-03-30T22:00:00.000Z",
    );
    // Santiago skips 00:00 on 7 September 2025: the day starts at 01:00.
    expect(nextLocalMidnight(new Date("2025-09-06T12:00:00-04:00"), "America/Santiago").toISOString()).toBe(
      "2025-09-07T04:00:00.000Z",
    );
  });

  it("reads YYYY-MM-DD and refuses anything else", () => {
    expect(parseIsoDate("2025-05-26")).toEqual([2025, 5, 26]);
    expect(() => parseIsoDate("26.05.2025")).toThrow('Expected a date as YYYY-MM-DD, got "26.05.2025".');
  });
});
