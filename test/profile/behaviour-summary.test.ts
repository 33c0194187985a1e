import { describe, expect, it } from "vitest";
import { readSettings } from "../../src/config/env.js";
import { describeBehaviour, describeReminderPlan, duration } from "../../src/profile/behaviour-summary.js";
import { DEFAULT_REPLY_LIMITS } from "../../src/replies/compose-reply.js";
import { realKnowledge } from "../support/knowledge.js";

const limits = DEFAULT_REPLY_LIMITS;

describe("describeReminderPlan", () => {
  it("gives the next reminder in the campaign's zone with its offset", () => {
    const [line] = describeReminderPlan(realKnowledge(), new Date("2025-05-23T09:00:00+02:00"), limits);
    expect(line).toContain("next at 2025-05-23T09:00+02:00 (countdown, de)");
  });

  it("names the closing post after the deadline, then says none are left", () => {
    const [closing] = describeReminderPlan(realKnowledge(), new Date("2025-05-26T20:00:00+02:00"), limits);
    expect(closing).toContain("deadline passed (2025-05-26); closing post at 2025-05-27T09:00+02:00");
    const [after] = describeReminderPlan(realKnowledge(), new Date("2025-05-27T09:00:01+02:00"), limits);
    expect(after).toContain("deadline passed (2025-05-26), none left");
  });
});

describe("describeBehaviour", () => {
  it("states the mode, visibility and cooldowns as configured", () => {
    const settings = readSettings({
      MASTODON_URL: "https://social.example",
      MASTODON_ACCESS_TOKEN: "t",
      REPLY_VISIBILITY: "public",
      REPLIES_PER_ACCOUNT_PER_HOUR: "5",
      REPLIES_PER_HOUR: "30",
      GREET_FOLLOWERS: "true",
    });
    const text = describeBehaviour(settings, { streamingUrl: null }).join("\n");
    expect(text).toContain("polling notifications every 15s (the server offers no streaming)");
    expect(text).toContain("replies: public to public and unlisted mentions");
    expect(text).toContain("at most 5 replies per account per hour");
    expect(text).toContain("at most 30 replies per hour in all");
    expect(text).toContain("topic menu at most once per 24h");
    expect(text).toContain("one direct greeting each");
  });
});

describe("duration", () => {
  it.each([
    [7_200_000, "2h"],
    [90_000, "90s"],
    [60_000, "1m"],
    [1_500, "1500ms"],
  ])("%d ms is %s", (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});
