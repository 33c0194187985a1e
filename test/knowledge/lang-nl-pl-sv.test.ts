import { describe, expect, it } from "vitest";
import { INTENTS, type Intent } from "../../src/domain/intent.js";
import { classify } from "../../src/matcher/classify.js";
import { composeReply } from "../../src/replies/compose-reply.js";
import { findUrls } from "../../src/replies/count-length.js";
import { FACEBOOK_FORM, INSTAGRAM_FORM, MOMENTS, mastodonLength } from "../replies/reply-helpers.js";
import { mentionHtml, realKnowledge, realMatcher } from "../support/knowledge.js";

/** One plain question per topic, as people in each country ask it, and what it asks. */
const QUESTIONS: Record<"nl" | "pl" | "sv", [string, Intent[]][]> = {
  nl: [
    ["Waar kan ik bezwaar maken op Facebook?", ["form_facebook"]],
    ["hoe maak ik bezwaar bij insta?", ["form_instagram"]],
    ["Tot wanneer kan ik nog bezwaar maken?", ["deadline"]],
    ["Werkt het als ik zo'n tekst in mijn status zet?", ["status_post"]],
    ["Welke gegevens gebruikt Meta eigenlijk?", ["affected_data"]],
    ["Stoppen ze met verzamelen als ik bezwaar maak?", ["objection_scope"]],
    ["Moet ik mijn WhatsApp verwijderen?", ["delete_account"]],
    ["Waarom doet Meta dit eigenlijk?", ["purpose"]],
    ["Wat is een goed alternatief voor Instagram?", ["alternatives"]],
    ["Hoi bot, wat kun je allemaal?", ["help"]],
    ["Dank je wel voor de hulp!", ["thanks"]],
  ],
  pl: [
    ["Gdzie złożyć sprzeciw na Facebooku?", ["form_facebook"]],
    ["jak sie sprzeciwic na insta?", ["form_instagram"]],
    ["Do kiedy można złożyć sprzeciw?", ["deadline"]],
    ["czy wklejenie tego łańcuszka na profil coś daje?", ["status_post"]],
    ["Jakie dane Meta wykorzystuje do AI?", ["affected_data"]],
    ["Czy sprzeciw zatrzymuje zbieranie danych?", ["objection_scope"]],
    ["Czy mam usunąć konto na fejsie?", ["delete_account"]],
    ["Po co Meta to robi?", ["purpose"]],
    ["Jakie są alternatywy dla Instagrama?", ["alternatives"]],
    ["Co umiesz, bocie?", ["help"]],
    ["Wielkie dzięki za pomoc!", ["thanks"]],
  ],
  sv: [
    ["Var invänder jag på Facebook?", ["form_facebook"]],
    ["hur gör man för att invända på insta?", ["form_instagram"]],
    ["Till när kan man invända?", ["deadline"]],
    ["Räcker det att dela kedjebrevet i min status?", ["status_post"]],
    ["Vilka uppgifter använder Meta?", ["affected_data"]],
    ["Slutar Meta samla in mina data om jag invänder?", ["objection_scope"]],
    ["Ska jag radera mitt konto på fejjan?", ["delete_account"]],
    ["Varför gör Meta det här?", ["purpose"]],
    ["Finns det något alternativ till Instagram?", ["alternatives"]],
    ["Hej bot, vad kan du hjälpa till med?", ["help"]],
    ["Tack så mycket för hjälpen!", ["thanks"]],
  ],
};

/**
 * Looser wording, one or two cases per class of what fresh posts say and the keywords missed:
 * slang and one-word spellings, inflected forms, Meta's aim, leaving Meta, question words, and
 * chatter about a late bus or a work deadline, which asks the bot nothing.
 */
const LOOSE: Record<"nl" | "pl" | "sv", [string, Intent[]][]> = {
  nl: [
    ["wat doet Meta er allemaal mee?", ["purpose"]],
    ["moet ik mijn insta dan maar wissen?", ["delete_account"]],
    ["hoe raak ik helemaal los van meta?", ["delete_account"]],
    ["wat kan jij eigenlijk?", ["help"]],
    ["hoe zeg je nee tegen die AI van Meta?", ["form_facebook", "form_instagram"]],
    ["de trein heeft weer vertraging, te laat op m'n werk", []],
  ],
  pl: [
    ["a termin?", ["deadline"]],
    ["kiedy mija termin?", ["deadline"]],
    ["czy sprzeciw złożony w listopadzie coś da?", ["deadline"]],
    ["ten sprzeciw to jeszcze zadziała, czy już pozamiatane?", ["deadline"]],
    ["mogę jeszcze zablokować to AI u Mety?", ["deadline"]],
    ["jaki interes ma w tym Zuckerberg?", ["purpose"]],
    ["do czego Meta używa tych zdjęć?", ["purpose"]],
    ["jak skasuję fejsa, to koniec z metą?", ["delete_account"]],
    ["gdzie się wypisać na igu?", ["form_instagram"]],
    // "something instead of X" asks for an alternative, not where X's form is.
    ["Szukam czegoś zamiast Instagrama, gdzie wrzucę zdjęcia z gór?", ["alternatives"]],
    ["Witaj na pokładzie!", []],
    ["termin oddania pracy licencjackiej jutro, ktoś wie jak go przesunąć?", []],
    ["kolejny autobus się spóźnia, za późno na sprzeciw wobec ZTM?", []],
  ],
  sv: [
    ["är det redan försent för mig?", ["deadline"]],
    ["hur lång tid har man kvar?", ["deadline"]],
    ["När började Meta träna sin AI?", ["deadline"]],
    ["vad för slags uppgifter tar Meta?", ["affected_data"]],
    ["vad ska zuckerberg med alla mina foton?", ["purpose"]],
    ["vad ska de ha våra bilder till?", ["purpose"]],
    ["hur säger jag nej till Meta AI?", ["form_facebook", "form_instagram"]],
    ["vill bort från meta helt, hur gör jag?", ["delete_account"]],
    ["finns det nåt liknande som inte är Meta?", ["alternatives"]],
    ["tjabba!", ["help"]],
    ["missade bussen, för sent till jobbet igen", []],
  ],
};

/** A question about private messages, and the note that the article speaks of public content. */
const PRIVATE: Record<"nl" | "pl" | "sv", [string, string]> = {
  nl: ["gebruiken ze mijn appjes ook voor AI?", "niet over privéberichten"],
  pl: ["czy Meta używa moich wiadomości prywatnych?", "nie o prywatnych wiadomościach"],
  sv: ["använder Meta mina direktmeddelanden?", "inte privata meddelanden"],
};

/** The deadline and the day Meta starts, as each locale writes them (formats.date). */
const DATES = {
  nl: ["26 mei 2025", "27 mei 2025"],
  pl: ["26 maja 2025", "27 maja 2025"],
  sv: ["26 maj 2025", "27 maj 2025"],
};

/** The article only says a late objection "soll nicht möglich sein": each language keeps that hedge. */
const LATE_HEDGE = {
  nl: "zou bezwaar achteraf niet mogelijk zijn",
  pl: "ma nie być możliwe",
  sv: "ska det inte gå att invända i efterhand",
};

/** A question about WhatsApp, which the article gives no form for, and the note's words. */
const NO_FORM: Record<"nl" | "pl" | "sv", [string, string]> = {
  nl: ["Hoe maak ik bezwaar bij WhatsApp?", "geen formulier voor WhatsApp"],
  pl: ["Jak złożyć sprzeciw na WhatsAppie?", "żadnego dla WhatsAppa"],
  sv: ["Hur invänder jag på WhatsApp?", "inget för WhatsApp"],
};

const ANSWERED = INTENTS.filter((id): id is Exclude<Intent, "thanks"> => id !== "thanks");

describe.each(["nl", "pl", "sv"] as const)("the %s knowledge file", (language) => {
  it.each(QUESTIONS[language])("understands %j and answers in its language", (text, intents) => {
    const found = classify(realMatcher(), { content: mentionHtml(text), language: null });
    expect([...found.intents].sort()).toEqual([...intents].sort());
    expect(found.language).toBe(language);
  });

  it.each(LOOSE[language])("understands the looser %j", (text, intents) => {
    const found = classify(realMatcher(), { content: mentionHtml(text), language: null });
    expect([...found.intents].sort()).toEqual([...intents].sort());
  });

  it("says, in its language, that the article speaks of public content when asked about private messages", () => {
    const [question, words] = PRIVATE[language];
    const found = classify(realMatcher(), { content: mentionHtml(question), language: null });
    expect(found.intents).toEqual(["affected_data"]);
    const { posts } = composeReply({
      intents: found.intents,
      notes: found.notes,
      language,
      now: MOMENTS.before,
      author: { acct: "alice" },
      knowledge: realKnowledge(),
    });
    expect(posts.join("\n")).toContain(words);
  });

  for (const phase of ["before", "on", "after"] as const) {
    it(`composes every answer ${phase} the deadline in one post, with the article's links and dates only`, () => {
      for (const intent of [...ANSWERED, null]) {
        const { posts } = composeReply({
          intents: intent === null ? [] : [intent],
          language,
          now: MOMENTS[phase],
          author: { acct: "alice" },
          knowledge: realKnowledge(),
        });
        expect(posts).toHaveLength(1);
        const post = posts[0]!;
        expect(mastodonLength(post)).toBeLessThanOrEqual(500);
        expect(post).not.toMatch(/[{}]/);
        for (const url of findUrls(post)) expect([FACEBOOK_FORM, INSTAGRAM_FORM]).toContain(url);
        if (intent === "deadline") for (const date of DATES[language]) expect(post).toContain(date);
      }
    });
  }

  it("keeps the article's hedge on a late objection in every text after the deadline", () => {
    const knowledge = realKnowledge();
    for (const intent of ["form_facebook", "form_instagram", "deadline", "status_post"] as const) {
      const { posts } = composeReply({
        intents: [intent],
        language,
        now: MOMENTS.after,
        author: { acct: "alice" },
        knowledge,
      });
      expect(posts.join("\n")).toContain(LATE_HEDGE[language]);
    }
  });

  it("says, in its language, that the article gives no form for WhatsApp", () => {
    const [question, words] = NO_FORM[language];
    const found = classify(realMatcher(), { content: mentionHtml(question), language: null });
    const { posts } = composeReply({
      intents: found.intents,
      notes: found.notes,
      language,
      now: MOMENTS.before,
      author: { acct: "alice" },
      knowledge: realKnowledge(),
    });
    expect(posts[0]).toContain(words);
  });
});
