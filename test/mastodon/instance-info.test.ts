import { MastoDeserializeError, type mastodon } from "masto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRestClient } from "../../src/mastodon/create-rest-client.js";
import { fetchInstanceInfo } from "../../src/mastodon/instance-info.js";
import { USER_AGENT } from "../../src/mastodon/user-agent.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";
import { captureLogger } from "./helpers.js";

let fake: FakeMastodon;

beforeEach(async () => {
  fake = await startFakeMastodon({ maxCharacters: 1000, charactersReservedPerUrl: 25, version: "4.3.2" });
});

afterEach(async () => {
  await fake.close();
});

function fetchInfo() {
  const log = captureLogger();
  const rest = createRestClient({ url: fake.url, accessToken: fake.token, timeoutMs: 5_000 });
  return { log, info: fetchInstanceInfo(rest, log.logger) };
}

describe("fetchInstanceInfo", () => {
  it("names an unreadable answer by its type and size, never its text", async () => {
    const body = '{"title":"PRIVATE-TEXT';
    const broken = () =>
      Promise.reject(
        new MastoDeserializeError(`Malformed JSON ${body} returned from the server.`, "json", body),
      );
    const rest = { v2: { instance: { fetch: broken } }, v1: { instance: { fetch: broken } } };
    const log = captureLogger();
    await fetchInstanceInfo(rest as unknown as mastodon.rest.Client, log.logger);
    expect(JSON.stringify(log.lines)).toContain(`MastoDeserializeError, json, ${body.length} bytes`);
    expect(JSON.stringify(log.lines)).not.toContain("PRIVATE-TEXT");
  });

  it("reads streaming URL and limits from /api/v2/instance, sending the User-Agent", async () => {
    const { info } = fetchInfo();
    expect(await info).toEqual({
      streamingUrl: fake.streamingUrl,
      maxCharacters: 1000,
      charactersReservedPerUrl: 25,
      version: "4.3.2",
      source: "v2",
    });
    const [request] = fake.requestsTo("/api/v2/instance");
    expect(request?.headers["user-agent"]).toBe(USER_AGENT);
    expect(fake.requestsTo("/api/v1/instance")).toHaveLength(0);
  });

  it.each(["404", "html", "text"] as const)(
    "falls back to /api/v1/instance when v2 answers %s",
    async (mode) => {
      fake.switches.instanceV2 = mode;
      const { info, log } = fetchInfo();
      expect(await info).toMatchObject({
        streamingUrl: fake.streamingUrl,
        maxCharacters: 1000,
        source: "v1",
      });
      const warning = log.lines.find((l) => l.msg === "instance: read from /api/v1/instance");
      expect(warning?.failures).toEqual([expect.stringMatching(/^v2: /)]);
    },
  );

  it.each([
    ["404", "html"],
    ["html", "text"],
    ["text", "404"],
  ] as const)("assumes 500 characters when v2 answers %s and v1 %s, and says so once", async (v2, v1) => {
    fake.switches.instanceV2 = v2;
    fake.switches.instanceV1 = v1;
    const { info, log } = fetchInfo();
    expect(await info).toEqual({
      streamingUrl: null,
      maxCharacters: 500,
      charactersReservedPerUrl: 23,
      version: null,
      source: "defaults",
    });
    expect(log.lines.filter((l) => String(l.msg).startsWith("instance:"))).toHaveLength(1);
    expect(log.lines[0]?.level).toBe(40);
  });

  it("reports no streaming URL when the server advertises none", async () => {
    fake.switches.streaming = "absent";
    const { info } = fetchInfo();
    expect((await info).streamingUrl).toBeNull();
    fake.switches.instanceV2 = "404";
    expect((await fetchInfo().info).streamingUrl).toBeNull();
  });

  it("survives a server that is not there at all", async () => {
    const url = fake.url;
    await fake.close();
    const log = captureLogger();
    const rest = createRestClient({ url, accessToken: "x", timeoutMs: 2_000 });
    expect(await fetchInstanceInfo(rest, log.logger)).toMatchObject({
      source: "defaults",
      maxCharacters: 500,
    });
  });
});
