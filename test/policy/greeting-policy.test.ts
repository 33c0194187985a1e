import { describe, expect, it } from "vitest";
import type { MentionAuthor } from "../../src/domain/mention.js";
import {
  asksBotsToStayAway,
  decideGreeting,
  type GreetingOptions,
} from "../../src/policy/greeting-policy.js";
import { realKnowledge } from "../support/knowledge.js";
import { author, BOT_ID, mentionsIn } from "./mention-fixture.js";

const knowledge = realKnowledge();

function decide(account: Partial<MentionAuthor> = {}, options: Partial<GreetingOptions> = {}) {
  return decideGreeting({
    account: author(account),
    botAccountId: BOT_ID,
    knowledge,
    options: { greetFollowers: true, ...options },
  });
}

/** A profile note as Mastodon renders it: hashtags are links with the tag in a span. */
const hashtagNote = (tag: string) =>
  `<p>Ich mag Katzen. <a href="https://social.example/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a></p>`;

describe("decideGreeting", () => {
  it("greets nobody unless GREET_FOLLOWERS is on", () => {
    expect(decide({}, { greetFollowers: false })).toEqual({ action: "skip", reason: "disabled" });
  });

  it("greets a person with a direct message in German that mentions only them", () => {
    const decision = decide();
    expect(decision).toMatchObject({ action: "greet", language: "de", visibility: "direct" });
    if (decision.action !== "greet") throw new Error("expected a greeting");
    expect(decision.posts).toEqual([`@alice@other.example ${knowledge.languages.get("de")!.greeting}`]);
    expect(decision.posts[0]).toMatch(/Erinnerungen/);
    expect(mentionsIn(decision.posts[0]!)).toEqual(["alice@other.example"]);
  });

  it("greets in the campaign's first language, which need not be German", () => {
    const [campaign, ...rest] = knowledge.campaigns;
    const english = { ...campaign!, reminders: { ...campaign!.reminders, languages: ["en"] } };
    const decision = decideGreeting({
      account: author(),
      botAccountId: BOT_ID,
      knowledge: { ...knowledge, campaigns: [english, ...rest] },
      options: { greetFollowers: true },
    });
    expect(decision).toMatchObject({ action: "greet", language: "en" });
  });

  it("greets in English when asked to", () => {
    const decision = decide({}, { language: "en" });
    expect(decision).toMatchObject({ action: "greet", language: "en" });
    if (decision.action === "greet") expect(decision.posts[0]).toContain("Thanks for following!");
  });

  it("falls back to German for a language without a file", () => {
    expect(decide({}, { language: "tlh" })).toMatchObject({ action: "greet", language: "de" });
  });

  it("never greets an account whose acct is missing or not a handle: the greeting would reach nobody", () => {
    for (const acct of [null, "alice @victim@evil.example"]) {
      expect(decide({ acct })).toEqual({ action: "skip", reason: "no-handle" });
    }
  });

  it("never greets a bot", () => {
    expect(decide({ bot: true })).toEqual({ action: "skip", reason: "bot" });
  });

  it("never greets itself", () => {
    expect(decide({ id: BOT_ID })).toEqual({ action: "skip", reason: "self" });
  });

  it.each([
    ["#nobot as a Mastodon hashtag link", hashtagNote("nobot")],
    ["#noautomation as a Mastodon hashtag link", hashtagNote("noautomation")],
    ["#NoBot in upper case", hashtagNote("NoBot")],
    [
      "a Pleroma hashtag",
      '<p>bio <a class="hashtag" data-tag="nobot" href="https://p.example/tag/nobot">#nobot</a></p>',
    ],
    ["plain text at the end of a line", "<p>Keine Bots bitte #nobot<br>Berlin</p>"],
    ["an entity-encoded note", "<p>Mensch &amp; #NOAUTOMATION!</p>"],
  ])("skips a note with %s", (_, note) => {
    expect(decide({ note })).toEqual({ action: "skip", reason: "nobot" });
  });

  it.each([
    ["no tag", "<p>Ich frage gern Bots.</p>"],
    ["a longer tag", hashtagNote("nobotanik")],
    ["the word without #", "<p>nobot</p>"],
    ["another tag", hashtagNote("bot")],
  ])("greets an account whose note has %s", (_, note) => {
    expect(decide({ note }).action).toBe("greet");
  });
});

describe("asksBotsToStayAway", () => {
  it("separates words at paragraph breaks but not inside a hashtag link", () => {
    expect(asksBotsToStayAway("<p>foo</p><p>#nobot</p>")).toBe(true);
    expect(asksBotsToStayAway('<a class="hashtag">#<span>no</span><span>bot</span></a>')).toBe(true);
    expect(asksBotsToStayAway("<p>foo#nobot</p>")).toBe(false);
  });
});
