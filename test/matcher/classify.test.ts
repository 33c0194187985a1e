import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classify } from "../../src/matcher/classify.js";
import { mentionHtml, realMatcher } from "../support/knowledge.js";

const matcher = realMatcher();
const ask = (text: string, language: string | null = null) =>
  classify(matcher, { content: mentionHtml(text), language });

interface Case {
  content: string;
  language: string | null;
  intents: string[];
  answer_language: string;
}
// Phrasings written for this project, none of them from the evaluation's dev set.
const paraphrases: Case[] = readFileSync(new URL("fixtures/paraphrases.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as Case);

describe("classify", () => {
  it.each(paraphrases.map((c) => [c.content.replace(/<[^>]+>/g, ""), c] as const))("%s", (_text, c) => {
    const result = classify(matcher, { content: c.content, language: c.language });
    expect([...result.intents].sort()).toEqual([...c.intents].sort());
  });

  it("does not take a negated wish as a request", () => {
    expect(ask("Ich will mein Konto NICHT löschen, aber die KI nervt.").intents).not.toContain(
      "delete_account",
    );
    expect(ask("Ich will mein Facebook-Konto löschen. Geht das?").intents).toContain("delete_account");
  });

  it("keeps the question that follows a thank-you: whether something counts asks what is affected", () => {
    expect(ask("Merci 🙏 und noch eine Frage: zählen auch alte Fotos?").intents).toEqual([
      "affected_data",
      "thanks",
    ]);
    expect(ask("thanks! do my old photos count?").intents).toEqual(["affected_data", "thanks"]);
  });

  it("gives both forms for a platform without a form of its own", () => {
    expect(ask("Wie widerspreche ich bei WhatsApp?").intents).toEqual(["form_facebook", "form_instagram"]);
  });

  it("finds several topics in one mention, in the fixed order", () => {
    expect(ask("Danke! Link für Insta, bis wann, und warum macht Meta das?").intents).toEqual([
      "form_instagram",
      "deadline",
      "purpose",
      "thanks",
    ]);
  });

  it("tolerates misspellings", () => {
    expect(ask("wo muss ich bei instagramm wiedersprechen").intents).toEqual(["form_instagram"]);
    expect(ask("facbook link?").intents).toEqual(["form_facebook"]);
  });

  it("returns the empty set for chatter, spam and bare mentions", () => {
    expect(ask("").intents).toEqual([]);
    expect(ask("lol 😂").intents).toEqual([]);
    expect(ask("Hab bei Insta widersprochen, ging ganz fix.").intents).toEqual([]);
    expect(ask("💰 Verdiene 5.000 € pro Woche 👉 https://spam.example").intents).toEqual([]);
  });

  it.each([
    "Can I also post photos here?",
    "Sind deine Posts auch öffentlich?",
    "I keep getting spam on Messenger, what should I do?",
    "Was soll ich tun, WhatsApp zeigt mir immer Werbung?",
    "Muss ich bei Threads was machen, um Leute zu finden?",
    "Do I have to go into the settings to find my data?",
    "I want to prevent that Facebook shows my birthday",
    "Wie stell ich mein Insta-Profil auf privat?",
    "Bis wann muss die Grundsteuererklärung raus?",
    "Wie lösche ich meinen Spotify-Account?",
    "Sollte man Handys in Schulen verbieten?",
    "Bis Ende der Woche bin ich im Urlaub, wie geht's dir?",
  ])("does not answer an everyday question that shares words with the topic: %s", (text) => {
    expect(ask(text).intents).toEqual([]);
  });

  it("keeps help for posts that only greet or ask what the bot does", () => {
    expect(ask("Hallo 👋").intents).toEqual(["help"]);
    expect(ask("?").intents).toEqual(["help"]);
    expect(ask("Hallo! Bis wann geht der Widerspruch?").intents).toEqual(["deadline"]);
  });

  it("decides the language from the text, the language field only breaking ties", () => {
    expect(ask("where is the form for instagram?", "de").language).toBe("en");
    expect(ask("wo ist das formular für instagram?", "en").language).toBe("de");
    expect(ask("Instagram?", "en").language).toBe("en");
    expect(ask("Grazie mille!", "it").language).toBe("en");
    expect(ask("Instagram?", null).language).toBe("en");
    expect(ask("Formular für Insta?", null).language).toBe("de");
  });
});

describe("classify on hostile input", () => {
  const inputs: [string, string][] = [
    ["empty content", ""],
    ["only mentions", mentionHtml("").repeat(3)],
    ["1 MB of HTML", `<p>${"<b>instagram link</b> ".repeat(50_000)}</p>`],
    ["unbalanced tags", "<p><span><a href='x'>insta<p></div></b>link?"],
    ["control characters", `<p>\u0000\u0007\u001b[31m wie\u0008 widerspreche ich\u0000?</p>`],
    ["invalid surrogates", "<p>\ud800 wie widerspreche ich \udfff bei Instagram?</p>"],
    ["right-to-left text", "<p>\u202eكيف أعترض؟ \u202c instagram?</p>"],
    ["10,000 emoji", `<p>${"😀".repeat(10_000)}</p>`],
    ["a 100,000-character word", `<p>${"a".repeat(100_000)}</p>`],
  ];

  it.each(inputs)("%s: returns a result without throwing", (_name, content) => {
    const result = classify(matcher, { content, language: null });
    expect(Array.isArray(result.intents)).toBe(true);
    expect(["de", "en"]).toContain(result.language);
  });

  it("still answers a question hidden in broken markup", () => {
    expect(classify(matcher, { content: inputs[5]![1], language: null }).intents).toEqual(["form_instagram"]);
  });
});

describe("classify: language of posts in other languages", () => {
  it("answers an Italian question in English, the fallback, when there is no Italian file", () => {
    const result = classify(realMatcher(), {
      content: mentionHtml("Ciao! Dove posso oppormi su Facebook all'uso dei miei dati?"),
      language: "it",
    });
    expect(result.language).toBe("en");
  });
});
