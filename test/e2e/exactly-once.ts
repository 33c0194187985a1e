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

/**
 * How long a slow test waits for an event before calling it lost. Generous: a loaded two-core
 * machine (load average 7) can take minutes for a burst, and a passing run never waits this long.
 */
export const PATIENCE_MS = 300_000;

/** Waits until every status has a reply, then checks that none has two. */
export async function expectEachAnsweredOnce(
  fake: FakeMastodon,
  statusIds: readonly string[],
  timeout = PATIENCE_MS,
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
