/** Issue 12, items 1 and 7: the live bot finds a streaming URL that works and comes back to it. */
import { describe, expect, it, vi } from "vitest";
import type { FakeMastodon } from "../support/fake-mastodon/index.js";
import { repliesTo, useLiveBots } from "./live-harness.js";

const live = useLiveBots();

type LogLine = Record<string, unknown> & { msg?: string };
const parse = (lines: readonly string[]): LogLine[] => lines.map((l) => JSON.parse(l) as LogLine);

/**
 * Waits (bounded, for a stuck bot only) until the error frames are used up and the bot's socket is
 * subscribed and open on its side too: the server subscribes at the upgrade (`?stream=`), and a
 * frame sent before the client saw its socket open may be lost (the connect's catch-up covers it).
 */
async function streamingAgain(fake: FakeMastodon, logLines: string[]): Promise<void> {
  await vi.waitFor(
    () => {
      expect(fake.switches.streamErrorFrames).toBe(0);
      expect(fake.subscribers("user:notification")).toBe(1);
      const opened = parse(logLines).filter((l) => /^streaming: (re)?connected$/.test(l.msg ?? ""));
      expect(opened).toHaveLength(fake.streamConnects());
    },
    { timeout: 40_000, interval: 20 },
  );
}

/**
 * Mentions the bot, waits for the reply and for the stream to have delivered the mention. The
 * catch-up on every connect may hand it over first (then the stream's copy is "already handled"),
 * so the test asks whether the stream brought it, not which came first.
 */
async function answeredThroughStream(fake: FakeMastodon, logLines: string[], username: string) {
  const { status, notification } = fake.mention(fake.addAccount({ username }), "bis wann?");
  await repliesTo(fake, status.id);
  await vi.waitFor(
    () => {
      const lines = parse(logLines).filter((l) => l.notificationId === notification?.id);
      expect(lines.map((l) => l.source)).toContain("stream");
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** The stream variants of the accepted upgrades since `from`, as `stream token-place`. */
function upgradesSince(fake: FakeMastodon, from: number): string[] {
  return fake
    .requestsTo("/api/v1/streaming")
    .filter((r) => r.upgrade && r.status === 101)
    .slice(from)
    .map((r) => {
      const query = new URLSearchParams(r.query);
      return `${query.get("stream")} ${query.has("access_token") ? "query" : "subprotocol"}`;
    });
}

describe("streaming on a server that advertises a wrong URL or sends error frames", () => {
  it("streams from MASTODON_URL's origin when the advertised wss:// URL fails, and says so", async () => {
    const fake = await live.fake();
    fake.switches.advertisedStreamingUrl = fake.url.replace("http:", "wss:");
    const logLines: string[] = [];
    await live.bot(fake, {}, { logLines });
    await streamingAgain(fake, logLines);
    await answeredThroughStream(fake, logLines, "alice");
    expect(parse(logLines).find((l) => l.msg === "streaming: connected")).toMatchObject({
      url: fake.url.replace("http:", "ws:"),
      advertised: fake.url.replace("http:", "wss:"),
    });
  }, 60_000);

  it("polls while every form gets error frames, then streams again after STREAM_RETRY_INTERVAL", async () => {
    const fake = await live.fake({ switches: { streamErrorFrames: 4 } });
    const logLines: string[] = [];
    await live.bot(fake, { STREAM_RETRY_INTERVAL: "1s" }, { logLines });
    await streamingAgain(fake, logLines);
    const messages = parse(logLines).map((l) => l.msg);
    expect(messages).toContain("streaming: refused in every form; polling");
    expect(messages.lastIndexOf("streaming: connected")).toBeGreaterThan(
      messages.indexOf("streaming: refused in every form; polling"),
    );
    await answeredThroughStream(fake, logLines, "bert");
  }, 60_000);

  it("keeps a form that delivered events through error frames, and streams on with it", async () => {
    const fake = await live.fake();
    const logLines: string[] = [];
    await live.bot(fake, { STREAM_RETRY_INTERVAL: "1s" }, { logLines });
    await streamingAgain(fake, logLines);
    await answeredThroughStream(fake, logLines, "carla");
    const before = upgradesSince(fake, 0).length;
    // Five error frames in all: before the fix the fourth switched streaming off until a restart.
    fake.switches.streamErrorFrames = 4;
    expect(fake.sendStreamError()).toBe(1);
    await streamingAgain(fake, logLines);
    await answeredThroughStream(fake, logLines, "dora");
    expect(upgradesSince(fake, before)).toEqual(Array(5).fill("user:notification subprotocol"));
  }, 60_000);
});
