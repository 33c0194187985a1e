import type { Visibility } from "../domain/mention.js";
import {
  favouriteIdempotencyKey,
  greetingGroupKey,
  postIdempotencyKey,
  reminderGroupKey,
  replyGroupKey,
} from "./outbox-keys.js";
import type {
  AcceptNotificationInput,
  OutboxGroupInput,
  OutboxItem,
  OutboxKind,
  OutboxPostInput,
  OutboxState,
  ReminderState,
} from "./state-store.js";

/** An outbox item as both stores keep it: flat, times in epoch milliseconds. */
export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  idempotencyKey: string;
  groupKey: string;
  position: number;
  state: OutboxState;
  attempts: number;
  remoteId: string | null;
  lastError: string | null;
  notificationId: string | null;
  reminderKey: string | null;
  statusId: string | null;
  accountId: string | null;
  text: string | null;
  language: string | null;
  visibility: Visibility | null;
  inReplyToId: string | null;
  chainToPrevious: boolean;
  /** Sort key: the mention's time (or a group's due time), then `orderId`, then position. */
  orderAt: number;
  orderId: string;
  dueAt: number;
  deadlineAt: number;
  createdAt: number;
  updatedAt: number;
}

export type NewOutboxRow = Omit<OutboxRow, "id">;

/** States an item can still leave; the others are settled. */
export const OPEN_STATES: readonly OutboxState[] = ["pending", "sending"];

/** What a reminder's record becomes when one of its items settles this way (sent: once all are). */
export const REMINDER_STATE_AFTER: Partial<Record<OutboxState, ReminderState>> = {
  sent: "posted",
  expired: "skipped",
  failed: "failed",
};

/** Why later posts of a group are cancelled when an earlier one settles without being sent. */
export function cascadeReason(state: OutboxState, position: number): string {
  return `post ${position} of this group was ${state}`;
}

/** The rows to insert for one accepted notification (posts first, then the favourite). */
export function planReply(input: AcceptNotificationInput): NewOutboxRow[] {
  const groupKey = replyGroupKey(input.notificationId);
  const wantsFavourite = input.favourite === true;
  if (input.posts.length === 0 && !wantsFavourite) return [];
  if (input.deadlineAt === undefined) {
    throw new TypeError(`Notification ${input.notificationId}: deadlineAt is required to enqueue a reply.`);
  }
  const base = {
    notificationId: input.notificationId,
    reminderKey: null,
    statusId: input.statusId,
    accountId: input.accountId,
    orderAt: (input.createdAt ?? input.receivedAt).getTime(),
    orderId: input.notificationId,
    dueAt: input.receivedAt.getTime(),
    deadlineAt: input.deadlineAt.getTime(),
    createdAt: input.receivedAt.getTime(),
  };
  const rows = input.posts.map((post, index) => postRow(groupKey, index, post, base));
  if (wantsFavourite) {
    if (input.statusId === null) {
      throw new TypeError(`Notification ${input.notificationId}: a favourite needs the status id.`);
    }
    rows.push({
      ...emptyRow(groupKey, rows.length, base),
      kind: "favourite",
      idempotencyKey: favouriteIdempotencyKey(groupKey),
    });
  }
  return rows;
}

/** The rows of a reminder slot's posts. */
export function planReminder(key: string, group: OutboxGroupInput, now: Date): NewOutboxRow[] {
  return planGroup(reminderGroupKey(key), group, now, { reminderKey: key, accountId: null });
}

/** The rows of a greeting's posts. */
export function planGreeting(accountId: string, group: OutboxGroupInput, now: Date): NewOutboxRow[] {
  return planGroup(greetingGroupKey(accountId), group, now, { reminderKey: null, accountId });
}

function planGroup(
  groupKey: string,
  group: OutboxGroupInput,
  now: Date,
  owner: { reminderKey: string | null; accountId: string | null },
): NewOutboxRow[] {
  const base = {
    notificationId: null,
    statusId: null,
    ...owner,
    orderAt: group.dueAt.getTime(),
    orderId: groupKey,
    dueAt: group.dueAt.getTime(),
    deadlineAt: group.deadlineAt.getTime(),
    createdAt: now.getTime(),
  };
  return group.posts.map((post, index) => postRow(groupKey, index, post, base));
}

type RowBase = Pick<
  NewOutboxRow,
  | "notificationId"
  | "reminderKey"
  | "statusId"
  | "accountId"
  | "orderAt"
  | "orderId"
  | "dueAt"
  | "deadlineAt"
  | "createdAt"
>;

function postRow(groupKey: string, index: number, post: OutboxPostInput, base: RowBase): NewOutboxRow {
  const chain = post.chainToPrevious === true;
  if (chain && index === 0) {
    throw new RangeError(`${groupKey}: post 0 cannot chain to a previous post.`);
  }
  return {
    ...emptyRow(groupKey, index, base),
    kind: "post",
    idempotencyKey: postIdempotencyKey(groupKey, index),
    text: post.text,
    language: post.language,
    visibility: post.visibility,
    inReplyToId: chain ? null : post.inReplyToId,
    chainToPrevious: chain,
  };
}

function emptyRow(groupKey: string, position: number, base: RowBase): NewOutboxRow {
  return {
    ...base,
    kind: "post",
    idempotencyKey: "",
    groupKey,
    position,
    state: "pending",
    attempts: 0,
    remoteId: null,
    lastError: null,
    text: null,
    language: null,
    visibility: null,
    inReplyToId: null,
    chainToPrevious: false,
    updatedAt: base.createdAt,
  };
}

/** The public view of a row; a chained post's `inReplyToId` is its predecessor's remote id. */
export function toOutboxItem(row: OutboxRow, previousRemoteId: string | null): OutboxItem {
  const common = {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    groupKey: row.groupKey,
    position: row.position,
    state: row.state,
    attempts: row.attempts,
    remoteId: row.remoteId,
    lastError: row.lastError,
    notificationId: row.notificationId,
    reminderKey: row.reminderKey,
    accountId: row.accountId,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    dueAt: new Date(row.dueAt),
    deadlineAt: new Date(row.deadlineAt),
  };
  if (row.kind === "favourite") return { ...common, kind: "favourite", statusId: row.statusId ?? "" };
  return {
    ...common,
    kind: "post",
    statusId: row.statusId,
    text: row.text ?? "",
    language: row.language ?? "",
    visibility: row.visibility ?? "direct",
    chainToPrevious: row.chainToPrevious,
    inReplyToId: row.chainToPrevious ? previousRemoteId : row.inReplyToId,
  };
}
