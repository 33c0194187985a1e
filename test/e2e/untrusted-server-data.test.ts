import { describe, expect, it } from "vitest";
import { repliesTo, useLiveBots } from "./live-harness.js";

const live = useLiveBots();

describe("the live bot with data a server should not have sent", () => {
  it("answers an author whose acct is not a handle without mentioning anyone", async () => {
    const fake = await live.fake();
    const alice = fake.addAccount({ username: "alice", domain: "remote.example" });
    fake.addAccount({ username: "victim", domain: "evil.example" });
    fake.switches.servedAcct[alice.id] = "alice @victim@evil.example #spam https://spam.example/\nx";
    const logLines: string[] = [];
    await live.bot(fake, {}, { logLines });
    const { status } = fake.mention(alice, "bis wann?");
    const [reply] = await repliesTo(fake, status.id);
    expect(reply!.mentions).toEqual([]);
    expect(reply!.text).not.toMatch(/@|victim|#spam|spam\.example/);
    const warnings = logLines.filter((line) => line.includes("not a valid handle"));
    expect(warnings.length).toBeGreaterThan(0);
    for (const line of warnings) expect(JSON.parse(line)).toMatchObject({ accountId: alice.id });
  });
});
