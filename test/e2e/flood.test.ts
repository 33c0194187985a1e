import { describe, expect, it, vi } from "vitest";
import { QUESTIONS } from "./exactly-once.js";
import { repliesTo, useLiveBots } from "./live-harness.js";

const live = useLiveBots();

const ACCOUNTS = 50;
const EACH = 10;
/** The defaults: REPLIES_PER_HOUR 80, of which replies to accounts answered in the hour may use 80%. */
const CAP = 80;
const OPEN = 64;

describe("a flood of mentions (issue 12, item 4)", () => {
  it("answers a first-time asker next, ahead of the flood's second replies, within the hourly cap", async () => {
    // Mastodon's posting budget: 300 statuses per 3 hours.
    const fake = await live.fake({ limits: { statuses: { limit: 300, windowMs: 3 * 3_600_000 } } });
    const bot = await live.bot(fake);
    await fake.waitForSubscription();
    const flooders = Array.from({ length: ACCOUNTS }, (_, i) => fake.addAccount({ username: `flood${i}` }));
    // Each account sends its ten in a row: the order that starves others most when sent oldest first.
    for (const account of flooders) {
      for (let i = 0; i < EACH; i++) fake.mention(account, QUESTIONS[i % QUESTIONS.length]!);
    }
    const floodAccount = (text: string) => /^@(flood\d+)/.exec(text)?.[1];
    await vi.waitFor(
      async () => {
        const received = (await bot.metrics.mentionsReceived.get()).values[0]?.value ?? 0;
        const answered = new Set(fake.posted.map((p) => floodAccount(p.text)));
        // All taken in, every account's first reply sent, and the open part of the cap used up:
        // from here the flood's further replies wait for the hour to pass.
        if (received < ACCOUNTS * EACH || answered.size < ACCOUNTS || fake.posted.length < OPEN) {
          throw new Error(
            `${received} received, ${answered.size} accounts answered, ${fake.posted.length} posted`,
          );
        }
      },
      { timeout: 60_000, interval: 20 },
    );
    const floodPosts = fake.posted.length;
    expect(floodPosts).toBeLessThan(CAP);

    const asker = fake.addAccount({ username: "newcomer" });
    const { status } = fake.mention(asker, "wie widerspreche ich bei insta?");
    const [reply] = await repliesTo(fake, status.id);
    expect(fake.posted.indexOf(reply!)).toBe(floodPosts);
    expect(fake.posted).toHaveLength(floodPosts + 1);
  });
});
