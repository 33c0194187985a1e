import { describe, expect, it, vi } from "vitest";
import { repliesTo, useLiveBots } from "./live-harness.js";

const live = useLiveBots();

describe("the live bot's first start (no cursor, e.g. a lost data folder)", () => {
  it("does not answer again what an earlier run answered or favourited, and answers what is new", async () => {
    // Keys are kept for an hour at most, and not by every server.
    const fake = await live.fake({ switches: { honourIdempotency: false } });
    const ann = fake.addAccount({ username: "ann" });
    const lena = fake.addAccount({ username: "lena" });
    const neo = fake.addAccount({ username: "neo" });
    const earlier = await live.bot(fake);
    const { status: question } = fake.mention(ann, "bis wann kann ich widersprechen?");
    const { status: thanks } = fake.mention(lena, "Danke dir! 🙏");
    await repliesTo(fake, question.id);
    await vi.waitFor(() => expect(fake.favourites.map((f) => f.statusId)).toContain(thanks.id), {
      timeout: 60_000,
    });
    await earlier.stop(); // and its data folder is gone

    const _again = await live.bot(fake);
    const { status: fresh } = fake.mention(neo, "bis wann?");
    await repliesTo(fake, fresh.id);

    expect(fake.posted.filter((p) => p.inReplyToId === question.id)).toHaveLength(1);
    expect(fake.favourites.filter((f) => f.statusId === thanks.id)).toHaveLength(1);
  });
});
