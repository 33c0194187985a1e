import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { INTENTS, type Intent } from "../../src/domain/intent.js";
import { primaryCampaign } from "../../src/knowledge/knowledge.js";
import { defaultKnowledgePaths, loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { calendarDay } from "../../src/lib/calendar.js";
import { composeReply } from "../../src/replies/compose-reply.js";
import { countLength } from "../../src/replies/count-length.js";
import { configWithFixtureLanguages } from "../support/config-copy.js";

// Every file of config/lang, plus the test fixtures for languages config/lang does not have yet.
const configDir = configWithFixtureLanguages();
const knowledge = loadKnowledge(defaultKnowledgePaths(configDir));
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

const campaign = primaryCampaign(knowledge);
const deadlineDay = calendarDay(campaign.deadline, knowledge.timeZone).getTime();
/** Noon in the campaign's zone, 3 days before, on, and the day after the deadline. */
const PHASES = { before: -3, on: 0, after: 1 } as const;
const TOPICS: Array<Intent | "menu"> = [...INTENTS.filter((id) => id !== "thanks"), "menu"];
/** Mastodon's longest username: 30 characters; the domain of a remote acct is not counted. */
const LONGEST_ACCT = `${"a".repeat(30)}@a-very-long-server-name.example`;

const cases = [...knowledge.languages.keys()].flatMap((language) =>
  Object.entries(PHASES).flatMap(([phase, days]) =>
    TOPICS.map((topic) => ({ language, phase, days, topic })),
  ),
);

describe("every text in every language fits one post on a 500-character server", () => {
  it("loads at least the nine languages' worth of files it can find", () => {
    expect([...knowledge.languages.keys()]).toEqual(expect.arrayContaining(["de", "en", "fr", "pl"]));
  });

  it.each(cases)("$language $topic $phase", ({ language, days, topic }) => {
    const now = new Date(deadlineDay + (days * 24 + 12) * 3_600_000);
    const reply = composeReply({
      intents: topic === "menu" ? [] : [topic],
      language,
      now,
      author: { acct: LONGEST_ACCT },
      knowledge,
    });
    expect(reply.language).toBe(language);
    expect(reply.posts).toHaveLength(1);
    const [post] = reply.posts;
    expect(countLength(post!)).toBeLessThanOrEqual(500);
    expect(post!.startsWith(`@${LONGEST_ACCT} `)).toBe(true);
    expect(post).not.toMatch(/\{[a-zA-Z]+\}/);
  });

  it.each([...knowledge.languages.keys()])(
    "%s: a reply too long for one post splits into numbered posts that each fit",
    (language) => {
      const reply = composeReply({
        intents: INTENTS,
        language,
        now: new Date(deadlineDay - 3 * 86_400_000),
        author: { acct: LONGEST_ACCT },
        knowledge,
        limits: { maxCharacters: 200 },
      });
      expect(reply.posts.length).toBeGreaterThan(1);
      reply.posts.forEach((post, i) => {
        expect(countLength(post)).toBeLessThanOrEqual(200);
        expect(post.trim().endsWith(`${i + 1}/${reply.posts.length}`)).toBe(true);
      });
    },
  );
});
