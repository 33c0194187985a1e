import { describe, expect, it } from "vitest";
import { classify } from "../../src/matcher/classify.js";
import { mentionHtml, realMatcher } from "../support/knowledge.js";

// Issue "understand what people ask", item 6: the specific point of a question is answered
// (intents.yaml `notes`), with the intents of ../shared/intents.md unchanged.
const matcher = realMatcher();
const ask = (text: string) => classify(matcher, { content: mentionHtml(text), language: null });
/** A mention of the bot whose text links `url` after `before`, as Mastodon renders a link. */
const withLink = (before: string, url: string, after = "") =>
  classify(matcher, {
    content: `${mentionHtml(before).replace(/<\/p>$/, "")} <a href="${url}" rel="nofollow noopener" target="_blank">${url}</a> ${after}</p>`,
    language: null,
  });
const FAKE_LINK = "https://meta-privacy-center.help/ai-optout";

describe("a platform without a form in the article", () => {
  it.each([
    "Wie widerspreche ich bei WhatsApp?",
    "how do I object on Threads?",
    "Gibt's auch für den Messenger ein Widerspruchsformular?",
    // Asked for a form, with no word for objecting: the learned model alone used to guess one.
    "any form for threads as well?",
    "gibt es auch ein Formular für WhatsApp?",
    "e pro zap, tem formulário?",
    "finns det ett formulär för messenger med?",
  ])("%s: both forms, with the note that the article has forms only for Facebook and Instagram", (text) => {
    expect(ask(text)).toMatchObject({ intents: ["form_facebook", "form_instagram"], notes: ["no_form"] });
  });

  it("carries the note to a thread follow-up that names such a platform", () => {
    const parent = {
      content:
        "<p>Für Facebook widersprichst du über dieses Formular: facebook.com/help/contact/6359191084165019</p>",
      language: "de",
      fromBot: true,
    };
    const result = classify(matcher, { content: mentionHtml("und bei WhatsApp?"), language: "de", parent });
    expect(result).toMatchObject({ intents: ["form_facebook", "form_instagram"], notes: ["no_form"] });
  });

  it("adds no note to a question about Facebook or Instagram alone", () => {
    expect(ask("Wie widerspreche ich bei Instagram?")).toMatchObject({
      intents: ["form_instagram"],
      notes: [],
    });
  });

  it("adds no note where no form is answered: deleting WhatsApp", () => {
    expect(ask("Soll ich WhatsApp löschen?")).toMatchObject({ intents: ["delete_account"], notes: [] });
  });
});

describe("private messages", () => {
  it.each([
    "Sind meine privaten Nachrichten auch betroffen?",
    "are my private messages affected?",
    "Does Meta read my private WhatsApp chats for this AI thing??",
    "Liest Meta meine DMs für die KI?",
  ])("%s: what is affected, with the note that the article speaks of public content", (text) => {
    expect(ask(text)).toMatchObject({ intents: ["affected_data"], notes: ["public_only"] });
  });

  it("adds no note to a question about public posts", () => {
    expect(ask("Welche Daten nimmt Meta?")).toMatchObject({ intents: ["affected_data"], notes: [] });
  });

  it("gives neither topic nor note to a post that asks nothing", () => {
    expect(ask("Hab alles auf privat gestellt, meine Chats sowieso.")).toMatchObject({
      intents: [],
      notes: [],
    });
  });
});

describe("whether a link is the real form", () => {
  it.each(["ist das der echte Link?", "Is this the real form?"])(
    "%s: both forms, not the menu, with the note to compare the link",
    (text) => {
      expect(ask(text)).toMatchObject({ intents: ["form_facebook", "form_instagram"], notes: ["real_form"] });
    },
  );

  it("reads a question with only a link as asking about the link", () => {
    expect(withLink("Is this legit?", FAKE_LINK, "my cousin shared it on whatsapp")).toMatchObject({
      intents: ["form_facebook", "form_instagram"],
      notes: ["real_form"],
    });
    expect(withLink("Ist der Link echt?", FAKE_LINK, "Kam in unserer WhatsApp-Gruppe")).toMatchObject({
      intents: ["form_facebook", "form_instagram"],
      notes: ["real_form"],
    });
  });

  it("answers with the form of the platform the link points to", () => {
    expect(
      withLink(
        "Is this legit?",
        "https://www.facebook.com/help/contact/6359191084165019",
        "a friend sent it",
      ),
    ).toMatchObject({ intents: ["form_facebook"], notes: ["real_form"] });
  });

  it("leaves a post with a link alone when it asks nothing about it", () => {
    expect(withLink("Guter Artikel zum Widerspruch:", "https://blog.example/meta")).toMatchObject({
      intents: [],
      notes: [],
    });
  });
});

// Issue "every European in their own language": the specific points hold in every language the
// bot answers in, not only where German or English words happen to match.
describe("the specific points in the other languages", () => {
  it.each([
    ["fr", "mes messages privés sur Messenger sont utilisés aussi ?"],
    ["es", "¿también usan mis mensajes privados de WhatsApp para la IA?"],
    ["it", "usano anche i messaggi privati per l'IA?"],
    ["nl", "worden mijn privéberichten ook gebruikt voor de AI?"],
    ["pl", "czy moje prywatne wiadomości też biorą do AI?"],
    ["pt", "as minhas mensagens privadas também são usadas pela IA da Meta?"],
    ["sv", "används mina privata meddelanden också till AI:n?"],
  ])("%s: private messages get what is affected and the note on public content: %s", (language, text) => {
    expect(ask(text)).toMatchObject({ intents: ["affected_data"], notes: ["public_only"], language });
  });

  it.each([
    ["fr", "c'est le vrai formulaire ?"],
    ["fr", "c'est une arnaque ce lien ?"],
    ["es", "¿es el formulario de verdad?"],
    ["it", "è il modulo vero?"],
    ["nl", "is dit het officiële formulier?"],
    ["pl", "czy to prawdziwy formularz?"],
    ["pt", "esse é o formulário verdadeiro?"],
    ["sv", "är det här det riktiga formuläret?"],
  ])("%s: whether a link is the real form gets both forms and the note: %s", (language, text) => {
    expect(withLink(text, FAKE_LINK)).toMatchObject({
      intents: ["form_facebook", "form_instagram"],
      notes: ["real_form"],
      language,
    });
  });

  it.each([
    "Quelqu'un utilise Pixelfed ici ?",
    "¿Alguien usa Pixelfed?",
    "Qualcuno usa Pixelfed?",
    "Gebruikt iemand Pixelfed?",
    "Czy ktoś używa Pixelfed?",
    "Alguém usa Pixelfed?",
    "Har någon testat Pixelfed?",
  ])("%s: a question to the crowd about Fediverse software is not the bot's", (text) => {
    expect(ask(text).intents).not.toContain("alternatives");
  });
});
