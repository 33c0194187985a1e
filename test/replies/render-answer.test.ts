import { describe, expect, it } from "vitest";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import type { LanguageFile } from "../../src/knowledge/language-schema.js";
import type { DeadlineStatus } from "../../src/replies/deadline-phase.js";
import {
  PLACEHOLDERS,
  type RenderContext,
  renderAnswer,
  renderTemplate,
  selectAnswerText,
} from "../../src/replies/render-answer.js";
import { AnswerTemplateError } from "../../src/replies/reply-errors.js";
import { validateAnswerTemplates } from "../../src/replies/validate-answer-templates.js";
import { realKnowledge } from "./knowledge-fixture.js";

const knowledge = realKnowledge();
const campaign = knowledge.campaigns[0]!;
const context = (
  language: string,
  deadline: DeadlineStatus = { phase: "before", daysLeft: 3 },
): RenderContext => ({
  language,
  campaign,
  timeZone: "Europe/Berlin",
  deadline,
  formats: knowledge.languages.get(language)!.formats,
});

describe("renderTemplate", () => {
  it("fills the form links", () => {
    expect(renderTemplate("{facebookForm} {instagramForm}", context("de"))).toBe(
      "https://www.facebook.com/help/contact/6359191084165019 https://help.instagram.com/contact/767264225370182",
    );
  });

  it("writes dates and the deadline's weekday per language", () => {
    expect(renderTemplate("{weekday}, {deadline} / {usageStarts}", context("de"))).toBe(
      "Montag, 26.05.2025 / 27.05.2025",
    );
    expect(renderTemplate("{weekday}, {deadline} / {usageStarts}", context("en"))).toBe(
      "Monday, 26 May 2025 / 27 May 2025",
    );
  });

  it("phrases the countdown in singular and plural", () => {
    const one: DeadlineStatus = { phase: "before", daysLeft: 1 };
    expect(renderTemplate("bis dahin {daysLeft}", context("de"))).toBe("bis dahin noch 3 Tage");
    expect(renderTemplate("bis dahin {daysLeft}", context("de", one))).toBe("bis dahin noch 1 Tag");
    expect(renderTemplate("so: {daysLeft}", context("en"))).toBe("so: 3 days left");
    expect(renderTemplate("so: {daysLeft}", context("en", one))).toBe("so: 1 day left");
  });

  it("capitalises the countdown at the start of a sentence or line only", () => {
    expect(renderTemplate("{daysLeft}: los.", context("de"))).toBe("Noch 3 Tage: los.");
    expect(renderTemplate("Hallo. {daysLeft}!", context("de"))).toBe("Hallo. Noch 3 Tage!");
    expect(renderTemplate("Link\n{daysLeft}", context("de"))).toBe("Link\nNoch 3 Tage");
    expect(renderTemplate("Es sind {daysLeft}.", context("de"))).toBe("Es sind noch 3 Tage.");
  });

  it("fills the campaign name of the language", () => {
    expect(renderTemplate("{campaignName}", context("en"))).toBe("Objection to Meta's AI training");
  });

  it("throws on an unknown placeholder", () => {
    expect(() => renderTemplate("x {nope}", context("de"))).toThrow(AnswerTemplateError);
  });

  it("writes dates and the countdown as a language file's formats say, with no code per language", () => {
    const french: RenderContext = {
      ...context("de"),
      language: "fr",
      formats: {
        locale: "fr-FR",
        date: { day: "numeric", month: "long", year: "numeric" },
        daysLeft: { one: "encore 1 jour", other: "encore {n} jours" },
      },
    };
    expect(renderTemplate("{weekday} {deadline}, {daysLeft}", french)).toBe(
      "lundi 26 mai 2025, encore 3 jours",
    );
  });

  it("lists the placeholders it supports", () => {
    expect([...PLACEHOLDERS].sort()).toEqual(
      [
        "campaignName",
        "daysLeft",
        "deadline",
        "facebookForm",
        "instagramForm",
        "usageStarts",
        "weekday",
      ].sort(),
    );
  });
});

describe("selectAnswerText / renderAnswer", () => {
  const text = { before: "vorher {daysLeft}", on: "heute", after: "vorbei am {deadline}" };

  it("picks the variant of the phase; a plain string is used in every phase", () => {
    expect(selectAnswerText(text, "on")).toBe("heute");
    expect(selectAnswerText("immer", "after")).toBe("immer");
    expect(renderAnswer(text, context("de", { phase: "after", daysLeft: -2 }))).toBe("vorbei am 26.05.2025");
    expect(renderAnswer(text, context("de"))).toBe("vorher noch 3 Tage");
  });
});

describe("validateAnswerTemplates", () => {
  it("finds nothing wrong in the real knowledge files", () => {
    expect(validateAnswerTemplates(knowledge)).toEqual([]);
  });

  const withGerman = (change: (file: LanguageFile) => LanguageFile): Knowledge => {
    const de = knowledge.languages.get("de")!;
    return { ...knowledge, languages: new Map([...knowledge.languages, ["de", change(de)]]) };
  };

  it("names file and key of an unknown placeholder", () => {
    const broken = withGerman((de) => ({
      ...de,
      answers: { ...de.answers, deadline: { before: "a", on: "Heute {heute}", after: "b" } },
    }));
    const problems = validateAnswerTemplates(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^config\/lang\/de\.yaml: answers\.deadline\.on: unknown placeholder \{heute\}/,
    );
  });

  it("uses the language folder it is given", () => {
    const broken = withGerman((de) => ({ ...de, fallback: "Hilfe {menu}" }));
    expect(validateAnswerTemplates(broken, "/etc/optout/lang")).toEqual([
      expect.stringMatching(/^\/etc\/optout\/lang\/de\.yaml: fallback: unknown placeholder \{menu\}/),
    ]);
  });

  it("reports unmatched braces", () => {
    const broken = withGerman((de) => ({ ...de, answers: { ...de.answers, purpose: "Ziel {deadline" } }));
    expect(validateAnswerTemplates(broken)).toEqual([
      "config/lang/de.yaml: answers.purpose: unmatched { or }",
    ]);
  });

  it("rejects {daysLeft} in a text used on or after the deadline", () => {
    const broken = withGerman((de) => ({
      ...de,
      answers: { ...de.answers, deadline: "{daysLeft} bis {deadline}" },
    }));
    expect(validateAnswerTemplates(broken)).toEqual([
      expect.stringMatching(
        /^config\/lang\/de\.yaml: answers\.deadline: \{daysLeft\} only makes sense before/,
      ),
    ]);
  });

  it("rejects an answer too long for one post", () => {
    const broken = withGerman((de) => ({
      ...de,
      answers: { ...de.answers, purpose: "Werbung. ".repeat(60) },
    }));
    expect(validateAnswerTemplates(broken)).toEqual([
      expect.stringMatching(/^config\/lang\/de\.yaml: answers\.purpose: 540 characters when rendered/),
    ]);
  });

  it("reports a campaign without a name in the language", () => {
    const nameless: Knowledge = {
      ...withGerman((file) => ({ ...file, answers: { ...file.answers, purpose: "{campaignName}" } })),
      campaigns: [{ ...campaign, name: { en: "x" } }],
    };
    expect(validateAnswerTemplates(nameless)).toEqual([
      expect.stringMatching(/^config\/lang\/de\.yaml: answers\.purpose: Campaign "meta-ai-2025" has no name/),
    ]);
  });
});
