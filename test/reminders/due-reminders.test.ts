import { describe, expect, it } from "vitest";
import {
  DEFAULT_REMINDER_GRACE_MS,
  dueReminders,
  reminderCandidates,
} from "../../src/reminders/due-reminders.js";
import { planReminders } from "../../src/reminders/plan-reminders.js";
import { realKnowledge } from "../support/knowledge.js";
import { berlin } from "./reminder-fixtures.js";

const plan = planReminders({ knowledge: realKnowledge(), from: new Date(0), to: new Date(8.64e15) });
const SLOT_0900 = "meta-ai-2025:2025-05-23:countdown:de";
const GRACE = DEFAULT_REMINDER_GRACE_MS;

function due(now: string, lastCheckedAt: string | null = null, handled: string[] = []) {
  const result = dueReminders({
    plan,
    now: berlin(now),
    lastCheckedAt: lastCheckedAt === null ? null : berlin(lastCheckedAt),
    graceMs: GRACE,
    handled: new Set(handled),
  });
  return { post: result.post.map((r) => r.key), skip: result.skip.map((r) => r.key) };
}

describe("dueReminders", () => {
  it("has a 3-hour default grace period", () => {
    expect(GRACE).toBe(3 * 3600_000);
  });

  it("posts a slot at its minute and not before", () => {
    expect(due("2025-05-23T08:59", "2025-05-23T08:58")).toEqual({ post: [], skip: [] });
    expect(due("2025-05-23T09:00", "2025-05-23T08:59")).toEqual({ post: [SLOT_0900], skip: [] });
  });

  it("at start-up at 09:05, posts the 09:00 slot; earlier missed slots are skipped", () => {
    expect(due("2025-05-23T09:05")).toEqual({
      post: [SLOT_0900],
      skip: ["meta-ai-2025:2025-05-12:countdown:de", "meta-ai-2025:2025-05-19:countdown:de"],
    });
  });

  it("at start-up at 13:00, skips the 09:00 slot (4 h late); exactly 3 h late still posts", () => {
    expect(
      due("2025-05-23T13:00", null, [
        "meta-ai-2025:2025-05-12:countdown:de",
        "meta-ai-2025:2025-05-19:countdown:de",
      ]),
    ).toEqual({
      post: [],
      skip: [SLOT_0900],
    });
    expect(due("2025-05-23T12:00", "2025-05-23T08:00").post).toEqual([SLOT_0900]);
  });

  it("leaves out slots already claimed or recorded", () => {
    expect(due("2025-05-23T09:01", "2025-05-23T08:00", [SLOT_0900])).toEqual({ post: [], skip: [] });
  });

  it("yields nothing new when the clock went backwards", () => {
    // Checked at 10:00 (the 09:00 slot was settled then); the clock now says 08:30, then 09:30.
    expect(due("2025-05-23T08:30", "2025-05-23T10:00")).toEqual({ post: [], skip: [] });
    expect(reminderCandidates(plan, berlin("2025-05-23T09:30"), berlin("2025-05-23T10:00"))).toEqual([]);
  });

  it("decides on each slot passed over when the clock jumped forward hours", () => {
    // 08:59 → 18:30 on the last day: the morning post is 9.5 h late, the evening one 30 min.
    expect(due("2025-05-26T18:30", "2025-05-26T08:59")).toEqual({
      post: ["meta-ai-2025:2025-05-26:last-day-evening:de"],
      skip: ["meta-ai-2025:2025-05-26:last-day-morning:de"],
    });
  });
});
