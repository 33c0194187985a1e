import { describe, expect, it } from "vitest";
import type { LanguageFormats } from "../../src/knowledge/language-schema.js";
import { daysLeftProblems, languageFormat } from "../../src/replies/language-formats.js";

const polish: LanguageFormats = {
  locale: "pl-PL",
  date: { day: "numeric", month: "long", year: "numeric" },
  daysLeft: { one: "został {n} dzień", few: "zostały {n} dni", many: "zostało {n} dni", other: "{n} dnia" },
};

describe("languageFormat", () => {
  it("picks the countdown's plural form by the locale's rules (Polish one, few, many)", () => {
    const { daysLeft } = languageFormat(polish);
    expect(daysLeft(1)).toBe("został 1 dzień");
    expect(daysLeft(3)).toBe("zostały 3 dni");
    expect(daysLeft(5)).toBe("zostało 5 dni");
    expect(daysLeft(22)).toBe("zostały 22 dni");
  });

  it("writes dates and weekdays with Intl in the file's locale", () => {
    const format = languageFormat(polish);
    expect(format.date("2025-05-26")).toBe("26 maja 2025");
    expect(format.weekday("2025-05-26")).toBe("poniedziałek");
  });
});

describe("daysLeftProblems", () => {
  it("accepts a file that gives every form its locale needs", () => {
    expect(daysLeftProblems(polish)).toEqual([]);
  });

  it("names a plural form the locale needs and the file lacks", () => {
    const { few: _few, ...daysLeft } = polish.daysLeft;
    expect(daysLeftProblems({ ...polish, daysLeft })).toEqual([
      "formats.daysLeft.few: missing; pl-PL uses this form for 2, 3, 4… days",
    ]);
  });

  it("wants {n} in a form that covers several counts", () => {
    const french: LanguageFormats = {
      ...polish,
      locale: "fr-FR",
      daysLeft: { one: "un jour", other: "{n} jours" },
    };
    expect(daysLeftProblems(french)).toEqual([]);
    const russianLike: LanguageFormats = { ...polish, daysLeft: { ...polish.daysLeft, many: "wiele dni" } };
    expect(daysLeftProblems(russianLike)).toEqual([
      "formats.daysLeft.many: needs {n}; pl-PL uses it for 5, 6, 7… days",
    ]);
  });
});
