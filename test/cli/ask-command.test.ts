import { spawnSync } from "node:child_process";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { runAsk } from "../../src/cli/ask-command.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { classify } from "../../src/matcher/classify.js";
import { DEFAULT_REPLY_POLICY_OPTIONS } from "../../src/policy/reply-policy.js";
import { realKnowledge, realMatcher } from "../support/knowledge.js";

// The real matcher, watched: the thread tests check what `ask` hands it.
vi.mock("../../src/matcher/classify.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/matcher/classify.js")>();
  return { ...original, classify: vi.fn(original.classify) };
});

const ask = (...args: string[]) =>
  runAsk(args, realKnowledge(), realMatcher(), () => new Date("2026-11-30T12:00:00Z"));

describe("ask", () => {
  it("prints the reply to the asker with the Instagram form and the deadline phrased for the day", () => {
    const out = ask("Link für Insta und bis wann?", "--now", "2025-05-23T10:00:00+02:00");
    expect(out).toContain("intents: form_instagram, deadline");
    expect(out).toContain("@you ");
    expect(out).toContain("https://help.instagram.com/contact/767264225370182");
    expect(out).toContain("Noch 3 Tage");
  });

  it("says the deadline has passed when asked after it", () => {
    expect(ask("bis wann?")).toContain("abgelaufen");
  });

  it("answers in the language asked for", () => {
    expect(ask("bis wann?", "--lang", "en")).toContain("The deadline passed on 26 May 2025");
  });

  it("shows that thanks gets no text", () => {
    expect(ask("danke!")).toContain("(no text");
  });

  it("names the visibility the live bot would reply with, from the reply policy", () => {
    expect(ask("bis wann?")).toMatch(/^intents: deadline · language: de · visibility: unlisted\n/);
    const publicReplies = { ...DEFAULT_REPLY_POLICY_OPTIONS, replyVisibility: "public" as const };
    const out = runAsk(["bis wann?"], realKnowledge(), realMatcher(), () => new Date(), publicReplies);
    expect(out).toContain("· visibility: public");
  });

  it("says that thanks with a question gets the answer and a favourite", () => {
    const out = ask("Danke! Wo widerspreche ich bei Facebook?");
    expect(out).toContain("https://");
    expect(out.endsWith("(the bot also favourites the post)")).toBe(true);
  });

  it("answers the specific point: no form of its own for WhatsApp, then both forms", () => {
    const out = ask("Wie widerspreche ich bei WhatsApp?", "--now", "2025-05-23T10:00:00+02:00");
    expect(out).toContain("intents: form_facebook, form_instagram");
    expect(out).toContain(
      "@you Der Artikel nennt Formulare nur für Facebook und Instagram, keins für WhatsApp, Threads oder den Messenger.\nFür Facebook",
    );
    expect(out).toContain("https://help.instagram.com/contact/767264225370182");
  });

  it("answers whether private messages are affected with what the article speaks of", () => {
    const out = ask("are my private messages affected?", "--lang", "en");
    expect(out).toContain("intents: affected_data");
    expect(out).toContain("the article speaks only of public content, not of private messages or chats");
    expect(out).toContain("Affected are your posts, comments and pictures/photos that are publicly visible.");
  });

  it("answers whether a link is the real form with the two real links, not the menu", () => {
    const out = ask(
      '<p>is this the real form? <a href="https://meta-optout.example/x">meta-optout.example/x</a></p>',
    );
    expect(out).toContain("intents: form_facebook, form_instagram");
    expect(out).toContain("compare your link with them");
    expect(out).toContain("https://www.facebook.com/help/contact/6359191084165019");
    expect(out).not.toContain("Sorry, I can't help with that");
  });

  describe("in a thread", () => {
    beforeEach(() => {
      vi.mocked(classify).mockClear();
    });
    const parentSeen = () => vi.mocked(classify).mock.calls[0]![1].parent;

    it("hands --parent to the matcher as the post replied to, plain text as Mastodon would deliver it", () => {
      ask("und bei Insta?", "--parent", "Für Facebook geht's über das Formular <hier>");
      expect(parentSeen()).toEqual({
        content: "<p>Für Facebook geht&#39;s über das Formular &lt;hier&gt;</p>",
        language: null,
        fromBot: false,
      });
    });

    it("reads a --parent that starts with < as status HTML, and --parent-from-bot as the bot's own post", () => {
      ask("and until when?", "--parent", "<p>Facebook form: https://x</p>", "--parent-from-bot");
      expect(parentSeen()).toEqual({
        content: "<p>Facebook form: https://x</p>",
        language: null,
        fromBot: true,
      });
    });

    it("hands no parent over without --parent", () => {
      ask("bis wann?");
      expect(parentSeen()).toBeUndefined();
    });
  });

  it.each([
    [[]],
    [["x", "--now", "gestern"]],
    [["x", "--lang", "tlh"]],
    [["x", "--parent-from-bot"]],
    [["x", "--parent", " "]],
  ])("rejects bad usage %j", (args) => {
    expect(() => ask(...args)).toThrow(UsageError);
  });

  it("applies the bot's settings from the environment when run from the command line", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "ask", "bis wann?"], {
      env: { PATH: process.env.PATH, REPLY_VISIBILITY: "public", CONFIG_DIR: "" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("intents: deadline · language: de · visibility: public");
  });
});
