import { describe, expect, it } from "vitest";
import type { Intent } from "../../src/domain/intent.js";
import { classify } from "../../src/matcher/classify.js";
import { mentionHtml, realMatcher } from "../support/knowledge.js";

/** Loose wordings by class (help cries, greetings, "what is it for", "still time", leaving, switching), new text. */
const LOOSE: Record<"fr" | "es" | "sv", [string, Intent[]][]> = {
  fr: [
    ["aide moi stp, c'est quoi cette histoire", ["help"]],
    ["j'y comprends rien du tout à ce truc", ["help"]],
    ["Salutations !", ["help"]],
    ["franchement ça sert à quoi leur IA ?", ["purpose"]],
    ["je suis trop en retard ou pas ?", ["deadline"]],
    ["on peut encore refuser, dis ?", ["deadline"]],
    ["on peut plus rien faire maintenant pour refuser l'IA de Meta ?", ["deadline"]],
  ],
  es: [
    ["ayudaaa porfa", ["help"]],
    ["no entiendo nada de lo de meta", ["help"]],
    ["¿y para qué las quieren, las fotos?", ["purpose"]],
    // The verb with its pronoun attached ("borrarlo") is still deleting.
    ["¿y si quiero borrarlo todo de una vez, cómo hago?", ["delete_account"]],
    ["bueno, ¿ya valió o todavía da tiempo de oponerse a Meta?", ["deadline"]],
  ],
  sv: [
    ["om jag lägger ner insta, vad byter man till?", ["alternatives"]],
    ["hur slipper jag meta helt och hållet?", ["delete_account"]],
    ["vill inte ha nåt med dom att göra, hur gör jag?", ["delete_account"]],
    ["missade datumet, kan jag göra det nu?", ["deadline"]],
    // "if one deletes X, where to then": a condition, not a wish to delete.
    ["om jag raderar insta, vad byter jag till?", ["alternatives"]],
    ["om man tar bort fejan, vart tar man vägen sen?", ["alternatives"]],
    // Spoken "e de" for "är det" opens a question as well.
    ["bot, e de kört nu med meta ai", ["deadline"]],
  ],
};

describe.each(["fr", "es", "sv"] as const)("the %s knowledge file", (language) => {
  it.each(LOOSE[language])("understands the looser %j", (text, intents) => {
    const found = classify(realMatcher(), { content: mentionHtml(text), language: null });
    expect([...found.intents].sort()).toEqual([...intents].sort());
  });
});
