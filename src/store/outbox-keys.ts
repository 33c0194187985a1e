/** Group key of the items answering one notification. */
export function replyGroupKey(notificationId: string): string {
  return `reply:${notificationId}`;
}

/** Group key of the posts of one reminder slot. */
export function reminderGroupKey(reminderKey: string): string {
  return `reminder:${reminderKey}`;
}

/** Group key of the greeting to one follower. */
export function greetingGroupKey(accountId: string): string {
  return `greeting:${accountId}`;
}

/** The `Idempotency-Key` of post `index` of a group: stable, so a resend after a crash collapses. */
export function postIdempotencyKey(groupKey: string, index: number): string {
  return `${groupKey}:${index}`;
}

/** The key of a group's favourite (favourites are idempotent on the server; the key dedupes locally). */
export function favouriteIdempotencyKey(groupKey: string): string {
  return `${groupKey}:favourite`;
}
