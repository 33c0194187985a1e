import { describe, expect, it } from "vitest";
import type { Intent } from "../../src/domain/intent.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { composeReply } from "../../src/replies/compose-reply.js";
import { validateAnswerTemplates } from "../../src/replies/validate-answer-templates.js";
import { realKnowledge } from "../support/knowledge.js";
import { FACEBOOK_FORM, INSTAGRAM_FORM, MOMENTS, mastodonLength } from "./reply-helpers.js";

// The matcher's rules say which answer each note goes with, so this needs the full knowledge.
const knowledge = realKnowledge();
const PHASES = ["before", "on", "after"] as const;

const reply = (
  intents: Intent[],
  notes: string[],
  options: { language?: string; now?: Date; knowledge?: Knowledge } = {},
) =>
  composeReply({
    intents,
    notes,
    language: options.language ?? "de",
    now: options.now ?? MOMENTS.before,
    author: { acct: "alice" },
    knowledge: options.knowledge ?? knowledge,
  });

const NOTES = {
  no_form: {
    intents: ["form_facebook", "form_instagram"] as Intent[],
    de: "Der Artikel nennt Formulare nur für Facebook und Instagram",
    en: "The article gives forms only for Facebook and Instagram",
    facts: [FACEBOOK_FORM, INSTAGRAM_FORM],
  },
  public_only: {
    intents: ["affected_data"] as Intent[],
    de: "spricht der Artikel nur von öffentlichen Inhalten",
    en: "the article speaks only of public content",
    facts: [],
  },
  real_form: {
    intents: ["form_facebook", "form_instagram"] as Intent[],
    de: "Formulare aus dem Artikel",
    en: "the forms the article names",
    facts: [FACEBOOK_FORM, INSTAGRAM_FORM],
  },
};
const CASES = Object.entries(NOTES).flatMap(([note, facts]) =>
  (["de", "en"] as const).flatMap((language) =>
    PHASES.map((phase) => [note, language, phase, facts] as const),
  ),
);

describe("composeReply: notes on the specific point asked", () => {
  it.each(CASES)(
    "%s in %s, %s the deadline: right before its answer, in one post",
    (note, language, phase, facts) => {
      const { posts } = reply(facts.intents, [note], { language, now: MOMENTS[phase] });
      expect(posts).toHaveLength(1);
      const post = posts[0]!;
      expect(mastodonLength(post)).toBeLessThanOrEqual(500);
      // The note opens the reply on a line of its own; its answer follows on the next line.
      const [first, second] = post.slice("@alice ".length).split("\n");
      expect(first).toContain(facts[language]);
      expect(second).not.toBe("");
      for (const fact of facts.facts) expect(post).toContain(fact);
    },
  );

  it("keeps the deadline state of the forms answer beside the note", () => {
    const [before] = reply(NOTES.no_form.intents, ["no_form"]).posts;
    expect(before).toContain("Noch 3 Tage");
    const [after] = reply(NOTES.no_form.intents, ["no_form"], { now: MOMENTS.after }).posts;
    expect(after).toContain("Die Frist ist am 26.05.2025 abgelaufen");
  });

  it("puts each note before the answer it goes with, not at the start of the reply", () => {
    const [post] = reply(["deadline", "affected_data"], ["public_only"]).posts;
    const note = post!.indexOf(NOTES.public_only.de);
    expect(note).toBeGreaterThan(post!.indexOf("widersprechen"));
    expect(post!.indexOf("Betroffen sind")).toBeGreaterThan(note);
  });

  it("says two notes on the same answer in the rules' order, each once", () => {
    const [post] = reply(NOTES.no_form.intents, ["real_form", "no_form"]).posts;
    const lines = post!.slice("@alice ".length).split("\n");
    expect(lines[0]).toContain(NOTES.no_form.de);
    expect(lines[1]).toContain(NOTES.real_form.de);
    expect(post!.split(NOTES.real_form.de)).toHaveLength(2);
  });

  it("leaves out a note whose answer is not in the reply", () => {
    const [post] = reply(["form_facebook"], ["public_only"]).posts;
    expect(post).not.toContain(NOTES.public_only.de);
    expect(reply([], ["no_form"]).posts[0]).not.toContain(NOTES.no_form.de);
  });

  it("leaves out a note that a language file has no text for, and answers all the same", () => {
    const en = knowledge.languages.get("en")!;
    const withoutNotes: Knowledge = {
      ...knowledge,
      languages: new Map([...knowledge.languages, ["en", { ...en, notes: {} }]]),
    };
    const [post] = reply(NOTES.no_form.intents, ["no_form"], {
      language: "en",
      knowledge: withoutNotes,
    }).posts;
    expect(post).toMatch(/^@alice To object on Facebook, use this form:/);
    expect(post).toContain(INSTAGRAM_FORM);
  });

  it("checks a note's placeholders at load time like an answer's", () => {
    const de = knowledge.languages.get("de")!;
    const broken: Knowledge = {
      ...knowledge,
      languages: new Map([
        ...knowledge.languages,
        ["de", { ...de, notes: { ...de.notes, no_form: "Bis {frist}" } }],
      ]),
    };
    expect(validateAnswerTemplates(broken)).toEqual([
      expect.stringMatching(/^config\/lang\/de\.yaml: notes\.no_form: unknown placeholder \{frist\}/),
    ]);
  });
});
