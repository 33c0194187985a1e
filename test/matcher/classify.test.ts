import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classify, modelInput } from "../../src/matcher/classify.js";
import type { CompiledMatcher } from "../../src/matcher/compile-matcher.js";
import { learnedMatcher, mentionHtml, realKnowledge, realMatcher } from "../support/knowledge.js";

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

  it("does not read the words of a quoted status post as a question about data", () => {
    const content = mentionHtml(
      "Mein Onkel hat „Hiermit widerspreche ich, dass Meta meine Daten und Fotos benutzt“ gepostet. Reicht das?",
    );
    const { concepts } = modelInput(matcher, { content, language: "de" });
    expect(concepts).toContain("status_strong");
    for (const quoted of ["data", "content", "use"]) expect(concepts).not.toContain(quoted);
    expect(classify(matcher, { content, language: "de" }).intents).toEqual(["status_post"]);
    // Outside the quote they still count.
    expect(ask("Welche Daten nutzt Meta für die KI?").intents).toContain("affected_data");
  });

  it("does not take a negated wish as a request", () => {
    expect(ask("Ich will mein Konto NICHT löschen, aber die KI nervt.").intents).not.toContain(
      "delete_account",
    );
    expect(ask("Ich will mein Facebook-Konto löschen. Geht das?").intents).toContain("delete_account");
  });

  it("reads everyday words for Meta's aim, the menu, greetings and lookalikes", () => {
    expect(ask("Was ist eigentlich das Ziel von Meta bei dem ganzen KI-Training?").intents).toEqual([
      "purpose",
    ]);
    expect(ask("what does zuck actually get out of all this AI stuff?").intents).toEqual(["purpose"]);
    expect(ask("hey, what sort of questions do you take?").intents).toEqual(["help"]);
    expect(ask("Hallöle!").intents).toEqual(["help"]);
    expect(ask("Gibt es was Vergleichbares zu Instagram ohne Meta?").intents).toEqual(["alternatives"]);
  });

  it("does not offer the menu to a cry for help about a date of one's own, nor to a complaint", () => {
    expect(ask("thesis due on the 3rd of June and nothing written. help").intents).toEqual([]);
    expect(ask("Warum hilfst du mir eigentlich nie?").intents).toEqual([]);
    expect(ask("why do you never help anyone, useless bot").intents).toEqual([]);
    expect(ask("Hilfe").intents).toEqual(["help"]);
    expect(ask("help pls, what can you do?").intents).toEqual(["help"]);
  });

  it("reads a month beside an objection already made as its date, not a deadline question", () => {
    expect(ask("Ich hab schon im April widersprochen, sammeln die trotzdem weiter?").intents).toEqual([
      "objection_scope",
    ]);
    expect(ask("I already objected in March. Do they still collect my stuff?").intents).toEqual([
      "objection_scope",
    ]);
    expect(ask("kann ich im Juni noch widersprechen?").intents).toEqual(["deadline"]);
    // Whether one made after the deadline still counts is the deadline's question.
    expect(ask("Hab erst am 2. Juni widersprochen, zählt das noch?").intents).toEqual(["deadline"]);
  });

  it("reads 'can I still?' in its everyday forms as a deadline question", () => {
    expect(ask("geht das mit dem Widerspruch jetzt noch?").intents).toEqual(["deadline"]);
    expect(ask("kann man das auch nächstes Jahr noch widersprechen?").intents).toEqual(["deadline"]);
    expect(ask("is the opt-out still available?").intents).toEqual(["deadline"]);
    expect(ask("please tell me the deadline for same").intents).toEqual(["deadline"]);
  });

  it("does not ask again for the platform that was thanked for or worked", () => {
    expect(ask("Danke für den Insta-Link! Gibt's das auch für Facebook?").intents).toEqual([
      "form_facebook",
      "thanks",
    ]);
    expect(ask("thx, worked for instagram. facebook next?").intents).toEqual(["form_facebook", "thanks"]);
    expect(ask("Danke! Wie widerspreche ich bei Facebook?").intents).toEqual(["form_facebook", "thanks"]);
  });

  it("reads thanks and greetings the way people say them", () => {
    expect(ask("Dangschee, hot prima klappt!").intents).toEqual(["thanks"]);
    expect(ask("Griass eich!").intents).toEqual(["help"]);
    expect(ask("much obliged, mate").intents).toEqual(["thanks"]);
    expect(ask("hiya!").intents).toEqual(["help"]);
  });

  it("gives both forms to a request for both links, not to a status post's question nor another link", () => {
    expect(ask("Need both forms. Thanks!").intents).toEqual(["form_facebook", "form_instagram", "thanks"]);
    expect(
      ask("Grüß Gott, ich hätte gern beide Formulare und wüsste gern, bis wann ich Zeit habe.").intents,
    ).toEqual(["form_facebook", "form_instagram", "deadline"]);
    expect(
      ask("is posting that 'I hereby object' thing on my wall enough or do i need the form too?").intents,
    ).toEqual(["status_post"]);
    expect(ask("Danke für den Link, hat geklappt!").intents).toEqual(["thanks"]);
    // A link to something else, or one asked for with another topic, is no objection form.
    expect(ask("Need the link to the Zoom call please").intents).toEqual([]);
    expect(ask("Please send me the link to delete my account").intents).toEqual(["delete_account"]);
    expect(ask("Kannst du mir den Link zum Quellcode schicken?").intents).toEqual([]);
  });

  it("gives the forms for the right way in place of a status post, not the alternatives", () => {
    expect(
      ask(
        "my uncle posted that 'Hereby I object' chain thing on fb. useless right? what should he do instead",
      ).intents,
    ).toEqual(["form_facebook", "status_post"]);
    expect(
      ask(
        "„Hiermit widerspreche ich“ steht bei meiner Tante auf der Pinnwand. Reicht das? Und wenn nicht, wie geht's richtig?",
      ).intents,
    ).toEqual(["form_facebook", "form_instagram", "status_post"]);
    expect(
      ask("the copypasta on my insta is useless then. is there at least a proper way for instagram?").intents,
    ).toEqual(["form_instagram", "status_post"]);
    // Without a status post, "instead" still asks for another network.
    expect(ask("what should I use instead of Facebook?").intents).toEqual(["alternatives"]);
  });

  it("answers no tip passed on, but keeps a cry for help about the topic", () => {
    expect(
      classify(matcher, {
        content:
          "<p>📢 Tipp für alle: Der Widerspruch bei Meta gilt nur übers Formular, nicht per Statuspost. Fragen? → @optout</p>",
        language: "de",
      }),
    ).toMatchObject({ asked: false, intents: [] });
    expect(ask("Geteilt von @heike: Bitte alle bei Insta und FB widersprechen! 🔁").intents).toEqual([]);
    expect(ask("help pls, my neighbour says Meta will use my photos and I'm confused").asked).toBe(true);
  });

  it("reads the topic's words in languages it answers in English", () => {
    const bare = { ...matcher, model: undefined };
    const read = (text: string) => classify(bare, { content: mentionHtml(text), language: null });
    const cases: [string, string[]][] = [
      ["Do kdy můžu podat námitku proti Metě?", ["deadline"]],
      ["Cum mă opun pe Facebook?", ["form_facebook"]],
      ["Miksi Meta haluaa kuviani tekoälyyn?", ["purpose"]],
      ["Meddig lehet tiltakozni a Meta ellen?", ["deadline"]],
      ["Γιατί το κάνει αυτό η Meta;", ["purpose"]],
      ["Stačí dát na zeď status, že nesouhlasím?", ["status_post"]],
      ["Hvordan gør jeg indsigelse på Instagram?", ["form_instagram"]],
      ["Ako môžem zmazať účet na Facebooku úplne?", ["delete_account"]],
      [
        "Ha tiltakozom, akkor a Meta abbahagyja az adatgyűjtést, vagy csak az AI-hoz nem használja?",
        ["objection_scope"],
      ],
      ["Ačiū! O ar dar galiu pateikti prieštaravimą?", ["deadline", "thanks"]],
      ["Milloin Meta alkaa käyttää niitä tietoja? Ehdinkö vielä vastustaa?", ["deadline"]],
      ["Eski fotoğraflarım da kullanılacak mı? Instagramda herkese açık paylaşıyorum", ["affected_data"]],
    ];
    for (const [text, intents] of cases) expect(read(text)).toMatchObject({ intents, language: "en" });
    // An objection in court is another topic.
    expect(read("prigovor na presudu moram predat do petka, ima li netko iskustva?").intents).toEqual([]);
    // Their words that mean something else in a language with a file, or in another sense.
    expect(read("J'habite dans le sud, jusqu'à quand je peux m'opposer ?").intents).toEqual(["deadline"]);
    expect(read("Det er slet ikke klart for mig hvor formularen til Facebook er?").intents).toEqual([
      "form_facebook",
    ]);
    expect(read("Hvor lang tid har jeg til at gøre indsigelse mod Meta?").intents).toEqual(["deadline"]);
    expect(read("Vreau să mă opun, dar nu mai știu cum. Ajutor?").intents).not.toContain("deadline");
    expect(read("Miten voin vastustaa Instagramissa? Tilini on julkinen.").intents).toEqual([
      "form_instagram",
    ]);
    expect(read("Gdje mogu vidjeti ugovor s Metom?").intents).toEqual([]);
  });

  it("answers a post in Greek or Cyrillic letters in English, whatever its tag", () => {
    expect(ask("Как отказаться в Facebook?", "de").language).toBe("en");
    expect(ask("Τι πρέπει να κάνω για το Instagram;", "de").language).toBe("en");
  });

  it("reads thanks in languages it answers in English, and answers the question after them", () => {
    for (const text of ["Kiitos paljon!", "Tusind tak! 🙏", "Köszönöm szépen!", "Salamat po!", "diolch!"])
      expect(ask(text)).toMatchObject({ intents: ["thanks"], language: "en" });
    expect(ask("Hvala! And where is the Instagram form?").intents).toEqual(["form_instagram", "thanks"]);
    expect(
      ask("Kindly share the link for the Instagram objection form. Thanking you in advance.").intents,
    ).toEqual(["form_instagram", "thanks"]);
    // Polish "tak" is "yes", not Danish thanks.
    expect(ask("Tak, widziałam to. Ale do kiedy mogę się sprzeciwić?", "pl").intents).toEqual(["deadline"]);
  });

  it("negates only with the post's own negation words", () => {
    // Portuguese "no" is "in the": it does not take the platform away.
    expect(ask("Como me oponho no Instagram?").intents).toEqual(["form_instagram"]);
    expect(ask("e no face, onde é que me oponho?").intents).toEqual(["form_facebook"]);
    // Spanish "no" still negates.
    expect(ask("No quiero borrar mi Instagram, ¿cómo me opongo?").intents).toEqual(["form_instagram"]);
  });

  it("leaves the platform to a negation that belongs to a purpose clause", () => {
    expect(
      ask("I have to fill in something on Facebook so they don't use my pictures. Where?").intents,
    ).toEqual(["form_facebook"]);
    expect(
      ask("tenho de preencher algo no Facebook pra não usarem as minhas fotos, onde é?").intents,
    ).toEqual(["form_facebook"]);
    expect(ask("¿Dónde relleno lo de Instagram para que no usen mis fotos?").intents).toEqual([
      "form_instagram",
    ]);
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

  describe("a post with no sign of a question, judged by the learned model", () => {
    const learned = learnedMatcher();
    const jana = `<span class="h-card"><a href="https://chaos.example/@jana" class="u-url mention">@<span>jana</span></a></span>`;
    const psa =
      "PSA: Meta trainiert seine KI mit euren Posts, widersprechen könnt ihr hier: https://www.facebook.com/help/contact/6359191084165019";
    const post = (text: string) => ({ content: mentionHtml(text), language: null });
    /** "@jana @optout text", replying to `parent`. */
    const reply = (text: string, parent = psa, fromBot = false) => ({
      content: `<p>${jana} ${mentionHtml(text).slice(3)}`,
      language: null,
      parent: { content: `<p>${parent}</p>`, language: null, fromBot },
    });

    it("to the bot alone: answered where the model finds a question, never by the rules alone", () => {
      expect(classify(learned, post("fb opt out form where")).intents).toEqual(["form_facebook"]);
      expect(classify(learned, post("still possible to object after the deadline or nah")).intents).toEqual([
        "deadline",
      ]);
      expect(classify(learned, post("Hab bei Insta widersprochen, ging ganz fix.")).asked).toBe(false);
      expect(classify(learned, post("So, Facebook ist gelöscht, endlich Ruhe")).asked).toBe(false);
      // A platform alone, no topic of the rules: the model is sure of the form.
      expect(classify(learned, post("FB")).intents).toEqual(["form_facebook"]);
      expect(classify(matcher, post("FB")).asked).toBe(false);
      expect(classify(learned, post("schönes Wetter heute")).asked).toBe(false);
      expect(classify(matcher, post("fb opt out form where"))).toEqual({
        asked: false,
        intents: [],
        notes: [],
        language: "en",
      });
    });

    it("a thank-you that names what it thanks for gets a favourite, not that answer again", () => {
      expect(classify(learned, post("Danke für den Link zum Facebook-Formular"))).toMatchObject({
        asked: false,
        intents: ["thanks"],
      });
      expect(classify(learned, reply("Danke für den Link zum Insta-Formular")).asked).toBe(false);
    });

    it("in a thread: answered where it calls no one else and hands over no link", () => {
      expect(classify(learned, reply("do these still work or is it too late")).intents).toEqual(["deadline"]);
      expect(classify(learned, reply("what does zuck even want with my cat pics")).intents).toEqual([
        "purpose",
      ]);
      expect(classify(matcher, reply("do these still work or is it too late")).asked).toBe(false);
      for (const text of [
        "Super, Jana, dann mach ich das heute Abend auch",
        "danke dir, gleich erledigt",
        "bei Insta auch gemacht",
        "Hier der Insta-Link: https://help.instagram.com/contact/767264225370182",
        'Hier der Insta-Link: <a href="https://help.instagram.com/contact/767264225370182">help.instagram.com</a>',
      ])
        expect([text, classify(learned, reply(text)).asked]).toEqual([text, false]);
    });

    it("under the bot's own answer it reacts to the answer; about something else it has no topic", () => {
      const answer = "@jana The objection had to be filed by 26.05.2025.";
      expect(classify(learned, reply("too late for me then", answer, true)).asked).toBe(false);
      expect(classify(learned, reply("damn, missed it by a week", answer, true)).asked).toBe(false);
      const museum = "The new exhibition at the city museum is amazing";
      expect(classify(learned, reply("how long does it run", museum)).asked).toBe(false);
      expect(classify(learned, reply("until when does it run", museum)).asked).toBe(false);
    });
  });

  it("gives the named platform's form when WhatsApp or Threads is only named in passing", () => {
    expect(ask("Instagram link? I already left WhatsApp and Threads").intents).toEqual(["form_instagram"]);
    expect(ask("Ist das der echte Facebook-Link? Kam über eine WhatsApp-Gruppe").intents).not.toContain(
      "form_instagram",
    );
  });

  it("gives the real forms for a dubious link typed as text, as for one sent as a link", () => {
    // `ask` and local mode send typed text: the link is not an HTML link there.
    expect(ask("Ist das echt? https://meta-optout-eu.example/verify").intents).toEqual([
      "form_facebook",
      "form_instagram",
    ]);
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
    expect(ask("Grazie mille!", "it").language).toBe("it");
    expect(ask("Instagram?", null).language).toBe("en");
    expect(ask("Formular für Insta?", null).language).toBe("de");
  });

  it("follows the tag where the words name no language or tie with it, not the model's guess", () => {
    // tinyld reads each of these as French; nothing in the words says so.
    expect(ask("Insta?", "nl").language).toBe("nl");
    expect(ask("FB?", "pl").language).toBe("pl");
    expect(ask("deadline?", "de").language).toBe("de");
    expect(ask("Hallo 👋", "de").language).toBe("de");
    // Untagged, a whole own keyword ahead decides: tinyld reads these as French.
    expect(ask("insta form link pls", null).language).toBe("en");
    expect(ask("facebook form pls", null).language).toBe("en");
    // The words still outvote the tag where they lead.
    expect(ask("wo ist das formular für instagram?", "nl").language).toBe("de");
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
    expect([...matcher.languages]).toContain(result.language);
  });

  it("still answers a question hidden in broken markup", () => {
    expect(classify(matcher, { content: inputs[5]![1], language: null }).intents).toEqual(["form_instagram"]);
  });
});

describe('classify: a Swedish trailing "tack" after what is wanted is "please"', () => {
  it("answers the request as well as the thanks", () => {
    expect(ask("Instagram-formuläret, tack", "sv").intents).toEqual(["form_instagram", "thanks"]);
    expect(ask("Facebook-länken tack", "sv").intents).toEqual(["form_facebook", "thanks"]);
  });

  it("still reads thanks for a link as thanks alone", () => {
    expect(ask("Tack för länken!", "sv").intents).toEqual(["thanks"]);
  });
});

describe("classify: language of posts in other languages", () => {
  it("answers an Italian question in Italian even when it shares a short word with English", () => {
    const result = classify(realMatcher(), {
      content: mentionHtml("Ciao! Dove posso oppormi su Facebook all'uso dei miei dati?"),
      language: "it",
    });
    expect(result.language).toBe("it");
  });

  // Written for this test. tinyld/light has no Czech or Slovak (it reads Slovak as French,
  // Croatian as Polish), and Danish "ø" is no letter of ours. Czech that opens with "Jak mám"
  // still reads as Polish: those are Polish words too.
  it.each([
    ["cs", "Kde najdu formulář, abych nesouhlasil s tím, že Meta použije moje fotky?", null],
    ["cs", "Kde najdu formulář, abych nesouhlasil s tím, že Meta použije moje fotky?", "pl"],
    ["sk", "Ako sa môžem odhlásiť z trénovania AI na Facebooku?", null],
    ["hr", "Kako da se usprotivim da Meta koristi moje slike?", null],
    ["da", "Hvordan gør jeg indsigelse mod Meta på Instagram?", "sv"],
    ["ro", "Cum pot sa ma opun la Meta pentru Instagram?", null],
    ["el", "Πώς μπορώ να αντιταχθώ στη Meta;", null],
  ])("answers a question in a language without a file (%s) in English", (_code, text, tag) => {
    expect(ask(text, tag).language).toBe("en");
  });

  it.each([
    ["pl", "Jak mam złożyć sprzeciw na Instagramie?"],
    ["pl", "to było pół roku temu, stary"],
    ["sv", "Hur gör jag för att invända mot Meta på Instagram?"],
    ["de", "Meine Freundin Søren aus Kopenhagen fragt: wo ist das Formular?"],
    // Common words of these languages are not on the other languages' lists ("noi", "già", "dar").
    ["it", "E noi artisti? Cosa possiamo fare noi contro Meta? Ormai è già tardi?"],
    ["pt", "Vou dar o meu não à Meta, mas como?"],
    // "œ" is French, folded to "oe"; digits of other scripts are no letters.
    ["fr", "Œuvres et manœuvres : Meta ?"],
    ["de", "Ich habe ۳ Fotos auf Insta, wo widerspreche ich?"],
  ])("keeps a %s question that shares words or letters with those languages in its own", (code, text) => {
    expect(ask(text, null).language).toBe(code);
  });
});

// One question per topic in each language that has its own knowledge file besides German and
// English, written for this test (not from the evaluation sets), as people there would ask.
const TRANSLATED_QUESTIONS: [string, string, string[]][] = [
  ["fr", "Salut, c'est où le formulaire pour s'opposer sur Facebook ?", ["form_facebook"]],
  ["fr", "jusqu'à quand on peut s'opposer ?", ["deadline"]],
  ["fr", "Est-ce qu'un message en statut « je m'oppose » suffit ?", ["status_post"]],
  ["fr", "Quelles données sont utilisées pour l'IA ?", ["affected_data"]],
  ["fr", "Si je m'oppose, Meta arrête de collecter mes données ?", ["objection_scope"]],
  ["fr", "Comment supprimer mon compte Insta pour de bon ?", ["delete_account"]],
  ["fr", "Pourquoi Meta veut nos photos ?", ["purpose"]],
  ["fr", "Quelle alternative à WhatsApp sans Meta ?", ["alternatives"]],
  ["fr", "merci beaucoup !", ["thanks"]],
  ["es", "¿Dónde está el formulario de Instagram para oponerme?", ["form_instagram"]],
  ["es", "¿Hasta cuándo puedo oponerme?", ["deadline"]],
  ["es", "¿Vale de algo poner en mi muro que no doy permiso?", ["status_post"]],
  ["es", "¿Mis comentarios también cuentan?", ["affected_data"]],
  ["es", "Si me opongo, ¿siguen recopilando mis datos?", ["objection_scope"]],
  ["es", "quiero borrar mi cuenta de facebook, cómo lo hago?", ["delete_account"]],
  ["es", "¿Por qué Meta hace esto?", ["purpose"]],
  ["es", "¿Hay alternativas a Instagram?", ["alternatives"]],
  ["es", "¡muchas gracias!", ["thanks"]],
  ["it", "Dove trovo il modulo per oppormi su Facebook?", ["form_facebook"]],
  ["it", "Entro quando posso oppormi?", ["deadline"]],
  ["it", "Basta scrivere nel mio stato che non do il consenso?", ["status_post"]],
  ["it", "Anche le mie foto private sono interessate?", ["affected_data"]],
  ["it", "Se mi oppongo, Meta smette di raccogliere i miei dati?", ["objection_scope"]],
  ["it", "Come cancello il mio account Instagram?", ["delete_account"]],
  ["it", "Perché Meta vuole i nostri dati?", ["purpose"]],
  ["it", "Ci sono alternative a WhatsApp?", ["alternatives"]],
  ["it", "grazie mille!", ["thanks"]],
  ["pt", "Onde está o formulário do Insta para me opor?", ["form_instagram"]],
  ["pt", "Até quando posso me opor?", ["deadline"]],
  ["pt", "Adianta postar no mural que não autorizo?", ["status_post"]],
  ["pt", "Quais dados eles usam?", ["affected_data"]],
  ["pt", "Se eu me opuser, a Meta deixa de recolher os meus dados?", ["objection_scope"]],
  ["pt", "Quero apagar a minha conta do Facebook, como faço?", ["delete_account"]],
  ["pt", "Porque é que a Meta faz isto?", ["purpose"]],
  ["pt", "Tem alternativa ao zap?", ["alternatives"]],
  ["pt", "valeu!", ["thanks"]],
  // "instead" and "later" as people write them, not only in the textbook phrase.
  ["pt", "o que é que eu uso em vez do Insta?", ["alternatives"]],
  ["es", "Me voy de Facebook, ¿qué uso en vez de eso?", ["alternatives"]],
  ["nl", "ik stop met WhatsApp, wat gebruik ik in plaats daarvan?", ["alternatives"]],
  ["pt", "posso me opor depois, tipo no ano que vem?", ["deadline"]],
  ["it", "posso oppormi anche dopo, tra qualche mese?", ["deadline"]],
];

describe("classify in French, Spanish, Italian and Portuguese", () => {
  it.each(TRANSLATED_QUESTIONS)("%s: %s", (language, text, intents) => {
    expect(ask(text)).toMatchObject({ intents, language });
  });

  it("reads the local names of the platforms", () => {
    expect(ask("cadê o link do face pra me opor?").intents).toEqual(["form_facebook"]);
    expect(ask("no zap tem como se opor?").intents).toEqual(["form_facebook", "form_instagram"]);
    expect(ask("lien pour m'opposer sur insta stp").intents).toEqual(["form_instagram"]);
  });

  it("does not take a word shared with English as the topic: 'come', 'comment', 'but'", () => {
    expect(ask("which comments on my posts do they use?").intents).toEqual(["affected_data"]);
    expect(ask("come on, how do I object on Facebook?").intents).toEqual(["form_facebook"]);
  });
});

// Session 6's classes of misses in French, Spanish, Italian and Portuguese, each in wording of
// our own (none from the evaluation sets): [language, text, intents].
const TUNED_CLASSES: [string, string, string[]][] = [
  // Chatter that shares a word with the topic: a late bus, a school deadline, "quelqu'un".
  ["fr", "le tram est en retard, tu crois que j'arrive à l'heure ?", []],
  ["it", "l'autobus è di nuovo in ritardo?", []],
  ["fr", "quelqu'un a une idée pour libérer de la place, trop de photos sur mon téléphone ?", []],
  ["es", "¿el plazo de la matrícula de la uni termina mañana?", []],
  ["it", "la scadenza della tesi è domani?", []],
  ["pt", "alguém sabe o prazo da matrícula na faculdade?", []],
  // "à partir de" (from) is not leaving.
  ["fr", "Meta se sert de nos publications à partir de quand ?", ["deadline"]],
  ["pt", "A partir de que mês a Meta usa as nossas publicações?", ["deadline"]],
  // Why Meta does it, in everyday wording.
  ["fr", "Meta compte en faire quoi, de nos photos ?", ["purpose"]],
  ["es", "¿Y para qué quiere Meta nuestras fotos?", ["purpose"]],
  ["pt", "pra que a Meta quer treinar a IA com as minhas fotos?", ["purpose"]],
  ["it", "che ci guadagnano quelli di Meta con i nostri dati?", ["purpose"]],
  // Chat spellings of "why".
  ["fr", "pk meta veut nos photos ?", ["purpose"]],
  ["es", "xq Meta hace esto?", ["purpose"]],
  // Is there still time, too late for me, when did it start.
  ["fr", "il me reste combien de temps pour m'opposer ?", ["deadline"]],
  ["it", "c'è ancora tempo per opporsi?", ["deadline"]],
  ["es", "¿cuándo empezaron a usar nuestras fotos para la IA?", ["deadline"]],
  ["fr", "est-ce trop tard pour moi ?", ["deadline"]],
  // What can the bot do, in short chat forms.
  ["pt", "oq vc faz?", ["help"]],
  ["pt", "tu sabes fazer o quê?", ["help"]],
  // Where to go afterwards; leaving as a condition is not a wish to delete.
  ["it", "lascio Instagram: e poi passo a cosa?", ["alternatives"]],
  ["pt", "se eu largar a Meta, pra onde eu vou depois?", ["alternatives"]],
  ["es", "borro Instagram, ¿y qué instalo luego?", ["delete_account", "alternatives"]],
  // "I want to object" asks for the form.
  ["es", "quiero oponerme en Instagram", ["form_instagram"]],
  ["fr", "je veux m'opposer sur Facebook", ["form_facebook"]],
  ["it", "vorrei oppormi su Instagram", ["form_instagram"]],
  ["pt", "quero me opor no Face", ["form_facebook"]],
  ["fr", "et ce formulaire, je le trouve où ?", ["form_facebook", "form_instagram"]],
  [
    "pt",
    "Venho por este meio solicitar o procedimento para apresentar oposição junto da Meta.",
    ["form_facebook", "form_instagram"],
  ],
  // French "même" (same) is not the Italian "meme" (a picture).
  ["fr", "et pour Instagram, c'est le même ?", ["form_instagram"]],
  ["fr", "c'est le même délai pour Instagram ?", ["deadline"]],
  // Thanks to Meta is sarcasm, not thanks to the bot.
  ["fr", "Merci Meta, vraiment top ce nouveau truc 🙄", []],
  // A copied status text, and what is included.
  ["fr", "ma cousine recopie un texte sur Facebook pour interdire Meta, ça sert ?", ["status_post"]],
  ["fr", "est-ce que mes vieilles photos de profil font partie du lot ?", ["affected_data"]],
];

describe("classify: French, Spanish, Italian and Portuguese as people write them", () => {
  it.each(TUNED_CLASSES)("%s: %s", (language, text, intents) => {
    const result = ask(text);
    expect(result.language).toBe(language);
    expect([...result.intents].sort()).toEqual([...intents].sort());
  });
});

describe("modelInput: the model reads a thread reply's parent, marked as the parent's", () => {
  const input = (text: string, parent?: { content: string; fromBot: boolean }) =>
    modelInput(matcher, {
      content: mentionHtml(text),
      language: null,
      parent: parent === undefined ? undefined : { ...parent, language: null },
    }).concepts;

  it("gives the parent's concepts, its topics and whose it is, apart from the reply's own", () => {
    const url = "https://www.facebook.com/help/contact/6359191084165019";
    const answer = `<p>@kai Für Facebook widersprichst du hier: <a href="${url}">${url}</a></p>`;
    const concepts = [...input("und bis wann?", { content: answer, fromBot: true })];
    expect(concepts).toEqual(
      expect.arrayContaining(["parent.by_bot", "parent.facebook", "parent.topic.form_facebook"]),
    );
    expect(concepts).not.toContain("facebook");
    expect(concepts).not.toContain("parent.by_other");
    const friend = [
      ...input("und bis wann?", { content: "<p>Hab bei Insta widersprochen</p>", fromBot: false }),
    ];
    expect(friend).toEqual(expect.arrayContaining(["parent.by_other", "parent.object", "parent.done"]));
  });

  const toJana = (text: string) =>
    `<p><span class="h-card"><a href="https://chaos.example/@jana" class="u-url mention">@<span>jana</span></a></span> ${mentionHtml(text).slice(3)}`;

  it("gives none without a parent, nor for a reply that asks the bot nothing", () => {
    expect([...input("und bis wann?")].filter((c) => c.startsWith("parent."))).toEqual([]);
    const talk = modelInput(matcher, {
      content: toJana("Danke, Jana!"),
      language: null,
      parent: { content: "<p>Hab bei Insta widersprochen</p>", language: null, fromBot: false },
    }).concepts;
    expect([...talk].filter((c) => c.startsWith("parent."))).toEqual([]);
  });

  it("gives a post that asks nothing its own concepts, to learn 'asks nothing' from them", () => {
    const remark = { content: toJana("Hab bei Insta widersprochen, ging fix."), language: null };
    expect(classify(matcher, remark).asked).toBe(false);
    expect([...modelInput(matcher, remark).concepts]).toEqual(expect.arrayContaining(["object", "done"]));
  });
});

describe("modelInput: concepts marked by whether their sentence asks", () => {
  const concepts = (text: string) => [
    ...modelInput(matcher, { content: mentionHtml(text), language: null }).concepts,
  ];

  it("marks a platform named in a statement apart from one asked about", () => {
    const both = concepts("Facebook hab ich schon gemacht. Wie ist das bei Insta?");
    expect(both).toEqual(
      expect.arrayContaining(["facebook", "instagram", "stated.facebook", "asked.instagram"]),
    );
    expect(both).not.toContain("asked.facebook");
    expect(both).not.toContain("stated.instagram");
  });

  it("pairs the concepts one question asks together, and no others", () => {
    const both = concepts("Facebook hab ich schon gemacht. Wie widerspreche ich bei Insta?");
    expect(both).toEqual(expect.arrayContaining(["paired.instagram+object", "paired.how+instagram"]));
    expect(both.filter((c) => c.startsWith("paired.") && c.includes("facebook"))).toEqual([]);
    const two = concepts("Wie widerspreche ich bei Insta? Und bis wann geht das bei Facebook?");
    expect(two).toContain("paired.instagram+object");
    expect(two).not.toContain("paired.facebook+instagram");
  });

  it("marks nothing in a post without a question mark", () => {
    const plain = concepts("Facebook hab ich schon gemacht, Insta kommt morgen dran");
    expect(plain).toContain("facebook");
    expect(plain.filter((c) => /^(asked|stated|paired)\./.test(c))).toEqual([]);
  });

  it("marks a post that asks nothing too, to learn from", () => {
    const toJana = `<p><span class="h-card"><a href="https://chaos.example/@jana" class="u-url mention">@<span>jana</span></a></span> ${mentionHtml("Hab bei Insta widersprochen. Du auch, Jana?").slice(3)}`;
    const remark = { content: toJana, language: null };
    expect(classify(matcher, remark).asked).toBe(false);
    expect([...modelInput(matcher, remark).concepts]).toEqual(
      expect.arrayContaining(["stated.object", "stated.done"]),
    );
  });
});

describe("modelInput: each question and request of a post that asks two things or more", () => {
  const parts = (text: string) =>
    (modelInput(matcher, { content: mentionHtml(text), language: null }).questions ?? []).map((q) => ({
      words: q.words.join(" "),
      request: q.request === true,
      question: [...q.concepts].includes("question"),
    }));

  it("reads a sentence that asks with no question mark as a request, beside the question", () => {
    expect(parts("Does deleting my insta fully get me out of it? when's the cutoff again")).toEqual([
      { words: "does deleting my insta fully get me out of it", request: false, question: true },
      { words: "when s the cutoff again", request: true, question: false },
    ]);
  });

  it("reads no statement, and nothing in a post of one question or request", () => {
    expect(parts("ok so i objected on FB. does that mean meta stops collecting my stuff?")).toEqual([]);
    expect(parts("Wo ist der Link für Instagram?")).toEqual([]);
    expect(parts("Insta-Formular bitte")).toEqual([]);
  });
});

describe("classify: rules of the thread, the objection's meaning and late questions (no model)", () => {
  const rules = { ...matcher, model: undefined };
  const read = (text: string, parent?: string) =>
    classify(rules, {
      content: mentionHtml(text),
      language: null,
      parent: parent === undefined ? undefined : { content: parent, language: null, fromBot: false },
    }).intents;
  const linked = (url: string) => `<a href="${url}" rel="nofollow noopener" target="_blank">${url}</a>`;
  const parentWith = (facebook: string, instagram: string) =>
    `<p><span class="h-card"><a href="https://chaos.example/@georg" class="u-url mention">@<span>georg</span></a></span> Für Facebook: ${facebook} und für Instagram: ${instagram}</p>`;

  it("takes a post that gives the forms' links as a form answer: 'Und WhatsApp?' under it asks for a form", () => {
    const forms = parentWith(
      linked("https://www.facebook.com/help/contact/6359191084165019"),
      linked("https://help.instagram.com/contact/767264225370182"),
    );
    expect(read("Und was ist mit WhatsApp?", forms)).toEqual(["form_facebook", "form_instagram"]);
    expect(
      read(
        "und für insta? bis wann?",
        parentWith(linked("https://www.facebook.com/help/contact/6359191084165019"), "bald"),
      ),
    ).toEqual(["form_instagram", "deadline"]);
    // The same words without the links offer nothing to follow up on.
    expect(read("Und was ist mit WhatsApp?", parentWith("siehe oben", "siehe unten"))).not.toContain(
      "form_facebook",
    );
  });

  it("under the bot's status post answer, a question of no topic of its own asks for the forms", () => {
    const statusAnswer =
      "<p>No, a status post like “I hereby object” has no legal effect. Only the objection form counts.</p>";
    const under = (text: string, parent: string, fromBot: boolean, m: CompiledMatcher = rules) =>
      classify(m, {
        content: mentionHtml(text),
        language: null,
        parent: { content: parent, language: null, fromBot },
      });
    const forms = ["form_facebook", "form_instagram"];
    expect(under("so what DOES work then?", statusAnswer, true).intents).toEqual(forms);
    expect(under("To co w takim razie działa?", statusAnswer, true).intents).toEqual(forms);
    // A topic of its own stays its own; a remark without a question mark asks nothing.
    expect(under("and a status post in my story, does that count?", statusAnswer, true).intents).toEqual([
      "status_post",
    ]);
    expect(under("when is the deadline then?", statusAnswer, true).intents).toEqual(["deadline"]);
    expect(under("ok, good to know", statusAnswer, true).intents).toEqual([]);
    // "help?" under it still asks for the menu.
    expect(under("help?", statusAnswer, true).intents).toEqual(["help"]);
    // Only under the bot's own answer on that topic: not under a person's question about the
    // status post, not under the topic menu (which names every topic), not under another topic.
    const question = "<p>@optout Does a status post saying I object actually count?</p>";
    expect(under("so what DOES work then?", question, false).intents).not.toContain("form_facebook");
    for (const [language, file] of realKnowledge().languages) {
      const menu = `<p>${file.fallback.replaceAll("\n", "<br />")}</p>`;
      expect([language, under("so what DOES work then?", menu, true).intents]).not.toContainEqual(forms);
    }
    expect(
      under("so what DOES work then?", "<p>Meta wants to train its AI models.</p>", true).intents,
    ).not.toContain("form_facebook");
    // Under the bot's status answer as it is posted, in every language, on every day.
    const link = (url: string) => `<a href="${url}" rel="nofollow noopener" target="_blank">${url}</a>`;
    for (const [language, file] of realKnowledge().languages) {
      const text = file.answers.status_post;
      for (const variant of typeof text === "string" ? [text] : [text.before, text.on, text.after]) {
        const posted = `<p>${variant
          .replaceAll("{facebookForm}", link("https://www.facebook.com/help/contact/6359191084165019"))
          .replaceAll("{instagramForm}", link("https://help.instagram.com/contact/767264225370182"))
          .replace(/\{[a-zA-Z]+\}/g, "26.05.2025")
          .replaceAll("\n", "<br />")}</p>`;
        expect([language, under("so what DOES work then?", posted, true).intents]).toEqual([language, forms]);
      }
    }
    // With no parent, the learned model's pick of one form from the words alone ("what works?")
    // becomes both: the question names no platform (it did learn the words from thread replies).
    const learned = learnedMatcher();
    for (const text of ["so what DOES work then?", "what works?", "und wo genau?"]) {
      const got = classify(learned, { content: mentionHtml(text), language: null }).intents;
      expect([text, got.includes("form_facebook")]).toEqual([text, got.includes("form_instagram")]);
    }
    // Under the status answer with the learned model too: the forms stay both.
    expect(learned.model).toBeDefined();
    expect(under("so what DOES work then?", statusAnswer, true, learned).intents).toEqual(forms);
  });

  it("reads English 'whats' as 'what's', not as another language's WhatsApp", () => {
    expect(ask("how do I object on instagram and whats the deadline").intents).toEqual([
      "form_instagram",
      "deadline",
    ]);
  });

  it("answers each of two questions the learned model reads one by one", () => {
    const learned = learnedMatcher();
    const post = (text: string) => classify(learned, { content: mentionHtml(text), language: null });
    // Read whole, the second question's alternatives drown the first's purpose.
    expect(
      post(
        "What is Meta even after with all this? And which fediverse app can replace Instagram for my photos?",
      ).intents,
    ).toEqual(["purpose", "alternatives"]);
    // "Stimmt das?" is too short to be read alone, and asks for no status post.
    expect(
      post("Ich hab gehört, man kann nur bis Ende Mai widersprechen. Stimmt das? Welches Datum genau?")
        .intents,
    ).not.toContain("status_post");
  });

  it("under the alternatives, a platform alone asks for its alternative, an objection for the form", () => {
    const alternatives =
      "<p>Fediverse alternatives: Instagram → Pixelfed, WhatsApp → Matrix, Threads → Mastodon</p>";
    expect(read("and messenger?", alternatives)).toEqual(["alternatives"]);
    expect(read("and messenger? can i object there", alternatives)).toEqual([
      "form_facebook",
      "form_instagram",
    ]);
    expect(read("nice. and the actual opt-out form for threads??", alternatives)).toEqual([
      "form_facebook",
      "form_instagram",
    ]);
  });

  it("reads 'heißt das …?', 'does that mean …?' after an objection as what it brings, not as deleting", () => {
    expect(read("Bedeutet der Widerspruch, dass Meta meine Daten löscht?")).toEqual(["objection_scope"]);
    expect(read("Hab widersprochen. Heißt das jetzt, die sammeln gar nichts mehr?")).toEqual([
      "objection_scope",
    ]);
    expect(read("Wait, does the objection mean Meta deletes what it already has on me?")).toEqual([
      "objection_scope",
    ]);
    // Deleting one's own account stays a question about deleting.
    expect(read("Heißt das, ich muss mein Facebook löschen?")).toContain("delete_account");
    expect(read("Wie lösche ich mein Instagram-Konto?")).toEqual(["delete_account"]);
  });

  it("reads how long one has to object as the deadline, in spoken German, not as the forms", () => {
    expect(read("Do hätt ich mol e Frooch: wie lang hat mer Zeit für de Widerspruch?")).toEqual(["deadline"]);
    expect(read("Wie lang hani no Ziit zum widersprächä?")).toEqual(["deadline"]);
  });

  it("keeps 'too late' that points back to the objection with a pronoun, not one bound to another thing", () => {
    expect(read("I objected on the form but got no reply. Is it too late to do it again?")).toContain(
      "deadline",
    );
    expect(read("Could you tell me whether it is too late for me to do it? Meta scares me")).toEqual([
      "deadline",
    ]);
    // A pronoun further on may be another thing's: "too late to go to the cinema".
    expect(read("Is it too late for my husband to go to the cinema? Meta scares him")).not.toContain(
      "deadline",
    );
    expect(read("too late to watch Succession now? asking for Meta reasons")).not.toContain("deadline");
  });
});

describe("classify: thanks as people sign off", () => {
  const read = (text: string) => classify(matcher, { content: mentionHtml(text), language: null }).intents;

  it("'pls and ta', 'Ta for that', 'Tak på forhånd', 'Ευχαριστώ', 'Jazakallah' thank the bot", () => {
    expect(read("insta opt out pls and ta")).toEqual(["form_instagram", "thanks"]);
    expect(read("Ta for that. What should I move the family chat to instead of WhatsApp?")).toContain(
      "thanks",
    );
    expect(read("Hvordan gør jeg indsigelse på Instagram? Tak på forhånd")).toContain("thanks");
    expect(read("Πώς μπορώ να αντιταχθώ στο Facebook; Ευχαριστώ!")).toContain("thanks");
    expect(read("where is the instagram form? Jazakallah")).toContain("thanks");
  });

  it("not Swedish 'ta' (take)", () => {
    expect(read("hur kan jag ta bort mitt Instagram-konto?")).not.toContain("thanks");
  });
});

describe("classify: a question for alternatives is not one about data or deleting (no model)", () => {
  const rules = { ...matcher, model: undefined };
  const read = (text: string) => classify(rules, { content: mentionHtml(text), language: null }).intents;

  it("'which apps ... don't collect data', 'what do I use instead ... for my photos' ask for alternatives alone", () => {
    expect(
      read("Which apps are good alternatives to WhatsApp and Instagram that don't collect data?"),
    ).toEqual(["alternatives"]);
    expect(read("what do I use instead of insta for my photos?")).toEqual(["alternatives"]);
    expect(read("czym zastąpić fejsa i whatsappa? chcę uciec od mety")).toEqual(["alternatives"]);
  });

  it("still finds the data asked about, and leaving asked alone", () => {
    expect(read("which data does Meta use for the AI?")).toEqual(["affected_data"]);
    expect(read("chcę uciec od mety, jak?")).toEqual(["delete_account"]);
  });
});

describe("context words bound to something else stay off topic (review of session 12)", () => {
  it("'too late to go to the cinema', 'alternative to Excel that works', 'Alternative zu Excel für mich'", () => {
    for (const text of [
      "Is it too late to go to the cinema tonight?",
      "Any good alternative to Excel that works offline?",
      "Gibt es eine Alternative zu Excel für mich?",
    ])
      expect(ask(text).intents, text).toEqual([]);
  });
});
