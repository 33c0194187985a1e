import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/domain/errors.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { defaultKnowledgePaths, loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import {
  answerLanguageNames,
  buildDesiredProfile,
  DEFAULT_PROFILE_LIMITS,
} from "../../src/profile/desired-profile.js";
import { countGraphemes } from "../../src/replies/count-length.js";
import { configWithFixtureLanguages } from "../support/config-copy.js";
import { realKnowledge } from "../support/knowledge.js";

/** The real knowledge with other bios (undefined: that language has none). */
function withBios(bios: Record<string, string | undefined>): Knowledge {
  const base = realKnowledge();
  const languages = new Map(
    [...base.languages].map(([code, file]) => {
      const bio = code in bios ? bios[code] : file.profile?.bio;
      return [code, { ...file, profile: bio === undefined ? undefined : { bio } }] as const;
    }),
  );
  return { ...base, languages };
}

describe("buildDesiredProfile", () => {
  it("joins the bios German first, sets the bot flag, the two form links and the languages as fields", () => {
    const profile = buildDesiredProfile(realKnowledge());
    const [de, en] = profile.note.split("\n\n");
    expect(de).toContain("Widerspruch");
    expect(en).toContain("objecting");
    expect(profile.bot).toBe(true);
    expect(profile.fields).toEqual([
      { name: "Facebook", value: "https://www.facebook.com/help/contact/6359191084165019" },
      { name: "Instagram", value: "https://help.instagram.com/contact/767264225370182" },
      {
        name: "Sprachen · Languages",
        value: "Deutsch, English, español, français, italiano, Nederlands, polski, português, svenska",
      },
    ]);
    expect(countGraphemes(profile.note)).toBeLessThanOrEqual(DEFAULT_PROFILE_LIMITS.maxNoteLength);
  });

  it("leaves out a language without a bio", () => {
    expect(buildDesiredProfile(withBios({ en: undefined })).note).not.toContain("\n\n");
  });

  it("fails when no language has a bio", () => {
    expect(() => buildDesiredProfile(withBios({ de: undefined, en: undefined }))).toThrow(
      /no language file has a bio/,
    );
  });

  it("fails, naming both limits, when the bios exceed the server's note length", () => {
    const limits = { ...DEFAULT_PROFILE_LIMITS, maxNoteLength: 100 };
    expect(() => buildDesiredProfile(realKnowledge(), limits)).toThrow(ConfigError);
    expect(() => buildDesiredProfile(realKnowledge(), limits)).toThrow(/characters, the server allows 100/);
  });

  it("fails when a form link is longer than a field value may be", () => {
    const limits = { ...DEFAULT_PROFILE_LIMITS, fieldValueLength: 40 };
    expect(() => buildDesiredProfile(realKnowledge(), limits)).toThrow(/forms\.facebook: the link is longer/);
  });
});

describe("buildDesiredProfile with more languages than the campaign's", () => {
  const dir = configWithFixtureLanguages();
  const knowledge = loadKnowledge(defaultKnowledgePaths(dir));
  rmSync(dir, { recursive: true, force: true });

  it("keeps the bio in the campaign's language and English, and lists every answer language", () => {
    const profile = buildDesiredProfile(knowledge);
    expect(profile.note.split("\n\n")).toHaveLength(2);
    expect(profile.note).toMatch(/^Bot: Ich beantworte.*\n\nBot: I answer/s);
    const languages = profile.fields.find((f) => f.name === "Sprachen · Languages")?.value;
    // The campaign's language first, then English, then the others by code, each in its own words.
    expect(languages?.startsWith("Deutsch, English, ")).toBe(true);
    expect(languages).toContain("français");
    expect(languages).toContain("polski");
  });

  it("takes a language's name from its file when the file gives one", () => {
    const pl = knowledge.languages.get("pl")!;
    const named = new Map(knowledge.languages).set("pl", { ...pl, name: "Polski (PL)" });
    expect(answerLanguageNames({ ...knowledge, languages: named })).toContain("Polski (PL)");
  });
});
