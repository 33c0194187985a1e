import type {
  AcceptNotificationInput,
  OutboxGroupInput,
  OutboxPostInput,
} from "../../src/store/state-store.js";

/** A fixed start time; tests move in minutes from here, never read the clock. */
export const T0 = new Date("2025-05-20T10:00:00Z");

export function at(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000);
}

export function post(text: string, extra: Partial<OutboxPostInput> = {}): OutboxPostInput {
  return { text, language: "de", visibility: "unlisted", inReplyToId: null, ...extra };
}

/** A mention notification with a one-post reply, received at minute `minute`, expiring 2 h later. */
export function mention(
  notificationId: string,
  extra: Partial<AcceptNotificationInput> & { minute?: number } = {},
): AcceptNotificationInput {
  const { minute = 0, ...rest } = extra;
  const statusId = rest.statusId === undefined ? `s${notificationId}` : rest.statusId;
  return {
    notificationId,
    statusId,
    accountId: "alice",
    kind: "mention",
    receivedAt: at(minute),
    deadlineAt: at(minute + 120),
    posts: [post(`@alice answer to ${notificationId}`, { inReplyToId: statusId })],
    ...rest,
  };
}

/** A reply of `count` posts: the first answers the status, the rest chain into a thread. */
export function thread(statusId: string, count: number): OutboxPostInput[] {
  return Array.from({ length: count }, (_, index) =>
    index === 0
      ? post("part 0", { inReplyToId: statusId })
      : post(`part ${index}`, { chainToPrevious: true }),
  );
}

export function reminderPosts(minute: number, texts: readonly string[] = ["Noch 3 Tage"]): OutboxGroupInput {
  return {
    posts: texts.map((text) => post(text, { visibility: "public" })),
    dueAt: at(minute),
    deadlineAt: at(minute + 180),
  };
}
