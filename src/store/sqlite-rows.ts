import {
  favouriteIdempotencyKey,
  greetingGroupKey,
  postIdempotencyKey,
  reminderGroupKey,
  replyGroupKey,
} from "./outbox-keys.js";
import type { OutboxInsert, OutboxSqlRow } from "./sqlite-statements.js";
import type {
  AcceptNotificationInput,
  OutboxGroupInput,
  OutboxItem,
  OutboxPostInput,
} from "./state-store.js";

/** What every row of one group shares. */
type RowBase = Pick<
  OutboxInsert,
  | "notificationId"
  | "reminderKey"
  | "statusId"
  | "accountId"
  | "accountRank"
  | "orderAt"
  | "orderId"
  | "dueAt"
  | "deadlineAt"
  | "createdAt"
>;

/** The rows to insert for one accepted notification (posts first, then the favourite). */
export function planReply(input: AcceptNotificationInput): OutboxInsert[] {
  const groupKey = replyGroupKey(input.notificationId);
  const wantsFavourite = input.favourite === true;
  if (input.posts.length === 0 && !wantsFavourite) return [];
  if (input.deadlineAt === undefined) {
    throw new TypeError(`Notification ${input.notificationId}: deadlineAt is required to enqueue a reply.`);
  }
  const base: RowBase = {
    notificationId: input.notificationId,
    reminderKey: null,
    statusId: input.statusId,
    accountId: input.accountId,
    accountRank: input.accountRank ?? 0,
    orderAt: (input.createdAt ?? input.receivedAt).getTime(),
    orderId: input.notificationId,
    dueAt: input.receivedAt.getTime(),
    deadlineAt: input.deadlineAt.getTime(),
    createdAt: input.receivedAt.getTime(),
  };
  // Only post 0 waits its turn: once a reply has begun, its later posts and favourite go first.
  const rows = input.posts.map((post, index) =>
    postRow(groupKey, index, post, index === 0 ? base : { ...base, accountRank: 0 }),
  );
  if (wantsFavourite) {
    if (input.statusId === null) {
      throw new TypeError(`Notification ${input.notificationId}: a favourite needs the status id.`);
    }
    rows.push({
      ...base,
      accountRank: rows.length === 0 ? base.accountRank : 0,
      kind: "favourite",
      idempotencyKey: favouriteIdempotencyKey(groupKey),
      groupKey,
      position: rows.length,
      text: null,
      language: null,
      visibility: null,
      inReplyToId: null,
      chainToPrevious: 0,
    });
  }
  return rows;
}

/** The rows of a reminder slot's posts. */
export function planReminder(key: string, group: OutboxGroupInput, now: Date): OutboxInsert[] {
  return planGroup(reminderGroupKey(key), group, now, { reminderKey: key, accountId: null });
}

/** The rows of a greeting's posts. */
export function planGreeting(accountId: string, group: OutboxGroupInput, now: Date): OutboxInsert[] {
  return planGroup(greetingGroupKey(accountId), group, now, { reminderKey: null, accountId });
}

function planGroup(
  groupKey: string,
  group: OutboxGroupInput,
  now: Date,
  owner: Pick<RowBase, "reminderKey" | "accountId">,
): OutboxInsert[] {
  const base: RowBase = {
    notificationId: null,
    statusId: null,
    ...owner,
    accountRank: 0,
    orderAt: group.dueAt.getTime(),
    orderId: groupKey,
    dueAt: group.dueAt.getTime(),
    deadlineAt: group.deadlineAt.getTime(),
    createdAt: now.getTime(),
  };
  return group.posts.map((post, index) => postRow(groupKey, index, post, base));
}

function postRow(groupKey: string, index: number, post: OutboxPostInput, base: RowBase): OutboxInsert {
  const chain = post.chainToPrevious === true;
  if (chain && index === 0) {
    throw new RangeError(`${groupKey}: post 0 cannot chain to a previous post.`);
  }
  return {
    ...base,
    kind: "post",
    idempotencyKey: postIdempotencyKey(groupKey, index),
    groupKey,
    position: index,
    text: post.text,
    language: post.language,
    visibility: post.visibility,
    inReplyToId: chain ? null : post.inReplyToId,
    chainToPrevious: chain ? 1 : 0,
  };
}

/** An outbox row as SQLite returns it → the public item; a chained post answers its predecessor. */
export function fromSqlRow(row: OutboxSqlRow): OutboxItem {
  const common = {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    groupKey: row.group_key,
    position: row.position,
    state: row.state,
    attempts: row.attempts,
    remoteId: row.remote_id,
    lastError: row.last_error,
    notificationId: row.notification_id,
    reminderKey: row.reminder_key,
    accountId: row.account_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    dueAt: new Date(row.due_at),
    deadlineAt: new Date(row.deadline_at),
  };
  if (row.kind === "favourite") return { ...common, kind: "favourite", statusId: row.status_id ?? "" };
  const chain = row.chain_to_previous === 1;
  return {
    ...common,
    kind: "post",
    statusId: row.status_id,
    text: row.text ?? "",
    language: row.language ?? "",
    visibility: row.visibility ?? "direct",
    chainToPrevious: chain,
    inReplyToId: chain ? row.previous_remote_id : row.in_reply_to_id,
  };
}
