import { describe, expect, it, vi } from "vitest";
import { repliesTo, useLiveBots } from "./live-harness.js";

const live = useLiveBots();

/** The health server's port, from its start-up line. */
function healthPort(lines: readonly string[]): number {
  const line = lines.map((l) => JSON.parse(l) as { msg?: string; port?: number }).find((l) => l.port);
  if (!line?.port) throw new Error("no health server line");
  return line.port;
}

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

  it("keeps a truncated notifications page's text out of every log line and /readyz", async () => {
    const fake = await live.fake({
      switches: { streaming: "absent" },
      notificationPolicy: { forPrivateMentions: "accept" },
    });
    const sam = fake.addAccount({ username: "sam" });
    const secret = "my PIN is 4711-SECRET";
    fake.mention(sam, secret, { visibility: "direct" });
    fake.switches.truncateNotificationPages = 1_000;
    const logLines: string[] = [];
    await live.bot(fake, {}, { logLines });
    await vi.waitFor(() => expect(logLines.join("\n")).toContain("catch-up: failed"), { timeout: 60_000 });
    const readyz = await (await fetch(`http://127.0.0.1:${healthPort(logLines)}/readyz`)).text();
    expect(readyz).toContain("lastCatchUpError");
    expect(readyz).not.toContain("SECRET");
    const failure = logLines.find((line) => line.includes("catch-up: failed"));
    expect(failure).toMatch(/bytes/);
    expect(logLines.filter((line) => line.includes("SECRET"))).toEqual([]);
  });
});
