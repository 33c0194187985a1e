import { describe, expect, it } from "vitest";
import { toInbound, type WireNotification } from "../../src/mastodon/to-inbound.js";
import { captureLogger } from "./helpers.js";

const RECEIVED = new Date("2025-05-20T10:00:00Z");
const log = captureLogger();

const alice = {
  id: "971724",
  username: "alice",
  acct: "alice@remote.example",
  bot: false,
  note: "<p>hi</p>",
};

function mention(status: Record<string, unknown>, extra: Record<string, unknown> = {}): WireNotification {
  return {
    id: "34975861",
    type: "mention",
    createdAt: "2025-05-20T09:59:00.000Z",
    account: alice,
    status: {
      id: "103186126728896492",
      createdAt: "2025-05-20T09:58:59.500Z",
      inReplyToId: "103186126728896400",
      visibility: "unlisted",
      language: "de",
      spoilerText: "Frage",
      content: "<p>@optout wie widerspreche ich?</p>",
      account: alice,
      ...status,
    },
    ...extra,
  };
}

describe("toInbound", () => {
  it("drops an acct that is not a handle and says so once, with the account id and an escaped prefix", () => {
    const spam = "alice @victim@evil.example #spam https://spam.example/\nmore";
    const captured = captureLogger();
    const account = { ...alice, acct: spam };
    const result = toInbound(mention({ account }, { account }), RECEIVED, captured.logger);
    expect(result?.kind === "mention" && result.mention.author).toMatchObject({ id: "971724", acct: null });
    const warnings = captured.lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ notificationId: "34975861", accountId: "971724" });
    expect(JSON.stringify(warnings[0])).not.toContain("evil.example");
    const follow = toInbound({ id: "9", type: "follow", account }, RECEIVED, captured.logger);
    expect(follow?.kind === "follow" && follow.account.acct).toBeNull();
  });

  it("converts a Mastodon mention with every field the core uses", () => {
    expect(toInbound(mention({ favourited: true }), RECEIVED, log.logger)).toEqual({
      kind: "mention",
      id: "34975861",
      createdAt: new Date("2025-05-20T09:59:00.000Z"),
      mention: {
        notificationId: "34975861",
        statusId: "103186126728896492",
        author: { id: "971724", acct: "alice@remote.example", bot: false, note: "<p>hi</p>" },
        contentHtml: "<p>@optout wie widerspreche ich?</p>",
        spoilerText: "Frage",
        language: "de",
        visibility: "unlisted",
        createdAt: new Date("2025-05-20T09:58:59.500Z"),
        inReplyToId: "103186126728896400",
        favourited: true,
      },
    });
  });

  it("fills what other servers leave out: no language, spoiler, note, bot flag, dates or acct", () => {
    const sparse: WireNotification = {
      id: 42,
      type: "mention",
      account: { id: "7", username: "bob", url: "https://remote.example/@bob" },
      status: { id: "01HZX3", content: "<p>hi</p>", visibility: "public", language: "", account: null },
    };
    const result = toInbound(sparse, RECEIVED, log.logger);
    expect(result).toMatchObject({ kind: "mention", id: "42", createdAt: RECEIVED });
    if (result?.kind !== "mention") throw new Error("not a mention");
    expect(result.mention).toEqual({
      notificationId: "42",
      statusId: "01HZX3",
      author: { id: "7", acct: "bob@remote.example", bot: false, note: "" },
      contentHtml: "<p>hi</p>",
      spoilerText: "",
      language: null,
      visibility: "public",
      createdAt: RECEIVED,
      inReplyToId: null,
      favourited: false,
    });
  });

  it("never answers a bare username: without acct the handle is built from the profile URL, or nothing is answered", () => {
    const noAcct = { id: "7", username: "bob" };
    const built = toInbound(
      mention({ account: { ...noAcct, url: "https://remote.example/users/bob" } }, { account: null }),
      RECEIVED,
      log.logger,
    );
    expect(built?.kind === "mention" && built.mention.author.acct).toBe("bob@remote.example");
    for (const account of [noAcct, { ...noAcct, url: "not a url" }, { ...noAcct, acct: "" }]) {
      expect(toInbound(mention({ account }, { account }), RECEIVED, log.logger)).toMatchObject({
        kind: "other",
        type: "mention-without-acct",
      });
    }
    const follow = toInbound({ id: "9", type: "follow", account: noAcct }, RECEIVED, log.logger);
    expect(follow).toMatchObject({ kind: "other", type: "follow-without-acct" });
  });

  it("reads visibilities it does not know as direct, so a reply can never widen them", () => {
    for (const visibility of ["local", "limited", "specified", undefined, 3]) {
      const result = toInbound(mention({ visibility }), RECEIVED, log.logger);
      expect(result?.kind === "mention" && result.mention.visibility).toBe("direct");
    }
  });

  it("takes a bot author's flag from the status's account", () => {
    const result = toInbound(mention({ account: { ...alice, bot: true } }), RECEIVED, log.logger);
    expect(result?.kind === "mention" && result.mention.author.bot).toBe(true);
  });

  it("converts a follow to its account", () => {
    const follow: WireNotification = {
      id: "9",
      type: "follow",
      createdAt: "2025-05-01T00:00:00Z",
      account: alice,
    };
    expect(toInbound(follow, RECEIVED, log.logger)).toEqual({
      kind: "follow",
      id: "9",
      createdAt: new Date("2025-05-01T00:00:00Z"),
      account: { id: "971724", acct: "alice@remote.example", bot: false, note: "<p>hi</p>" },
    });
  });

  it("turns other types, and mentions without a readable status, into `other`", () => {
    expect(
      toInbound({ id: "1", type: "favourite", account: alice, status: {} }, RECEIVED, log.logger),
    ).toEqual({
      kind: "other",
      id: "1",
      createdAt: RECEIVED,
      type: "favourite",
    });
    expect(
      toInbound({ id: "2", type: "mention", account: alice, status: null }, RECEIVED, log.logger)?.kind,
    ).toBe("other");
    expect(toInbound({ id: "3", type: "follow", account: null }, RECEIVED, log.logger)?.kind).toBe("other");
    expect(toInbound({ id: "4" }, RECEIVED, log.logger)).toMatchObject({ kind: "other", type: "unknown" });
  });

  it("drops a notification without a usable id", () => {
    expect(toInbound({ type: "mention" }, RECEIVED, log.logger)).toBeNull();
    expect(toInbound({ id: "", type: "mention" }, RECEIVED, log.logger)).toBeNull();
    expect(toInbound({ id: 2 ** 60, type: "mention" }, RECEIVED, log.logger)).toBeNull();
  });
});
