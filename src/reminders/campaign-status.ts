import { format } from "date-fns/format";
import type { Knowledge } from "../knowledge/knowledge.js";
import { calendarDay, isoWithOffset } from "../lib/calendar.js";
import { deadlinePhase } from "../replies/deadline-phase.js";
import type { PlannedReminder } from "./plan-reminders.js";

export interface CampaignStatus {
  readonly campaignId: string;
  /** The deadline day is over in the campaign's zone. */
  readonly deadlinePassed: boolean;
  /** Reminders still to come or still within the grace period. */
  readonly remaining: number;
  /** One plain sentence for the start-up log. */
  readonly message: string;
}

/** What each campaign still has to post, as the scheduler says at start-up. */
export function campaignStatuses(
  knowledge: Knowledge,
  plan: readonly PlannedReminder[],
  now: Date,
  graceMs: number,
): CampaignStatus[] {
  return knowledge.campaigns.map((campaign) => {
    const deadline = format(calendarDay(campaign.deadline, knowledge.timeZone), "dd.MM.yyyy");
    const left = plan.filter(
      (r) => r.campaignId === campaign.id && r.at.getTime() + graceMs >= now.getTime(),
    );
    const deadlinePassed = deadlinePhase(now, campaign, knowledge.timeZone).phase === "after";
    const next = left[0];
    let message: string;
    if (next === undefined) {
      message = deadlinePassed
        ? `deadline ${deadline} of campaign ${campaign.id} has passed; no reminders to post; the bot still answers questions`
        : `campaign ${campaign.id} (deadline ${deadline}) has no reminders left to post`;
    } else {
      const when = isoWithOffset(next.at, knowledge.timeZone);
      message = deadlinePassed
        ? `deadline ${deadline} of campaign ${campaign.id} has passed; only the closing post is left, at ${when}`
        : `campaign ${campaign.id} (deadline ${deadline}): ${left.length} reminder posts left, the next at ${when}`;
    }
    return { campaignId: campaign.id, deadlinePassed, remaining: left.length, message };
  });
}
