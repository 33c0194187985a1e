import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runLocalMode } from "../../src/app/local-mode.js";
import { FAVOURITE_LINE } from "../../src/app/local-session.js";
import { plainTextToHtml, typedMention, typedTextToHtml } from "../../src/bot/typed-mention.js";
import { runAsk } from "../../src/cli/ask-command.js";
import { classifyLine } from "../../src/cli/classify-command.js";
import { classify } from "../../src/matcher/classify.js";
import { realKnowledge, realMatcher } from "../support/knowledge.js";
import { openTestStore } from "../support/test-store.js";

const knowledge = realKnowledge();
const matcher = realMatcher();
const campaign = knowledge.campaigns[0]!;
const NOW = new Date("2025-05-23T10:00:00+02:00");

describe("plainTextToHtml", () => {
  it("escapes markup so the matcher reads the text as typed", () => {
    const html = plainTextToHtml('<b>Bis wann</b> & "wo" geht\'s?');
    expect(html).toBe("<p>&lt;b&gt;Bis wann&lt;/b&gt; &amp; &quot;wo&quot; geht&#39;s?</p>");
    expect(classify(matcher, { content: html, language: null }).intents).toContain("deadline");
  });
});

describe("typedTextToHtml", () => {
  it("keeps a line that starts with < as status HTML and wraps any other line as plain text", () => {
    expect(typedTextToHtml(" <p>bis wann?</p>")).toBe(" <p>bis wann?</p>");
    expect(typedTextToHtml("a < b")).toBe("<p>a &lt; b</p>");
  });
});

describe("typedMention", () => {
  it("is a fresh public status by the typed account, carrying the language hint", () => {
    const mention = typedMention("bis wann?", "alice", "en", NOW);
    expect(mention).toMatchObject({
      author: { acct: "alice", bot: false },
      contentHtml: "<p>bis wann?</p>",
      language: "en",
      visibility: "public",
      createdAt: NOW,
    });
  });
});

/** Real Mastodon HTML: the bot's own mention is an h-card around the account name. */
const BOT =
  '<span class="h-card"><a href="https://x.example/@optout" class="u-url mention">@<span>optout</span></a></span>';
const status = (text: string) => `<p>${BOT} ${text}</p>`;

async function localMode(line: string): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  input.end(`${line}\n`);
  await runLocalMode({ input, output, knowledge, matcher, store: openTestStore(), now: () => NOW });
  return chunks.join("").trimEnd();
}

function askIntents(line: string): string[] {
  const header = runAsk([line], knowledge, matcher, () => NOW).split("\n")[0]!;
  const listed = /^intents: (.*?) · /.exec(header)?.[1] ?? "";
  return listed === "(none)" ? [] : listed.split(", ");
}

describe("classify, ask and local mode read the same input the same way", () => {
  const cases: [string, string, string[], (printed: string) => void][] = [
    [
      "help after the h-card",
      status("hilfe"),
      ["help"],
      (p) => expect(p).not.toContain(campaign.forms.facebook),
    ],
    [
      "thanks after the h-card",
      status("Danke dir, hat super geklappt!"),
      ["thanks"],
      (p) => expect(p).toBe(FAVOURITE_LINE),
    ],
    // intents.md: a post that only mentions the bot asks nothing, so not even the menu goes out.
    ["only the h-card", status(""), [], (p) => expect(p).toBe("(no reply: unasked)")],
    // A question to the bot about something else: the menu, which is `help`.
    [
      "an off-topic question, in German",
      status("Weißt du, wie das Wetter morgen wird?"),
      ["help"],
      (p) => expect(p).toBe(`@local ${knowledge.languages.get("de")!.fallback}`),
    ],
    // Asks the bot what it does in words no topic rule reads: the menu, which is `help`.
    [
      "a question about the bot that no rule reads",
      status("Was genau machst du eigentlich?"),
      ["help"],
      (p) => expect(p).toBe(`@local ${knowledge.languages.get("de")!.fallback}`),
    ],
    [
      "a plain-text question",
      "wie widerspreche ich bei insta?",
      ["form_instagram"],
      (p) => expect(p).toContain(campaign.forms.instagram),
    ],
  ];

  it.each(cases)("%s", async (_name, line, intents, checkLocal) => {
    expect(
      JSON.parse(classifyLine(matcher, JSON.stringify({ content: typedTextToHtml(line), language: null }))),
    ).toMatchObject({ intents });
    expect(askIntents(line)).toEqual(intents);
    checkLocal(await localMode(line));
  });
});
