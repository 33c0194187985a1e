import type { Settings } from "../config/settings.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { isoWithOffset } from "../lib/calendar.js";
import { DEFAULT_RESERVE_SHARE } from "../outbox/posting-budget.js";
import { planReminders } from "../reminders/plan-reminders.js";
import type { ReplyLimits } from "../replies/compose-reply.js";

/** How the bot receives mentions: null streaming URL means polling only; undefined means local mode. */
export type Receiving = { readonly streamingUrl: string | null } | undefined;

/** What the bot will do with these settings, one line per topic. Pure. */
export function describeBehaviour(settings: Settings, receiving: Receiving): string[] {
  const poll = duration(settings.pollIntervalMs);
  const mode =
    receiving === undefined
      ? "mode: local (each line on standard input is a mention; replies are printed, nothing is posted)"
      : receiving.streamingUrl === null
        ? `mode: live on ${settings.mastodon?.url}, polling notifications every ${poll} (the server offers no streaming)`
        : `mode: live on ${settings.mastodon?.url}, streaming from ${receiving.streamingUrl}, catch-up and polling every ${poll} as fallback`;
  return [
    mode,
    `replies: ${settings.replyVisibility} to public and unlisted mentions, direct to direct and followers-only ones; the author is the only account mentioned`,
    `cooldowns: at most ${settings.repliesPerAccountPerHour} replies per account per hour; the topic menu at most once per ${duration(settings.menuCooldownMs)} per account`,
    `caps: at most ${settings.repliesPerHour} replies per hour in all; an account's second reply waits behind others' first, and the last ${DEFAULT_RESERVE_SHARE * 100}% of this cap and of the server's posting window go to first replies, reminders and greetings`,
    `late replies: dropped when they could only go out more than ${duration(settings.replyMaxDelayMs)} after the mention`,
    `bots: ${settings.replyToBots ? "answered (REPLY_TO_BOTS=true)" : "not answered (REPLY_TO_BOTS=false)"}; thanks: favourited, no text`,
    `new followers: ${settings.greetFollowers ? "one direct greeting each (GREET_FOLLOWERS=true)" : "no greeting (GREET_FOLLOWERS=false)"}`,
    `missed reminders: posted at start-up when less than ${duration(settings.reminderGraceMs)} late, else skipped`,
    `state: ${settings.dataDir}`,
  ];
}

/** Per campaign: the next reminder and how many are left, or that the deadline has passed. */
export function describeReminderPlan(knowledge: Knowledge, now: Date, limits: ReplyLimits): string[] {
  const upcoming = planReminders({ knowledge, from: now, to: new Date(8.64e15), limits });
  return knowledge.campaigns.map((campaign) => {
    const left = upcoming.filter((r) => r.campaignId === campaign.id);
    const next = left[0];
    const where = `reminders for ${campaign.id} (${campaign.reminders.visibility}, ${campaign.reminders.languages.join(", ")})`;
    if (!next) return `${where}: deadline passed (${campaign.deadline}), none left`;
    const at = isoWithOffset(next.at, knowledge.timeZone);
    if (next.slot === "closing")
      return `${where}: deadline passed (${campaign.deadline}); closing post at ${at}`;
    return `${where}: next at ${at} (${next.slot}, ${next.language}), ${left.length} posts left, the closing post included`;
  });
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1_000],
];

/** 7_200_000 → "2h", 90_000 → "90s": the largest unit (up to hours) that divides it, as in .env. */
export function duration(ms: number): string {
  for (const [unit, size] of UNITS) if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
