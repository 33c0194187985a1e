import { describe, expect, it } from "vitest";
import { repliesTo, useLiveBots } from "./live-harness.js";

const live = useLiveBots();
const MINUTE = 60_000;

type LogLine = { msg?: string; time?: string; retryAt?: string; serverAheadMs?: number };
const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as LogLine);
const SKEW_WARNING = /clock differs from this machine's by more than a minute/;

describe("the live bot when the server's clock is off", () => {
  it("150 minutes behind: a first start still answers fresh mentions, and says the clocks differ", async () => {
    const fake = await live.fake({ switches: { clockSkewMs: -150 * MINUTE } });
    const ann = fake.addAccount({ username: "ann" });
    const ben = fake.addAccount({ username: "ben" });
    const { status: before } = fake.mention(ann, "bis wann kann ich widersprechen?");
    const logLines: string[] = [];
    await live.bot(fake, {}, { logLines });
    const { status: after } = fake.mention(ben, "wo ist das Formular für Instagram?");

    await repliesTo(fake, before.id);
    await repliesTo(fake, after.id);
    const warnings = parse(logLines).filter((l) => SKEW_WARNING.test(l.msg ?? ""));
    expect(warnings).toHaveLength(1); // once, not per answer
    expect(warnings[0]?.serverAheadMs).toBeLessThanOrEqual(-149 * MINUTE);
  });

  it("60 minutes ahead: a rate-limited reply waits for the reset's 2 s of server time, not an hour", async () => {
    const fake = await live.fake({ switches: { clockSkewMs: 60 * MINUTE }, faultResetMs: 2_000 });
    const ann = fake.addAccount({ username: "ann" });
    const logLines: string[] = [];
    await live.bot(fake, {}, { logLines });
    fake.failNext(1, 429, { pathPrefix: "/api/v1/statuses" });
    const { status } = fake.mention(ann, "bis wann kann ich widersprechen?");

    await repliesTo(fake, status.id);
    const limited = parse(logLines).find((l) => l.msg === "Rate-limited; waiting for the reset.");
    const plannedWaitMs = Date.parse(limited?.retryAt ?? "") - Date.parse(limited?.time ?? "");
    expect(plannedWaitMs).toBeGreaterThan(0);
    expect(plannedWaitMs).toBeLessThan(10_000);
  });
});
