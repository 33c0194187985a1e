import { describe, expect, it } from "vitest";
import type { Intent } from "../../src/domain/intent.js";
import { classify } from "../../src/matcher/classify.js";
import type { Occurrence } from "../../src/matcher/find-concepts.js";
import { tokenize } from "../../src/matcher/normalize.js";
import { formsAsked } from "../../src/matcher/platform-forms.js";
import { mentionHtml, realMatcher } from "../support/knowledge.js";

const RULES = { aside: ["alt"], keepsBoth: ["both"] };
const CONCEPTS: Record<string, string> = {
  facebook: "facebook",
  insta: "instagram",
  whatsapp: "other_meta",
  beide: "both",
  statt: "alt",
};
const BOTH: Intent[] = ["form_facebook", "form_instagram", "deadline"];

/** formsAsked on a text whose single words stand for the concepts above. */
function asked(text: string, intents: Intent[] = BOTH): Intent[] {
  const tokens = tokenize(text);
  const kept: Occurrence[] = tokens.words.flatMap((word, i) =>
    CONCEPTS[word] === undefined
      ? []
      : [{ concept: CONCEPTS[word]!, start: i, end: i, language: null, file: "de" }],
  );
  return formsAsked(RULES, tokens, kept, intents);
}

describe("formsAsked: the form of the one platform a post's questions name", () => {
  it("keeps the form of the platform a question names, where the other is only stated", () => {
    expect(asked("Facebook hab ich erledigt. Wie geht das bei Insta?")).toEqual([
      "form_instagram",
      "deadline",
    ]);
    expect(asked("Wo ist das für Facebook? Insta hab ich.")).toEqual(["form_facebook", "deadline"]);
  });

  it("keeps both forms where both or neither are asked, or both are wanted", () => {
    expect(asked("Wie geht das bei Facebook und bei Insta?")).toEqual(BOTH);
    expect(asked("Facebook und Insta hab ich. Bis wann geht das?")).toEqual(BOTH);
    expect(asked("Facebook hab ich. Insta auch, ich will beide Links. Wie?")).toEqual(BOTH);
    expect(asked("Facebook hab ich. Geht das bei Insta und bei WhatsApp?")).toEqual(BOTH);
    expect(asked("Facebook hab ich erledigt, wie geht Insta")).toEqual(BOTH);
  });

  it("does not take a platform to be left or replaced for the one to object on", () => {
    expect(asked("Wo widerspreche ich bei Facebook? Was nehme ich statt Insta?")).toEqual([
      "form_facebook",
      "deadline",
    ]);
    expect(asked("Insta hab ich. Was nehme ich statt Facebook?")).toEqual(BOTH);
  });

  it("leaves a post alone that the rules gave one form or none", () => {
    expect(asked("Facebook hab ich. Wie geht Insta?", ["form_instagram"])).toEqual(["form_instagram"]);
    expect(asked("Facebook hab ich. Wie geht Insta?", ["deadline"])).toEqual(["deadline"]);
  });

  it("works through the rules, in German and English", () => {
    const matcher = realMatcher();
    const ask = (text: string) => classify(matcher, { content: mentionHtml(text), language: null }).intents;
    expect(
      ask("Bei Facebook hab ich schon vor Wochen widersprochen. Und wo mach ich das für Instagram?"),
    ).toEqual(["form_instagram"]);
    expect(ask("Got the Instagram one sorted. Where is the form for Facebook?")).toEqual(["form_facebook"]);
    expect(ask("I have Facebook and Instagram. Where do I object?")).toEqual([
      "form_facebook",
      "form_instagram",
    ]);
  });
});
