import { describe, expect, it, vi } from "vitest";
import { forceGc } from "../support/force-gc.js";
import { repliesTo, useLiveBots } from "./live-harness.js";

const live = useLiveBots();

describe("the live bot when the server accepts a request and never answers", () => {
  it("gives a hung reply up at its own timeout, also after a garbage collection, and posts it again", async () => {
    const fake = await live.fake();
    const ann = fake.addAccount({ username: "ann" });
    await live.bot(fake, {}, { tuning: { requestTimeoutMs: 1_000 } });
    fake.switches.hang = { "POST /api/v1/statuses": 1 };
    const { status } = fake.mention(ann, "bis wann kann ich widersprechen?");
    const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses");
    await vi.waitFor(() => expect(posts()).toHaveLength(1), { timeout: 30_000, interval: 20 });
    // masto's own timeout (AbortSignal.any of AbortSignal.timeout) does not survive this.
    forceGc();

    const [reply] = await repliesTo(fake, status.id);
    expect(reply?.text).toContain("@ann");
    expect(posts().map((r) => r.status)).toEqual([0, 200]); // the first never answered
  });
});
