import { expect, vi } from "vitest";
import type { FakeMastodon } from "../support/fake-mastodon/index.js";

/** Questions whose answer fits one post, so "answered once" means exactly one reply. */
export const QUESTIONS = [
  "wie widerspreche ich bei insta?",
  "Link für Facebook bitte",
  "Alternativen zu WhatsApp?",
  "why is meta doing this?",
  "welche Daten nimmt Meta?",
  "soll ich mein insta löschen?",
];

/** Waits until every status has a reply, then checks that none has two. */
export async function expectEachAnsweredOnce(
  fake: FakeMastodon,
  statusIds: readonly string[],
  timeout = 60_000,
) {
  await vi.waitFor(
    () => {
      const answered = new Set(fake.posted.map((p) => p.inReplyToId));
      const missing = statusIds.filter((id) => !answered.has(id));
      if (missing.length > 0)
        throw new Error(`${missing.length} of ${statusIds.length} mentions not answered yet`);
    },
    { timeout, interval: 50 },
  );
  const counts = new Map<string, number>();
  for (const p of fake.posted)
    if (p.inReplyToId) counts.set(p.inReplyToId, (counts.get(p.inReplyToId) ?? 0) + 1);
  const doubled = statusIds.filter((id) => (counts.get(id) ?? 0) > 1);
  expect(doubled).toEqual([]);
  expect(statusIds.every((id) => counts.get(id) === 1)).toBe(true);
}
