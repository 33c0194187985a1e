import type { Visibility } from "../domain/mention.js";
import { toOutboxItem } from "./outbox-rows.js";
import type { OutboxSqlRow } from "./sqlite-statements.js";
import type { OutboxItem } from "./state-store.js";

/** An outbox row as SQLite returns it → the public item. */
export function fromSqlRow(row: OutboxSqlRow): OutboxItem {
  return toOutboxItem(
    {
      id: row.id,
      kind: row.kind,
      idempotencyKey: row.idempotency_key,
      groupKey: row.group_key,
      position: row.position,
      state: row.state,
      attempts: row.attempts,
      remoteId: row.remote_id,
      lastError: row.last_error,
      notificationId: row.notification_id,
      reminderKey: row.reminder_key,
      statusId: row.status_id,
      accountId: row.account_id,
      text: row.text,
      language: row.language,
      visibility: row.visibility as Visibility | null,
      inReplyToId: row.in_reply_to_id,
      chainToPrevious: row.chain_to_previous === 1,
      orderAt: row.order_at,
      orderId: row.order_id,
      dueAt: row.due_at,
      deadlineAt: row.deadline_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
    row.previous_remote_id,
  );
}
