import { describe, expect, it, vi } from "vitest";
import type { FakeMastodon } from "../support/fake-mastodon/index.js";
import { expectEachAnsweredOnce, PATIENCE_MS, QUESTIONS } from "./exactly-once.js";
import { useLiveBots } from "./live-harness.js";

const live = useLiveBots();

const roomy = { statuses: { limit: 100_000, windowMs: 3 * 3_600_000 } };
/** Bursts far beyond the per-account and hourly caps: these tests are about faults, not fairness. */
const BURST_ENV = { REPLIES_PER_ACCOUNT_PER_HOUR: "1000", REPLIES_PER_HOUR: "10000" };

function burst(fake: FakeMastodon, count: number, offset = 0): string[] {
  const people = Array.from({ length: 50 }, (_, i) => fake.addAccount({ username: `p${offset}x${i}` }));
  return Array.from(
    { length: count },
    (_, i) => fake.mention(people[i % people.length]!, QUESTIONS[i % QUESTIONS.length]!).status.id,
  );
}

describe("faults", () => {
  it("answers every mention of a 300-mention burst exactly once though the stream drops three times", async () => {
    const fake = await live.fake({ limits: roomy });
    await live.bot(fake, BURST_ENV);
    await fake.waitForSubscription();
    const ids: string[] = [];
    for (let round = 0; round < 4; round++) {
      ids.push(...burst(fake, 75, round));
      if (round < 3) {
        // Wait for some replies, so the drop lands in the middle of the work.
        await vi.waitFor(() => expect(fake.posted.length).toBeGreaterThan(ids.length - 60), {
          timeout: PATIENCE_MS,
        });
        expect(fake.dropStreams()).toBeGreaterThan(0);
      }
    }
    await expectEachAnsweredOnce(fake, ids);
    expect(fake.streamConnects()).toBeGreaterThanOrEqual(4);
  });

  it("answers everything once after a storm of 429s on posting", async () => {
    const fake = await live.fake({ limits: roomy, faultResetMs: 100 });
    await live.bot(fake, BURST_ENV);
    fake.failNext(25, 429, { pathPrefix: "/api/v1/statuses" });
    const ids = burst(fake, 30);
    await expectEachAnsweredOnce(fake, ids);
    expect(fake.pendingFaults()).toBe(0);
  });

  it("answers everything once after a storm of 500s, some after the post was made", async () => {
    const fake = await live.fake({ limits: roomy, switches: { honourIdempotency: false } });
    await live.bot(fake, BURST_ENV);
    fake.failNext(6, 500, { pathPrefix: "/api/v1/statuses", when: "after" });
    fake.failNext(6, 502, { pathPrefix: "/api/v1/statuses" });
    const ids = burst(fake, 20);
    await expectEachAnsweredOnce(fake, ids);
    expect(fake.pendingFaults()).toBe(0);
  });
});
