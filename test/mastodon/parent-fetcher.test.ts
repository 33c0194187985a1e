import { MastoHttpError } from "masto";
import { describe, expect, it, vi } from "vitest";
import {
  type FetchStatus,
  ParentFetcher,
  type ParentFetcherOptions,
} from "../../src/mastodon/parent-fetcher.js";
import { captureLogger } from "./helpers.js";

const BOT_ID = "1";
const status = (id: string, accountId = "200") => ({
  id,
  content: `<p>post ${id}</p>`,
  language: "de",
  account: { id: accountId },
});

/** A fake GET /api/v1/statuses/:id: answers from `answers`, records every request and its signal. */
function server(answers: Record<string, () => Promise<unknown>>) {
  const requests: Array<{ id: string; signal: AbortSignal }> = [];
  const fetchStatus: FetchStatus = (id, signal) => {
    requests.push({ id, signal });
    return (answers[id] ?? (() => Promise.resolve(status(id))))();
  };
  return { requests, fetchStatus };
}

function setup(
  answers: Record<string, () => Promise<unknown>> = {},
  options: Partial<ParentFetcherOptions> = {},
) {
  const fake = server(answers);
  const log = captureLogger();
  let now = 1_000_000;
  const fetcher = new ParentFetcher({
    fetchStatus: fake.fetchStatus,
    botAccountId: BOT_ID,
    logger: log.logger,
    now: () => now,
    ...options,
  });
  return {
    fetcher,
    requests: fake.requests,
    log,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const httpError = (statusCode: number) =>
  new MastoHttpError({
    statusCode,
    message: statusCode === 404 ? "Record not found" : "Internal Server Error",
  });

describe("ParentFetcher", () => {
  it("reads the parent's HTML and language, and whether the bot wrote it", async () => {
    const { fetcher } = setup({ "10": () => Promise.resolve(status("10", BOT_ID)) });
    expect(await fetcher.parentOf("10")).toEqual({
      content: "<p>post 10</p>",
      language: "de",
      fromBot: true,
    });
    expect(await fetcher.parentOf("11")).toEqual({
      content: "<p>post 11</p>",
      language: "de",
      fromBot: false,
    });
  });

  it("asks once per parent while the cache holds it, and again once it has expired", async () => {
    const { fetcher, requests, advance } = setup({}, { cacheTtlMs: 60_000 });
    await fetcher.parentOf("10");
    advance(59_000);
    await fetcher.parentOf("10");
    expect(requests.map((r) => r.id)).toEqual(["10"]);
    advance(1_000);
    await fetcher.parentOf("10");
    expect(requests.map((r) => r.id)).toEqual(["10", "10"]);
  });

  it("keeps at most cacheSize parents, dropping the least recently used", async () => {
    const { fetcher, requests } = setup({}, { cacheSize: 2 });
    for (const id of ["a", "b", "a", "c", "a", "b"]) await fetcher.parentOf(id);
    // "a" was used before "c" came, so "b" went; "a" stayed.
    expect(requests.map((r) => r.id)).toEqual(["a", "b", "c", "b"]);
  });

  it("judges alone a mention whose parent is gone or private (404), without asking again", async () => {
    const { fetcher, requests, log } = setup({ "10": () => Promise.reject(httpError(404)) });
    expect(await fetcher.parentOf("10")).toBeNull();
    expect(await fetcher.parentOf("10")).toBeNull();
    expect(await fetcher.parentOf("11")).not.toBeNull();
    expect(requests.map((r) => r.id)).toEqual(["10", "11"]);
    expect(log.lines.find((l) => l.parentId === "10")).toMatchObject({ level: 20, status: 404 });
  });

  it("after a server error, pauses reading parents for a while instead of failing each mention", async () => {
    const { fetcher, requests, log, advance } = setup(
      { "10": () => Promise.reject(httpError(503)) },
      { pauseMs: 60_000 },
    );
    expect(await fetcher.parentOf("10")).toBeNull();
    expect(await fetcher.parentOf("11")).toBeNull();
    expect(requests.map((r) => r.id)).toEqual(["10"]);
    expect(log.lines[0]).toMatchObject({ level: 30, parentId: "10" });
    advance(60_000);
    expect(await fetcher.parentOf("11")).not.toBeNull();
    expect(requests.map((r) => r.id)).toEqual(["10", "11"]);
  });

  it("gives up on a parent that does not answer in time, and aborts the request", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { fetcher, requests, log } = setup({ "10": () => new Promise(() => {}) }, { timeoutMs: 1_500 });
      const parent = fetcher.parentOf("10");
      await vi.advanceTimersByTimeAsync(1_499);
      expect(requests[0]!.signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await parent).toBeNull();
      expect(requests[0]!.signal.aborted).toBe(true);
      expect(log.lines[0]).toMatchObject({ level: 30, parentId: "10" });
      expect(String(log.lines[0]!.error)).toContain("1500 ms");
    } finally {
      vi.useRealTimers();
    }
  });

  it("judges alone a mention whose parent answer is not a status", async () => {
    const { fetcher } = setup({ "10": () => Promise.resolve(undefined) });
    expect(await fetcher.parentOf("10")).toBeNull();
  });
});
