import { format } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openMastoStream, type StreamEvent, type StreamSession } from "../../src/mastodon/stream-session.js";
import type { StreamVariant } from "../../src/mastodon/stream-variants.js";
import { USER_AGENT } from "../../src/mastodon/user-agent.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";

let fake: FakeMastodon;
let session: StreamSession | undefined;

beforeEach(async () => {
  fake = await startFakeMastodon();
  fake.addAccount({ username: "alice" });
  // masto prints every failed connect attempt through console.error; the tests read the outcome instead.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

afterEach(async () => {
  session?.close();
  await session?.ended;
  session = undefined;
  await fake.close();
  vi.restoreAllMocks();
});

function open(variant: StreamVariant, token = fake.token) {
  const events: StreamEvent[] = [];
  let opens = 0;
  session = openMastoStream({
    streamingUrl: fake.streamingUrl,
    accessToken: token,
    variant,
    onOpen: () => {
      opens += 1;
    },
    onEvent: (event) => events.push(event),
  });
  return { events, opens: () => opens, session };
}

describe("openMastoStream", () => {
  it("streams notifications with the User-Agent and the stream named in the URL; ends `closed` on a drop", async () => {
    const { events, opens, session: s } = open({ stream: "user:notification", tokenInQuery: false });
    await vi.waitFor(() => expect(opens()).toBe(1), { timeout: 5_000 });
    expect(fake.subscribers("user:notification")).toBe(1);
    const { notification } = fake.mention("alice", "hallo");
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({
      kind: "notification",
      payload: { id: notification!.id, type: "mention" },
    });
    const [upgrade] = fake.requests.filter((r) => r.upgrade);
    expect(upgrade?.headers["user-agent"]).toBe(USER_AGENT);
    expect(upgrade?.headers["sec-websocket-protocol"]).toBe(fake.token);
    expect(new URLSearchParams(upgrade?.query).get("stream")).toBe("user:notification");
    expect(upgrade?.query).not.toContain("access_token");
    fake.dropStreams();
    expect(await s.ended).toMatchObject({ opened: true, reason: "closed" });
    expect(fake.streamConnects()).toBe(1); // masto did not reconnect on its own
  });

  it("on the user stream, passes notifications and deletes and ignores timeline updates and edits", async () => {
    const { events, opens } = open({ stream: "user", tokenInQuery: true });
    await vi.waitFor(() => expect(opens()).toBe(1), { timeout: 5_000 });
    const { status } = fake.mention("alice", "eine Frage");
    fake.editStatus(status.id, "eine andere Frage");
    fake.deleteStatus(status.id);
    await vi.waitFor(() => expect(events.some((e) => e.kind === "delete")).toBe(true));
    expect(events.map((e) => (e.kind === "delete" ? `delete ${e.statusId}` : e.payload.type))).toEqual([
      "mention",
      "update",
      `delete ${status.id}`,
    ]);
    const [upgrade] = fake.requests.filter((r) => r.upgrade);
    expect(new URLSearchParams(upgrade?.query).get("access_token")).toBe(fake.token);
  });

  it("reports a refused upgrade with its status", async () => {
    const { session: s, opens } = open({ stream: "user:notification", tokenInQuery: false }, "wrong-token");
    expect(await s.ended).toMatchObject({ opened: false, reason: "refused", status: 401 });
    fake.switches.streaming = "absent";
    const again = open({ stream: "user:notification", tokenInQuery: false });
    expect(await again.session.ended).toMatchObject({ opened: false, reason: "refused", status: 404 });
    expect(opens()).toBe(0);
  });

  it("reports an unreachable server as a failure, not a refusal", async () => {
    const url = fake.streamingUrl;
    await fake.close();
    session = openMastoStream({
      streamingUrl: url,
      accessToken: "t",
      variant: { stream: "user:notification", tokenInQuery: false },
      onOpen: () => undefined,
      onEvent: () => undefined,
    });
    expect(await session.ended).toMatchObject({ opened: false, reason: "failed" });
  });

  it("ends `stopped` when closed, even before masto's delayed first connect", async () => {
    const { session: s, opens } = open({ stream: "user:notification", tokenInQuery: false });
    s.close();
    expect(await s.ended).toMatchObject({ reason: "stopped" });
    expect(opens()).toBe(0);
    expect(fake.openStreams()).toBe(0);
  });

  it.each([false, true])(
    "never prints the token when a connect fails (token in query: %s)",
    async (tokenInQuery) => {
      const printed: string[] = [];
      // As the console would print them: every argument formatted with util.inspect.
      const record = (...args: unknown[]) => void printed.push(format(...args));
      for (const method of ["error", "warn", "info", "log", "debug"] as const) {
        vi.spyOn(console, method).mockImplementation(record);
      }
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      });
      const secret = "s3cret-T0KEN-never-printed";
      const { session: s } = open({ stream: "user:notification", tokenInQuery }, secret);
      expect(await s.ended).toMatchObject({ opened: false, reason: "refused", status: 401 });
      stderr.mockRestore();
      expect(printed.length).toBeGreaterThan(0); // masto did report the failure
      expect(printed.join("\n")).not.toContain(secret);
      expect(printed.join("\n")).not.toContain(encodeURIComponent(secret).slice(0, 12));
    },
  );

  it("refuses a streaming URL masto could not connect to, without trying", async () => {
    for (const streamingUrl of ["ftp://127.0.0.1", "not a url"]) {
      const s = openMastoStream({
        streamingUrl,
        accessToken: "t",
        variant: { stream: "user:notification", tokenInQuery: false },
        onOpen: () => undefined,
        onEvent: () => undefined,
      });
      expect(await s.ended).toMatchObject({ opened: false, reason: "refused" });
    }
    expect(fake.requests).toHaveLength(0);
  });
});
