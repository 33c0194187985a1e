import { ENV_DOCS } from "../src/config/env-schema.js";
import { DEFAULT_RESERVE_SHARE } from "../src/outbox/posting-budget.js";
import type { FakeMastodon } from "../test/support/fake-mastodon/index.js";
import { until, withBot } from "./live-bench.js";

const QUESTIONS = ["wie widerspreche ich bei insta?", "Link für Facebook bitte", "why is meta doing this?"];
const ACCOUNTS = 50;
const EACH = 10;
/** Replies the default cap lets go before only first replies may: the flood's share of the hour. */
const CAP = Number(ENV_DOCS.REPLIES_PER_HOUR.default);
const OPEN = CAP - Math.floor(CAP * DEFAULT_RESERVE_SHARE);

/** A first-time asker's mention: how long until its reply, and how many posts went before it. */
async function ask(fake: FakeMastodon, username: string): Promise<{ ms: number; before: number }> {
  const asker = fake.addAccount({ username });
  const t0 = performance.now();
  const { status } = fake.mention(asker, "wie widerspreche ich bei insta?");
  const postsAtMention = fake.posted.length;
  await until(() => fake.posted.some((p) => p.inReplyToId === status.id), 120_000, 5);
  const before = fake.posted.findIndex((p) => p.inReplyToId === status.id) - postsAtMention;
  return { ms: performance.now() - t0, before };
}

/**
 * Issue 12, item 4: 50 accounts send 10 on-topic mentions each against Mastodon's posting budget
 * (300 per 3 hours), with the default REPLIES_PER_HOUR. A first-time asker writes right after the
 * flood, and another once the flood's further replies are held for the hour.
 */
export async function runFloodBench(): Promise<void> {
  const limits = { statuses: { limit: 300, windowMs: 3 * 3_600_000 } };
  // The defaults (REPLIES_PER_HOUR and REPLIES_PER_ACCOUNT_PER_HOUR), as an operator runs it.
  const defaults = { REPLIES_PER_ACCOUNT_PER_HOUR: "", REPLIES_PER_HOUR: "" };
  await withBot(
    { limits },
    async (fake) => {
      const flooders = Array.from({ length: ACCOUNTS }, (_, i) => fake.addAccount({ username: `flood${i}` }));
      for (const account of flooders) {
        for (let i = 0; i < EACH; i++) fake.mention(account, QUESTIONS[i % QUESTIONS.length]!);
      }
      const amid = await ask(fake, "first");
      const floodAccounts = () => new Set(fake.posted.flatMap((p) => /^@(flood\d+)/.exec(p.text)?.[1] ?? []));
      await until(() => floodAccounts().size === ACCOUNTS && fake.posted.length >= OPEN, 120_000, 10);
      const held = fake.posted.length;
      const later = await ask(fake, "second");
      console.log(
        `flood: ${ACCOUNTS} accounts x ${EACH} mentions, 300 posts per 3 h, REPLIES_PER_HOUR default: a first-time asker right after the flood waited ${amid.ms.toFixed(0)} ms (${amid.before} posts went before it); once the flood was held (${held} posts sent in its first hour), another waited ${later.ms.toFixed(0)} ms (${later.before} posts before it).`,
      );
    },
    defaults,
  );
}
