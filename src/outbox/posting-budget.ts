import type { PostAdmission } from "../store/state-store.js";
import { SHORT_WINDOW_MS } from "./pacing.js";
import type { RateLimitInfo } from "./status-poster.js";

/** The rolling window of `repliesPerHour`. */
export const REPLY_CAP_WINDOW_MS = 60 * 60 * 1000;

/** The default `reserveShare`. */
export const DEFAULT_RESERVE_SHARE = 0.2;

export interface PostingBudgetOptions {
  /** `REPLIES_PER_HOUR`: replies sent per rolling hour, all accounts together. @default Infinity */
  readonly repliesPerHour?: number;
  /**
   * The share of the hourly cap, and of the server's posting window, that replies to accounts
   * answered in the hour before cannot use: kept for first-time askers, reminders and greetings.
   * @default 0.2
   */
  readonly reserveShare?: number;
  /**
   * The server's window is reserved only while its reset is further away than this: sooner, a
   * held reply would wait no longer than the reserve protects anyone, and a short per-second
   * window would cut every burst by the reserve's share. @default 10000
   */
  readonly reserveBeyondMs?: number;
}

export interface PostingBudgetInput {
  /** When each reply of the last `REPLY_CAP_WINDOW_MS` went out, oldest first. */
  readonly sentReplies: readonly Date[];
  /** The posting (statuses) family's last rate-limit headers, or null before the first post. */
  readonly statuses: RateLimitInfo | null;
  /** Epoch ms. */
  readonly now: number;
}

/** Which posts may go now, and when to look again (epoch ms; null when nothing is held). */
export interface Admission {
  readonly admit: PostAdmission;
  readonly until: number | null;
}

const LEVEL: Readonly<Record<PostAdmission, number>> = { all: 0, priority: 1, "no-replies": 2 };

/**
 * What the posting budget lets through. Replies past `repliesPerHour` in the last hour: none
 * (reminders and greetings still go). Within the cap's last `reserveShare`, or with the server's
 * window down to that share (and its reset more than `reserveBeyondMs` away): only priority posts (first replies to an account, reminders,
 * greetings). Pure: the sender reads the store and the headers and asks.
 */
export function admission(input: PostingBudgetInput, options: PostingBudgetOptions = {}): Admission {
  const cap = options.repliesPerHour ?? Number.POSITIVE_INFINITY;
  const share = options.reserveShare ?? DEFAULT_RESERVE_SHARE;
  const since = input.now - REPLY_CAP_WINDOW_MS;
  // A reply an hour old no longer counts: the hold lifts at sent + 1 h exactly.
  const sent = input.sentReplies.map((at) => at.getTime()).filter((at) => at > since);
  const holds: Admission[] = [];
  // Each hold lifts once the reply that reached its threshold leaves the rolling hour.
  const liftAt = (threshold: number) => (sent[sent.length - threshold] ?? input.now) + REPLY_CAP_WINDOW_MS;
  if (Number.isFinite(cap)) {
    const open = cap - Math.floor(cap * share);
    if (sent.length >= cap) holds.push({ admit: "no-replies", until: liftAt(cap) });
    else if (sent.length >= open) holds.push({ admit: "priority", until: liftAt(open) });
  }
  const server = input.statuses;
  const reserveBeyondMs = options.reserveBeyondMs ?? SHORT_WINDOW_MS;
  if (server !== null && server.resetAt.getTime() - input.now > reserveBeyondMs) {
    if (server.remaining <= Math.floor(server.limit * share)) {
      holds.push({ admit: "priority", until: server.resetAt.getTime() });
    }
  }
  if (holds.length === 0) return { admit: "all", until: null };
  const strictest = holds.reduce((a, b) => (LEVEL[b.admit] > LEVEL[a.admit] ? b : a));
  // Wake at the first change: a lifted hold may leave a milder one, found on the next look.
  const until = Math.min(...holds.map((hold) => hold.until ?? Number.POSITIVE_INFINITY));
  return { admit: strictest.admit, until };
}

/** How soon a hold for mentions being taken in is looked at again (the intake also wakes the sender). */
export const RECEIVING_RECHECK_MS = 250;

/**
 * While mentions are still being taken in (a burst arriving), replies to accounts already answered
 * wait: another account's first question may be one of those not stored yet. Priority posts go.
 */
export function holdWhileReceiving(admitted: Admission, now: number): Admission {
  if (LEVEL[admitted.admit] >= LEVEL.priority) return admitted;
  return { admit: "priority", until: now + RECEIVING_RECHECK_MS };
}
