import { describe, expect, it } from "vitest";
import { requestSentences } from "../../src/matcher/addressing.js";
import { classify } from "../../src/matcher/classify.js";
import { findConcepts } from "../../src/matcher/find-concepts.js";
import { readStatus } from "../../src/matcher/html-to-text.js";
import { tokenize } from "../../src/matcher/normalize.js";
import { learnedMatcher, mentionHtml, realMatcher } from "../support/knowledge.js";

const matcher = realMatcher();
const handle = (name: string) =>
  `<span class="h-card"><a href="https://social.example/@${name}" class="u-url mention">@<span>${name}</span></a></span>`;
/** A post whose text stands after the given handles (Mastodon's thread-reply prefix). */
const post = (handles: string[], text: string) => `<p>${handles.map(handle).join(" ")} ${text}</p>`;
const intents = (content: string, self?: string) =>
  classify(matcher, { content, language: null, self }).intents;
/** The intents of a thread reply after `handles`, under `parent` (HTML; `fromBot`: the bot wrote it). */
const threadReply = (handles: string[], text: string, parent: string, fromBot = false) =>
  classify(matcher, {
    content: post(handles, text),
    language: null,
    parent: { content: parent, language: null, fromBot },
  }).intents;

describe("readStatus", () => {
  it("lists linked and plain-text mentions in order, with where they stood", () => {
    const status = readStatus(`<p>${handle("jana")} ${handle("optout")} RT @kim@x.example: hallo</p>`);
    expect(status.mentions.map((m) => m.username)).toEqual(["jana", "optout", "kim"]);
    expect(status.text.slice(0, status.mentions[2]!.offset).trim()).toBe("RT");
  });

  it("counts a link written as text as a link, as it counts a handle written as text", () => {
    expect(readStatus("<p>Ist das echt? https://meta-optout-eu.example/verify</p>").links).toBe(1);
    expect(
      readStatus('<p>hier: <a href="https://x.example/a">x.example/a</a> und https://y.example</p>').links,
    ).toBe(2);
    expect(readStatus("<p>no link: example.com, http:/broken</p>").links).toBe(0);
  });

  it("takes the user name from Friendica's bare link and Misskey's full handle", () => {
    expect(
      readStatus('@<a href="https://b.example/@optout" class="u-url mention">optout</a> hi').mentions[0]!
        .username,
    ).toBe("optout");
    expect(
      readStatus('<a class="mention" href="https://b.example/@optout">@optout@b.example</a> hi').mentions[0]!
        .username,
    ).toBe("optout");
  });
});

describe("is the bot asked at all?", () => {
  it("answers a question to the bot, but not a remark", () => {
    expect(intents(mentionHtml("Wo widerspreche ich bei Instagram?"))).toEqual(["form_instagram"]);
    expect(intents(mentionHtml("how do i opt out of instagram using my pics for AI"))).toEqual([
      "form_instagram",
    ]);
    expect(
      intents(mentionHtml("Just filled out the Facebook form. Took 90 seconds. No excuses, people.")),
    ).toEqual([]);
    expect(
      intents(mentionHtml("Wusste gar nicht, dass der Statuspost nix bringt. Gut, dass ich's jetzt weiß.")),
    ).toEqual([]);
  });

  it("takes the bot's handle opening a later sentence that speaks to it as calling the bot", () => {
    const chain = "<p>Hiermit widerspreche ich der Nutzung meiner Daten durch Meta! Teilen!</p>";
    const toKarin = `${handle("optout")} erklär du ihr mal bitte, ob so ein Post überhaupt was bringt`;
    expect(threadReply(["karin", "optout"], `Karin, das bringt leider nix 🙈<br>${toKarin}`, chain)).toEqual([
      "status_post",
    ]);
    // The same sentence without the bot's handle speaks to Karin only.
    expect(
      threadReply(
        ["karin", "optout"],
        "Karin, das bringt leider nix 🙈<br>Glaub mir, so ein Post bringt nix",
        chain,
      ),
    ).toEqual([]);
    // A handle that is talked about calls no one: "Wer braucht den Link? @optout hat ihn".
    expect(
      threadReply(
        ["karin", "optout"],
        `Karin, frag einfach.<br>${handle("optout")} hat den Link, ich hab's probiert`,
        chain,
      ),
    ).toEqual([]);
  });

  it("calls the bot by its handle only where the handle opens the sentence that asks", () => {
    const chain = "<p>Hiermit widerspreche ich der Nutzung meiner Daten durch Meta! Teilen!</p>";
    const bot = handle("optout");
    // A request in the sentence, no "you": asked.
    expect(
      threadReply(
        ["karin", "optout"],
        `Karin, das bringt nix 🙈<br>${bot} schick ihr mal bitte den Link für Insta`,
        chain,
      ),
    ).toEqual(["form_instagram"]);
    // The handle closes the sentence before: "Kannst du ..." asks Karin.
    expect(
      threadReply(
        ["karin", "optout"],
        `Karin, frag einfach ${bot}. Kannst du mir dann den Instagram-Link schicken?`,
        chain,
      ),
    ).toEqual([]);
    // "you" said of anyone, in a later clause, about the bot: not a call.
    expect(
      threadReply(
        ["karin", "optout"],
        `Karin, das bringt nix.<br>${bot} sagt, du musst das Formular bei Instagram ausfüllen.`,
        chain,
      ),
    ).toEqual([]);
    // A decomposed umlaut before the handle does not shift which words follow it.
    expect(
      threadReply(
        ["karin", "optout"],
        `Karin, das ist scho\u0308n. Ich hab ${bot} gefragt. Kannst du schauen?`,
        chain,
      ),
    ).toEqual([]);
  });

  it("takes a thread reply to someone else as theirs, thanks included", () => {
    expect(intents(post(["jana", "optout"], "Danke fürs Teilen, Jana!"))).toEqual([]);
    expect(intents(post(["jo", "optout"], "i think the deadline was in May, sorry mate"))).toEqual([]);
    expect(intents(post(["optout", "karin"], "Karin, wo widerspreche ich bei Facebook?"))).toEqual([]);
  });

  it("answers in a thread when the bot is called or asked a question", () => {
    expect(intents(post(["mona", "optout"], "Bot, wo genau kann ich widersprechen?"))).toEqual([
      "form_facebook",
      "form_instagram",
    ]);
    expect(intents(post(["dave", "optout"], "same question, is it too late to object?"))).toEqual([
      "deadline",
    ]);
    // "Papa fragt" speaks about Papa, not to him.
    expect(intents(post(["papa", "optout"], "Papa fragt, wo der Widerspruch für FB ist?"))).toEqual([
      "form_facebook",
    ]);
  });

  it("takes a reply under the bot's own answer as spoken to the bot, question mark or not", () => {
    const answer = `<p>${handle("kez")} To object on Facebook, use this form: https://www.facebook.com/help/contact/6359191084165019</p>`;
    // Mastodon leads with the handle of the person the bot answered; the reply asks the bot.
    expect(threadReply(["kez", "optout"], "until when", answer, true)).toEqual(["deadline"]);
    expect(threadReply(["kez", "optout"], "and for insta pls", answer, true)).toEqual(["form_instagram"]);
    // The same words under a person's post are their conversation: only a question mark asks.
    const person = `<p>${handle("kez")} Did the Facebook form, took two minutes.</p>`;
    expect(threadReply(["kez", "optout"], "until when", person)).toEqual([]);
    // Under the bot's answer too, a remark asks nothing, and a name called speaks to that person.
    expect(threadReply(["kez", "optout"], "done, thanks for the link", answer, true)).toEqual(["thanks"]);
    // A verb or question word opening it tells the other person something there.
    expect(
      threadReply(["kez", "optout"], "Muss man bei Instagram übrigens auch machen", answer, true),
    ).toEqual([]);
    expect(threadReply(["kez", "optout"], "Can confirm, instagram works the same way", answer, true)).toEqual(
      [],
    );
    expect(threadReply(["kez", "optout"], "Kez, until when did you say", answer, true)).toEqual([]);
  });

  it("reads a question's word order in a post with no punctuation", () => {
    const bare = { ...matcher, model: undefined };
    const read = (text: string) => classify(bare, { content: mentionHtml(text), language: null }).intents;
    // A verb before its subject: "do they", "does that". Only in English: a German statement puts
    // its verb before the subject after "jetzt", "dann" or an object.
    expect(read("so if i opt out do they stop collecting my data or just the ai bit")).toEqual([
      "objection_scope",
    ]);
    expect(read("my aunt shares that no permission post does that actually do anything")).toEqual([
      "status_post",
    ]);
    expect(read("Das Instagram-Formular kann ich nur empfehlen")).toEqual([]);
    expect(read("Dank dir hab ich bei Facebook widersprochen und jetzt muss ich nur noch warten")).toEqual([
      "thanks",
    ]);
    // "did it", "on" (a French subject after English "is"): no question's word order.
    expect(read("I told my mum about the facebook form and she did it too")).toEqual([]);
    expect(read("My whole life is on facebook and I filled the form")).toEqual([]);
    // An emoji ends a clause, so a verb after it opens one.
    expect(read("hab ich den widerspruch verpennt 😭 geht das noch irgendwie")).toEqual(["deadline"]);
    // Across a clause's end the words are no pair.
    expect(read("Took me ages to find the instagram form, but then it did. I deleted Insta anyway")).toEqual(
      [],
    );
  });

  it("takes a question word with its verb as a question in a post with no punctuation", () => {
    expect(intents(mentionHtml("i run a small bakery page on fb how do i object for the page"))).toEqual([
      "form_facebook",
    ]);
    expect(intents(mentionHtml("ich hab nen laden auf fb wie kann ich da widersprechen"))).toEqual([
      "form_facebook",
    ]);
    // A question word without its verb, or a verb alone mid-clause, states something.
    expect(intents(mentionHtml("just showed my mum how to object on fb"))).toEqual([]);
    // A verb after its subject states too ("I did"); before it, it asks ("did I").
    const bare = { ...matcher, model: undefined };
    const read = (text: string) => classify(bare, { content: mentionHtml(text), language: null }).intents;
    expect(read("I did the Instagram form")).toEqual([]);
    expect(read("Ich kann das Insta-Formular nur empfehlen")).toEqual([]);
    expect(read("did I do the Instagram form right, it said nothing")).toEqual(["form_instagram"]);
  });

  it("ignores boosts, quotes and reminders passed on", () => {
    expect(
      intents(`<p>RT @netzpolitik: Widerspruch nur übers Formular! Wo? ${handle("optout")}</p>`),
    ).toEqual([]);
    expect(intents(`<p>\u267B Wie widerspreche ich? Gute Übersicht. ${handle("optout")}</p>`)).toEqual([]);
    expect(intents(`<p>Reminder: deadline is 26 May, object now! cc ${handle("optout")}</p>`)).toEqual([]);
  });

  it("answers a handle after the text only when asked", () => {
    expect(intents(`<p>Guys where do I object on Facebook? ${handle("optout")}</p>`)).toEqual([
      "form_facebook",
    ]);
    expect(intents(`<p>Both links please and the deadline ${handle("optout")}</p>`)).toContain("deadline");
    expect(intents(`<p>Note to self: object on FB after work. ${handle("optout")}</p>`)).toEqual([]);
  });

  it("leaves a one-sentence question closed by the handle, without a question mark, to the model", () => {
    const learned = learnedMatcher();
    const asked = (content: string, m = learned) => classify(m, { content, language: null }).intents;
    expect(asked(`<p>how do i object for insta ${handle("optout")}</p>`)).toEqual(["form_instagram"]);
    expect(asked(`<p>wie war das nochmal mit dem Widerspruch bei Insta ${handle("optout")}</p>`)).toEqual([
      "form_instagram",
    ]);
    // The keywords alone do not answer it: no question mark, the handle after the text.
    expect(asked(`<p>how do i object for insta ${handle("optout")}</p>`, matcher)).toEqual([]);
    // A sentence that tells, then one that hands over: remarks, whatever the model makes of them.
    expect(
      asked(
        `<p>Wer Instagram nicht löschen will: wenigstens widersprechen! Den Link gibt's bei ${handle("optout")}</p>`,
      ),
    ).toEqual([]);
    // Someone else named too, or words after the handle: not closed by the bot's handle alone.
    expect(asked(`<p>how do i object for insta ${handle("jana")} ${handle("optout")}</p>`)).toEqual([]);
    expect(asked(`<p>how do i object for insta ${handle("optout")} says jana</p>`)).toEqual([]);
  });

  it("takes a greeting right before the handle as calling the bot, as a leading handle does", () => {
    expect(intents(`<p>hey ${handle("optout")} where's the insta opt out form thingy</p>`)).toEqual([
      "form_instagram",
    ]);
    // Only a greeting that opens the post: "object on FB, hi" is no greeting to the bot.
    expect(intents(`<p>Note to self, hi ${handle("optout")} object on FB after work</p>`)).toEqual([]);
  });

  it("writes nothing to a short reaction, but answers a topic named alone", () => {
    const asked = (text: string) => classify(matcher, { content: mentionHtml(text), language: null }).asked;
    // A few words with no question, request or greeting are a reaction: even the menu would be noise.
    expect(asked("yep nice one")).toBe(false);
    expect(asked("passt schon")).toBe(false);
    expect(asked("haha true")).toBe(false);
    // A topic word standing alone is a request: "Formular", "Frist", "Alternativen".
    expect(intents(mentionHtml("fedi alternatives"))).toEqual(["alternatives"]);
    expect(intents(mentionHtml("Alternativen"))).toEqual(["alternatives"]);
  });

  it("sends its menu only for the topic or to a question put to the bot itself", () => {
    const bare = { ...matcher, model: undefined };
    const read = (text: string) => classify(bare, { content: mentionHtml(text), language: null });
    // Found nothing and names neither Meta nor the objection: a question to the crowd.
    expect(read("Kennt wer a guads Wirtshaus in Minga?")).toMatchObject({ asked: false, intents: [] });
    expect(read("Is Signal better than Telegram these days?")).toMatchObject({ asked: false, intents: [] });
    // The topic named, but not what about it: the menu.
    expect(read("Und was ist jetzt mit Meta und dem Ganzen?")).toMatchObject({ asked: true });
    // Spoken to the bot itself ("du", "bot"): the menu says what it can do.
    expect(read("Sag mal, was treibst du hier eigentlich?")).toMatchObject({ asked: true });
  });

  it("sends its menu only to a question: nothing found in a post without a question mark is a remark", () => {
    const bare = { ...matcher, model: undefined };
    const read = (text: string) => classify(bare, { content: mentionHtml(text), language: null });
    // A verb that can open a question, but these state something: no menu.
    expect(read("Pixelfed-Account angelegt, Insta ist Geschichte.")).toMatchObject({ asked: false });
    expect(read("Great bot. That is all.")).toMatchObject({ asked: false });
    expect(read("Ha grad widerschproche, isch ganz eifach gsi.")).toMatchObject({ asked: false });
    // The same topic with a question mark: a question the rules missed, so the menu.
    expect(read("Pixelfed-Account angelegt, ist Insta jetzt Geschichte?")).toMatchObject({ asked: true });
    // A topic found without a question mark is still answered.
    expect(intents(mentionHtml("ist es schon zu spät zum widersprechen"))).toEqual(["deadline"]);
  });

  it("knows the bot by the name the caller gives", () => {
    const reply = post(["helper", "optoutbot"], "Danke, helper!");
    expect(intents(reply, "optoutbot")).toEqual([]);
    expect(intents(post(["optoutbot"], "Danke!"), "optoutbot")).toEqual(["thanks"]);
  });
});

describe("context words need the topic", () => {
  it("drops a context word bound to another object", () => {
    expect(intents(mentionHtml("Is it too late to watch Succession?"))).toEqual([]);
    expect(intents(mentionHtml("Gibt es eine Alternative zu Excel, die nicht so viel kostet?"))).toEqual([]);
    expect(intents(mentionHtml("Is it too late to object?"))).toEqual(["deadline"]);
    expect(intents(mentionHtml("Gibt es eine Alternative zu Instagram?"))).toEqual(["alternatives"]);
  });

  it("takes a missed bus for chatter, a missed deadline for the topic", () => {
    expect(intents(mentionHtml("missed the ferry, late for work. great start"))).toEqual([]);
    expect(intents(mentionHtml("I think I missed the deadline for Insta, what now?"))).toContain("deadline");
  });

  it("leaves a question to the crowd about Fediverse software alone", () => {
    expect(intents(mentionHtml("Hat jemand Erfahrung mit Friendica-Themes?"))).toEqual([]);
    expect(intents(mentionHtml("Which Matrix client do you all use on Android?"))).toEqual([]);
    expect(intents(mentionHtml("Is Pixelfed any good?"))).toEqual(["alternatives"]);
  });

  it("knows the binding words of the Romance languages", () => {
    expect(intents(mentionHtml("¿Conocéis alguna alternativa a YouTube que funcione bien?"))).toEqual([]);
    expect(intents(mentionHtml("c'est trop tard pour un apéro ce soir ?"))).toEqual([]);
    expect(intents(mentionHtml("è troppo tardi per iscriversi in palestra?"))).toEqual([]);
    expect(intents(mentionHtml("Existe uma alternativa ao Instagram?"))).toEqual(["alternatives"]);
    // Bound to another context word, the word stays: the account is the topic here.
    expect(intents(mentionHtml("devo apagar a conta do Instagram?"))).toEqual(["delete_account"]);
  });

  it("keeps one in a question to the bot that points back to the topic", () => {
    expect(intents(mentionHtml("Hi! Bis wann geht das noch?"))).toEqual(["deadline"]);
    expect(intents(mentionHtml("so is it too late for me now?"))).toEqual(["deadline"]);
  });
});

describe("a thread reply to the bot's own post", () => {
  // Mastodon puts the handle of the person the bot answered first: "@ole @optout ...".
  const botAnswer = `<p>${handle("ole")} Für Facebook geht der Widerspruch über dieses Formular: https://www.facebook.com/help/contact/6359191084165019</p>`;
  const reply = (text: string, fromBot: boolean) => threadReply(["ole", "optout"], text, botAnswer, fromBot);

  it("speaks to the bot: thanks and questions are the bot's", () => {
    expect(reply("Perfekt, danke! Und bis wann muss das drin sein?", true)).toEqual(["deadline", "thanks"]);
    expect(reply("Danke dir, hat geklappt 👍", true)).toEqual(["thanks"]);
  });

  it("under someone else's post, a thank-you among several handles stays theirs", () => {
    expect(reply("Danke dir, hat geklappt 👍", false)).toEqual([]);
  });
});

describe("a reply that asks someone's question again", () => {
  const question = `<p>${handle("optout")} Weiß jemand, bis wann man bei Meta widersprechen muss?</p>`;
  const reply = (text: string, parent: string, fromBot = false) =>
    threadReply(["mia", "optout"], text, parent, fromBot);

  it("takes the question's topics: 'würd mich auch interessieren!', 'same question'", () => {
    expect(reply("würd mich auch interessieren!", question)).toEqual(["deadline"]);
    expect(reply("same question here", question)).toEqual(["deadline"]);
  });

  it("not under a post that asks nothing, nor under the bot's own answer", () => {
    const remark = `<p>${handle("optout")} Hab bis zum 26. Mai bei Meta widersprochen.</p>`;
    expect(reply("würd mich auch interessieren!", remark)).toEqual([]);
    expect(reply("same here", question, true)).not.toContain("deadline");
  });
});

describe("a reply that hands someone's question over to the bot", () => {
  const question = `<p>${handle("kai")} Gibt es eigentlich auch ein Formular für Instagram?</p>`;
  const reply = (text: string, parent = question) => threadReply(["kai", "optout"], text, parent);

  it("spoken to the bot with no topic of its own, it asks the parent's question", () => {
    expect(reply("weißt du das?")).toEqual(["form_instagram"]);
    expect(reply("Bot, kannst du Kai helfen?")).toEqual(["form_instagram"]);
  });

  it("not with a topic of its own, nor under a post that asks nothing or is off the topic", () => {
    expect(reply("weißt du, bis wann das geht?")).toEqual(["deadline"]);
    expect(reply("weißt du das?", `<p>${handle("kai")} Hab bei Instagram widersprochen.</p>`)).toEqual([]);
    expect(
      reply("weißt du das?", `<p>${handle("kai")} Weiß wer, wann das Freibad aufmacht?</p>`),
    ).not.toContain("form_instagram");
  });
});

describe("a reply under the bot's answer that asks something new", () => {
  const deadlineAnswer = `<p>${handle("ben")} Die Frist ist am 26.05.2025 abgelaufen; ein nachträglicher Widerspruch soll laut dem Artikel nicht möglich sein.</p>`;
  const reply = (text: string) => threadReply(["ben", "optout"], text, deadlineAnswer, true);

  it("takes the answer's topic as read: 'missed it, so is deleting the only way?'", () => {
    expect(reply("Mist, verpasst. Und wenn ich jetzt einfach mein Facebook-Konto lösche?")).toEqual([
      "delete_account",
    ]);
    expect(reply("missed it then 😩 so is deleting my facebook account the only option left?")).toEqual([
      "delete_account",
    ]);
  });

  it("keeps the topic when nothing new is asked, and under someone else's post", () => {
    expect(reply("echt jetzt, schon abgelaufen?")).toEqual(["deadline"]);
    const other = `<p>${handle("ben")} Die Frist für den Widerspruch ist abgelaufen.</p>`;
    expect(
      threadReply(["ben", "optout"], "Mist, verpasst. Und wenn ich jetzt mein Facebook-Konto lösche?", other),
    ).toEqual(["deadline", "delete_account"]);
  });
});

describe("replies that only agree are no questions (review of session 12)", () => {
  const parent = (text: string, mentionsBot = true) =>
    `<p>${mentionsBot ? `${handle("optout")} ` : ""}${text}</p>`;
  const reply = (text: string, parentHtml: string) => threadReply(["mia", "optout"], text, parentHtml);

  it("'me too', 'moi aussi', 'ik ook' under 'who has objected?' agree, they do not ask", () => {
    const who = parent("Has anyone here already objected on Instagram?");
    for (const text of [
      "me too",
      "Moi aussi, c'est fait depuis hier",
      "ja, ik ook",
      "same here, mine went through fine",
    ])
      expect(reply(text, who), text).toEqual([]);
  });

  it("echoes only a question to the bot, and only what it asks of the bot's topic", () => {
    expect(
      reply("gleiche Frage", parent("Weiß jemand, bis wann man bei Meta widersprechen muss?", false)),
    ).toEqual([]);
    expect(reply("gleiche Frage", parent("Weiß jemand, bis wann das Freibad heute offen hat?"))).toEqual([]);
    expect(reply("same question", parent("Any good alternative to Excel?"))).toEqual([]);
  });

  it("under the bot's answer, a remark with the other person's handle first stays a remark", () => {
    const answer = `<p>${handle("ole")} Für Instagram geht der Widerspruch über dieses Formular: https://help.instagram.com/contact/767264225370182</p>`;
    const underAnswer = (text: string) => threadReply(["ole", "optout"], text, answer, true);
    expect(underAnswer("Hi, I did the Instagram form yesterday too, worked fine.")).toEqual([]);
    expect(underAnswer("Wie bei mir. Die Frist ist ja bald rum.")).toEqual([]);
  });
});

describe("requestSentences", () => {
  /** The sentences of `text` that ask with no question mark. */
  const requests = (text: string) => {
    const tokens = tokenize(text);
    const occurrences = findConcepts(matcher, tokens);
    return [...requestSentences(matcher.rules.addressing, { tokens, occurrences })];
  };

  it("finds a sentence that asks with no question mark, once", () => {
    expect(requests("Does deleting my insta get me out? when's the cutoff again")).toEqual([1]);
    expect(requests("Are old posts used? and the FB link pls")).toEqual([1]);
    expect(requests("Insta-Formular bitte. Edit: und gibt es eine Insta-Alternative ohne Tracking?")).toEqual(
      [0],
    );
  });

  it("leaves out a question mark's sentence, a statement and a greeting", () => {
    expect(requests("Wo widerspreche ich bei Facebook? Und bis wann?")).toEqual([]);
    expect(requests("ok so i objected on FB. does that stop them?")).toEqual([]);
    expect(requests("hey there. does that stop them?")).toEqual([]);
  });
});
