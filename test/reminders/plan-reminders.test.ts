import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/domain/errors.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { isoWithOffset } from "../../src/lib/calendar.js";
import { planReminders, validateReminderTexts } from "../../src/reminders/plan-reminders.js";
import { countLength } from "../../src/replies/count-length.js";
import { realKnowledge } from "../support/knowledge.js";
import { berlin, knowledgeWith, otherCampaign } from "./reminder-fixtures.js";

const FACEBOOK = "https://www.facebook.com/help/contact/6359191084165019";
const INSTAGRAM = "https://help.instagram.com/contact/767264225370182";
const MAY = { from: berlin("2025-05-01T00:00"), to: berlin("2025-05-29T00:00") };

function mayPlan(knowledge: Knowledge = realKnowledge()) {
  return planReminders({ knowledge, ...MAY });
}

describe("planReminders for the campaign month of May 2025", () => {
  it("lists every slot at its Berlin wall-clock time, with stable keys", () => {
    const lines = mayPlan().map((r) => `${isoWithOffset(r.at, "Europe/Berlin")} ${r.key}`);
    expect(lines).toEqual([
      "2025-05-12T09:00+02:00 meta-ai-2025:2025-05-12:countdown:de",
      "2025-05-19T09:00+02:00 meta-ai-2025:2025-05-19:countdown:de",
      "2025-05-23T09:00+02:00 meta-ai-2025:2025-05-23:countdown:de",
      "2025-05-24T09:00+02:00 meta-ai-2025:2025-05-24:countdown:de",
      "2025-05-25T09:00+02:00 meta-ai-2025:2025-05-25:countdown:de",
      "2025-05-26T09:00+02:00 meta-ai-2025:2025-05-26:last-day-morning:de",
      "2025-05-26T18:00+02:00 meta-ai-2025:2025-05-26:last-day-evening:de",
      "2025-05-27T09:00+02:00 meta-ai-2025:2025-05-27:closing:de",
    ]);
  });

  it("fills every field: instant, local day and time, visibility, language", () => {
    expect(mayPlan()[5]).toMatchObject({
      campaignId: "meta-ai-2025",
      slot: "last-day-morning",
      language: "de",
      at: new Date("2025-05-26T07:00:00Z"),
      localDate: "2025-05-26",
      localTime: "09:00",
      visibility: "unlisted",
    });
  });

  it("phrases each day's text for that day, naming the campaign", () => {
    const texts = Object.fromEntries(mayPlan().map((r) => [r.localDate + r.slot, r.text]));
    expect(texts["2025-05-12countdown"]).toContain("Noch 14 Tage: bis Montag, 26.05.2025");
    expect(texts["2025-05-19countdown"]).toContain("Noch 7 Tage: bis Montag, 26.05.2025");
    expect(texts["2025-05-23countdown"]).toContain("Noch 3 Tage: bis Montag, 26.05.2025");
    expect(texts["2025-05-24countdown"]).toContain("Noch 2 Tage");
    expect(texts["2025-05-25countdown"]).toContain("Noch 1 Tag:");
    expect(texts["2025-05-26last-day-morning"]).toContain("Heute ist der letzte Tag");
    expect(texts["2025-05-26last-day-evening"]).toContain("Heute ist der letzte Tag");
    expect(texts["2025-05-27closing"]).toContain("Die Frist ist abgelaufen");
    expect(texts["2025-05-27closing"]).toContain(
      "nachträglicher Widerspruch soll laut dem Artikel nicht möglich",
    );
    for (const text of Object.values(texts)) {
      expect(text.startsWith("Widerspruch gegen Metas KI-Training\n")).toBe(true);
      expect(text.endsWith("\n\n#Meta #KI #Widerspruch")).toBe(true);
    }
  });

  it("gives both form links, the status-post line, and fits one 500-character post, before and on the day", () => {
    for (const reminder of mayPlan().filter((r) => r.slot !== "closing")) {
      expect(reminder.text).toContain(FACEBOOK);
      expect(reminder.text).toContain(INSTAGRAM);
      expect(reminder.text).toContain("Statuspost wie „Hiermit widerspreche ich …“ reicht nicht");
    }
    for (const reminder of mayPlan()) expect(countLength(reminder.text)).toBeLessThanOrEqual(500);
  });

  it("plans the English posts too when the campaign asks for them", () => {
    const plan = mayPlan(knowledgeWith({ reminders: { languages: ["de", "en"] } }));
    expect(plan).toHaveLength(16);
    const english = plan.filter((r) => r.language === "en");
    expect(english.map((r) => r.key)).toContain("meta-ai-2025:2025-05-23:countdown:en");
    expect(english[2]!.text).toContain("3 days left: you can object until Monday, 26 May 2025.");
    expect(english[2]!.text).toContain("Objection to Meta's AI training");
    expect(english.at(-1)!.text).toContain("The deadline has passed");
    for (const r of english) expect(countLength(r.text)).toBeLessThanOrEqual(500);
  });

  it("posts nothing after the closing post, and honours the window's bounds", () => {
    expect(
      planReminders({ knowledge: realKnowledge(), from: berlin("2025-05-27T09:01"), to: new Date(8.64e15) }),
    ).toEqual([]);
    const window = planReminders({
      knowledge: realKnowledge(),
      from: berlin("2025-05-26T09:00"),
      to: berlin("2025-05-26T18:00"),
    });
    expect(window.map((r) => r.slot)).toEqual(["last-day-morning"]);
  });

  it("follows the campaign file: other days, time, no evening post, public visibility", () => {
    const plan = mayPlan(
      knowledgeWith({
        reminders: { daysBefore: [2, 0, 2], time: "07:30", lastDayEvening: null, visibility: "public" },
      }),
    );
    expect(plan.map((r) => `${isoWithOffset(r.at, "Europe/Berlin")} ${r.slot} ${r.visibility}`)).toEqual([
      "2025-05-24T07:30+02:00 countdown public",
      "2025-05-26T07:30+02:00 last-day-morning public",
      "2025-05-27T07:30+02:00 closing public",
    ]);
  });

  it("plans several campaigns, each named in its own posts with its own links", () => {
    const knowledge = knowledgeWith({}, [otherCampaign()]);
    const plan = planReminders({ knowledge, from: MAY.from, to: berlin("2025-07-02T00:00") });
    const other = plan.filter((r) => r.campaignId === "other-2025");
    expect(other.map((r) => r.key)[0]).toBe("other-2025:2025-06-16:countdown:de");
    expect(other[0]!.text).toMatch(/^Zweite Kampagne\nNoch 14 Tage: bis Montag, 30\.06\.2025/);
    expect(other[0]!.text).toContain("https://facebook.example/form-2");
    expect(other[0]!.text.endsWith("#Zwei")).toBe(true);
    expect(plan.map((r) => r.at.getTime())).toEqual(
      [...plan.map((r) => r.at.getTime())].sort((a, b) => a - b),
    );
  });
});

describe("planReminders across a DST change (Europe/Berlin)", () => {
  it("keeps 09:00 local on every day while the countdown spans the spring-forward day", () => {
    const knowledge = knowledgeWith({
      deadline: "2025-04-01",
      usageStarts: "2025-04-02",
      reminders: { daysBefore: [3, 2, 1, 0] },
    });
    const plan = planReminders({
      knowledge,
      from: berlin("2025-03-01T00:00"),
      to: berlin("2025-04-30T00:00"),
    });
    expect(plan.map((r) => isoWithOffset(r.at, "Europe/Berlin"))).toEqual([
      "2025-03-29T09:00+01:00",
      "2025-03-30T09:00+02:00",
      "2025-03-31T09:00+02:00",
      "2025-04-01T09:00+02:00",
      "2025-04-01T18:00+02:00",
      "2025-04-02T09:00+02:00",
    ]);
    expect(plan[1]!.at.toISOString()).toBe("2025-03-30T07:00:00.000Z");
    expect(plan[1]!.text).toContain("Noch 2 Tage");
    expect(new Set(plan.map((r) => r.key)).size).toBe(plan.length);
  });

  it("keeps 09:00 local on every day while the countdown spans the fall-back day", () => {
    const knowledge = knowledgeWith({
      deadline: "2025-10-27",
      usageStarts: "2025-10-28",
      reminders: { daysBefore: [2, 1] },
    });
    const plan = planReminders({
      knowledge,
      from: berlin("2025-10-01T00:00"),
      to: berlin("2025-10-31T00:00"),
    });
    expect(plan.map((r) => `${isoWithOffset(r.at, "Europe/Berlin")} ${r.slot}`)).toEqual([
      "2025-10-25T09:00+02:00 countdown",
      "2025-10-26T09:00+01:00 countdown",
      "2025-10-27T18:00+01:00 last-day-evening",
      "2025-10-28T09:00+01:00 closing",
    ]);
    expect(plan[1]!.text).toContain("Noch 1 Tag:");
  });

  it("moves a time that does not exist (02:30 on the spring-forward day) forward, once", () => {
    const knowledge = knowledgeWith({
      deadline: "2025-03-31",
      usageStarts: "2025-04-01",
      reminders: { daysBefore: [2, 1], time: "02:30", lastDayEvening: null },
    });
    const plan = planReminders({
      knowledge,
      from: berlin("2025-03-01T00:00"),
      to: berlin("2025-04-30T00:00"),
    });
    expect(plan.map((r) => `${isoWithOffset(r.at, "Europe/Berlin")} ${r.localDate} ${r.localTime}`)).toEqual([
      "2025-03-29T02:30+01:00 2025-03-29 02:30",
      "2025-03-30T03:30+02:00 2025-03-30 03:30",
      "2025-04-01T02:30+02:00 2025-04-01 02:30",
    ]);
    expect(plan[1]!.key).toBe("meta-ai-2025:2025-03-30:countdown:de");
  });

  it("takes the first of a time that happens twice (02:30 on the fall-back day)", () => {
    const knowledge = knowledgeWith({
      deadline: "2025-10-27",
      usageStarts: "2025-10-28",
      reminders: { daysBefore: [1], time: "02:30", lastDayEvening: null },
    });
    const plan = planReminders({
      knowledge,
      from: berlin("2025-10-01T00:00"),
      to: berlin("2025-10-31T00:00"),
    });
    expect(plan[0]!.at.toISOString()).toBe("2025-10-26T00:30:00.000Z");
    expect(isoWithOffset(plan[0]!.at, "Europe/Berlin")).toBe("2025-10-26T02:30+02:00");
    expect(plan).toHaveLength(2);
  });
});

describe("reminder text validation", () => {
  it("finds nothing wrong with the real texts in German and English", () => {
    expect(validateReminderTexts(knowledgeWith({ reminders: { languages: ["de", "en"] } }))).toEqual([]);
  });

  it("fails clearly when a text does not fit the instance's limit", () => {
    const plan = () => planReminders({ knowledge: realKnowledge(), ...MAY, limits: { maxCharacters: 300 } });
    expect(plan).toThrow(ConfigError);
    expect(plan).toThrow(
      /config\/lang\/de\.yaml: reminders\.countdown: \d+ characters .*\(limit 300, a link counts 23\)/,
    );
  });

  it("counts each link as the instance says", () => {
    const problems = validateReminderTexts(realKnowledge(), "config/lang", { charactersReservedPerUrl: 200 });
    expect(
      problems.some((p) => p.includes("reminders.last_day_evening") && p.includes("a link counts 200")),
    ).toBe(true);
  });

  it("names a missing text, a text without the campaign name and an unknown placeholder", () => {
    const base = realKnowledge();
    const de = base.languages.get("de")!;
    const broken = new Map(base.languages);
    broken.set("de", {
      ...de,
      reminders: { ...de.reminders, countdown: "Noch {dayLeft}", closing: "Vorbei am {deadline}." },
    });
    const { last_day_morning: _, ...withoutMorning } = base.languages.get("en")!.reminders;
    broken.set("en", { ...base.languages.get("en")!, reminders: withoutMorning });
    const knowledge = { ...knowledgeWith({ reminders: { languages: ["de", "en"] } }), languages: broken };
    const problems = validateReminderTexts(knowledge);
    expect(problems).toContain(
      "config/lang/de.yaml: reminders.countdown: unknown placeholder {dayLeft} (known: {facebookForm}, {instagramForm}, {deadline}, {usageStarts}, {weekday}, {daysLeft}, {campaignName})",
    );
    expect(problems).toContain(
      "config/lang/de.yaml: reminders.closing: name the campaign with {campaignName}; several campaigns may post reminders",
    );
    expect(
      problems.find((p) => p.startsWith("config/lang/en.yaml: reminders.last_day_morning: missing")),
    ).toBeDefined();
    expect(() => planReminders({ knowledge, ...MAY })).toThrow(ConfigError);
  });

  it("requires both form links before the deadline is over", () => {
    const base = realKnowledge();
    const de = base.languages.get("de")!;
    const languages = new Map(base.languages);
    languages.set("de", {
      ...de,
      reminders: { ...de.reminders, last_day_evening: "{campaignName}: heute! {facebookForm}" },
    });
    expect(validateReminderTexts({ ...base, languages })).toEqual([
      "config/lang/de.yaml: reminders.last_day_evening: give both form links, {facebookForm} and {instagramForm}",
    ]);
  });
});
