import type { RulesFile } from "../knowledge/rules-schema.js";
import type { Occurrence } from "./find-concepts.js";
import type { StatusText } from "./html-to-text.js";
import { foldText, type Tokens, tokenize } from "./normalize.js";

type AddressingRules = RulesFile["addressing"];

/**
 * How a post stands to the bot, judged from its shape:
 * - `direct`: the bot's handle leads alone (or the text names no one: local mode, `ask`);
 * - `group`: a thread reply whose leading handles name the bot and others (Mastodon puts every
 *   participant's handle first), so it may speak to any of them;
 * - `mentioned`: the bot's handle stands inside or after the text ("Frag @optout", "... @optout");
 * - `shared`: a boost, quote or reminder passed on ("RT @x:", "♲", "cc @optout").
 */
export type Stance = "direct" | "group" | "mentioned" | "shared";

export interface Addressing {
  readonly stance: Stance;
  /**
   * Does the post ask the bot anything? If not, it gets no topic (thanks at most), unless it is
   * `unmarked` and the learned model finds it asks.
   */
  readonly asksBot: boolean;
  /** Is a thank-you in it meant for the bot? ("@jana @optout Danke, Jana!" is not.) */
  readonly thanksBot: boolean;
  /** Does it speak to the bot itself ("was machst du?", "hello bot"): a you or bot word anywhere. */
  readonly speaksToBot: boolean;
  /**
   * Spoken to the bot alone, or in a thread reply that calls no one else by name, with no sign of
   * a question ("ig opt out form where", "bro i posted the copy paste thing is that enough or
   * nah"), or one sentence that asks and ends with the bot's handle alone ("how do i object for
   * insta @optout"): asked only if the learned model agrees.
   */
  readonly unmarked: boolean;
}

export interface AddressingInput {
  readonly status: StatusText;
  readonly tokens: Tokens;
  readonly occurrences: readonly Occurrence[];
  /** Built-in concepts found (question, short...). */
  readonly builtIns: readonly string[];
  /** The bot's user name, lower case; the rules' default when not given. */
  readonly self?: string | undefined;
  /** Whether the post replies to one of the bot's own posts. */
  readonly repliesToBot?: boolean | undefined;
  /** Whether it asks the parent's question again ("same question!" under someone's question). */
  readonly echoesParent?: boolean | undefined;
}

/** The bot's user name as handles are compared: the caller's, or the rules' default. */
export function botName(rules: AddressingRules, self: string | undefined): string {
  return self?.toLowerCase() ?? rules.self;
}

/** Decides whether the bot is being asked at all. Pure. */
export function addressOf(rules: AddressingRules, input: AddressingInput): Addressing {
  const { status, tokens } = input;
  const self = botName(rules, input.self);
  const stance = stanceOf(rules, input, self);
  if (stance === "shared")
    return { stance, asksBot: false, thanksBot: false, speaksToBot: false, unmarked: false };
  const others = status.mentions.filter((m) => m.username !== self).map((m) => namesOf(m.username));
  const { you, botNames } = wordsOf(rules, self);
  const botCalled = calls(tokens, botNames, you) || calledByHandle(input, self, you);
  const otherCalled = calls(tokens, new Set(others.flat()), you);
  const speaksToBot = tokens.words.some((word) => you.has(word) || botNames.has(word));
  // An echo ("same question!") asks, as a question mark does.
  const echoes = input.echoesParent === true;
  const questionMark = tokens.questionMarks > 0 || echoes;
  // With no sign of a question, a reply under the bot's own answer reacts to it ("too late for me
  // then"), and a thank-you thanks for what it names ("Danke für den Link zum Facebook-Formular"):
  // neither is left to the model.
  const reacts = () => input.repliesToBot === true || input.occurrences.some((o) => o.concept === "thanks");
  if (stance === "direct") {
    const thanksBot = botCalled || !otherCalled;
    const asks = echoes || asksSomething(rules, input);
    return {
      stance,
      asksBot: asks && thanksBot,
      thanksBot,
      speaksToBot,
      unmarked: !asks && thanksBot && !reacts(),
    };
  }
  if (stance === "group") {
    // Under the bot's own answer the reply may speak to the bot (Mastodon leads with the handle of
    // the person it answered): it asks as a direct post does ("@kez @optout until when", "and for
    // insta"), but not by a greeting, which greets the others, nor by a `weak` opener: "Muss man
    // bei Instagram auch machen" tells the other person. Elsewhere a question mark asks; with
    // none, a reply that calls no one else by name and hands over no link is `unmarked`.
    const spokenTo = input.repliesToBot === true && asksSomething(rules, input, STRONG_ONLY);
    const asksBot = botCalled || ((questionMark || spokenTo) && !otherCalled);
    return {
      stance,
      asksBot,
      // "@anna @optout und für insta" under Anna's post about the Facebook form: no question mark,
      // and no one else called by name. Session 16, cross-validated on 11,778 mentions: 23 posts
      // right, 19 wrong (most of them the retrained model's other answers), no more unasked replies.
      // "@jana Hier der Insta-Link: https://…" hands the link over to Jana.
      unmarked: !asksBot && !otherCalled && status.links === 0 && !reacts(),
      // "@ole @optout Danke! Und bis wann?" under the bot's answer to Ole: Mastodon put Ole's
      // handle first, but the thanks go to the bot. ("Hab auch widersprochen, ging super" under
      // it still asks nothing.)
      thanksBot: botCalled || (input.repliesToBot === true && !otherCalled),
      speaksToBot,
    };
  }
  const requests = input.occurrences.some((o) => o.concept === REQUEST) || input.builtIns.includes("short");
  const asksBot = (questionMark || requests || botCalled) && !otherCalled;
  return {
    stance,
    asksBot,
    thanksBot: !otherCalled,
    speaksToBot,
    // "how do i object for insta @optout": one sentence in a question's word order, no question
    // mark, the bot's handle closing it and no one else's; the model decides, as for a post that
    // leads with the handle. ("Den Link gibt's bei @optout" follows a sentence that tells.)
    // Session 20, cross-validated on 20,312 mentions: 7 posts right, 1 remark answered.
    unmarked:
      !asksBot &&
      others.length === 0 &&
      !reacts() &&
      oneSentence(tokens) &&
      closedBy(status, self) &&
      asksSomething(rules, input),
  };
}

interface AddressingWords {
  readonly you: ReadonlySet<string>;
  /** The bot words and the parts of the bot's own name. */
  readonly botNames: ReadonlySet<string>;
}

/** Folded once per rules and bot name, not for every mention. */
const addressingWords = new WeakMap<AddressingRules, Map<string, AddressingWords>>();

function wordsOf(rules: AddressingRules, self: string): AddressingWords {
  const bySelf = addressingWords.get(rules) ?? new Map<string, AddressingWords>();
  addressingWords.set(rules, bySelf);
  let words = bySelf.get(self);
  if (words === undefined) {
    words = {
      you: new Set(rules.youWords.map(foldText)),
      botNames: new Set([...rules.botWords.map(foldText), ...namesOf(self)]),
    };
    bySelf.set(self, words);
  }
  return words;
}

/** The rules' concept of a greeting ("hey", "moin"), which calls a handle and asks in its own way. */
const GREETING = "greeting";

function stanceOf(rules: AddressingRules, input: AddressingInput, self: string): Stance {
  const { text, mentions } = input.status;
  // "hey @optout where's the insta form thingy": a greeting that opens the post and stands right
  // before a handle calls it, as a leading handle does (session 19, cross-validated on 15,314
  // mentions: 4 posts right, none wrong).
  // How many of the tokenizer's words stand before the i-th handle (the occurrences index them),
  // counted only where asked: most posts lead with their handles and have no share word.
  const counted: number[] = [];
  const before = (i: number): number => (counted[i] ??= wordsBefore(text, mentions[i]!.offset));
  const greets = (i: number) =>
    input.occurrences.some((o) => o.concept === GREETING && o.start === 0 && o.end + 1 === before(i));
  const leading = mentions.filter((m, i) => !/[\p{L}\p{N}]/u.test(text.slice(0, m.offset)) || greets(i));
  const opening = text.slice(leading.at(-1)?.offset ?? 0).trimStart();
  if (rules.shareSigns.some((sign) => opening.startsWith(sign))) return "shared";
  if (rules.shares !== undefined && shares(rules.shares, input, before)) return "shared";
  if (!mentions.some((m) => m.username === self)) return "direct"; // no handle of the bot: spoken to it
  if (leading.some((m) => m.username === self)) {
    return leading.some((m) => m.username !== self) ? "group" : "direct";
  }
  return "mentioned";
}

/**
 * "Reminder: ...", "RT @x", "cc @optout": the share concept opens the post or stands before a
 * handle (`before(i)`: how many words stand before the i-th handle).
 */
function shares(concept: string, input: AddressingInput, before: (i: number) => number): boolean {
  const found = input.occurrences.filter((o) => o.concept === concept);
  if (found.length === 0) return false;
  if (found.some((o) => o.start <= 1)) return true;
  const { mentions } = input.status;
  return found.some((o) => mentions.some((_, i) => before(i) === o.end + 1));
}

/** The post's words make one sentence (a plain-text handle after a full stop is a second). */
const oneSentence = (tokens: Tokens): boolean => tokens.sentences.every((s) => s === tokens.sentences[0]);

/** The bot's handle closes the post: no letter or digit after it but its own. */
function closedBy(status: StatusText, self: string): boolean {
  const last = status.mentions.at(-1);
  if (last === undefined || last.username !== self) return false;
  return !/[\p{L}\p{N}]/u.test(textAfter(status, last.offset));
}

/** The text after the handle at `offset` (a plain-text handle's own text left out). */
const textAfter = (status: StatusText, offset: number): string =>
  status.text.slice(offset).replace(/^@\S+/, "");

function wordsBefore(text: string, offset: number): number {
  // Counted as the tokenizer counts (plain handles and links dropped, accents folded), so that
  // the count indexes its words.
  return tokenize(text.slice(0, offset)).words.length;
}

/**
 * "@karin @optout Karin, das bringt nix 🙈 / @optout erklär du ihr mal bitte, ob ...": the bot's
 * handle opens a later sentence and speaks to it there ("you" right after it, or a request in
 * the sentence), as "Bot, ..." would. Not "Wer braucht den Link? @optout hat ihn" (talked
 * about), nor "Karin, frag einfach @optout. Kannst du ..." (the handle closes the sentence
 * before).
 */
function calledByHandle(input: AddressingInput, self: string, you: ReadonlySet<string>): boolean {
  const { status, tokens } = input;
  const { words, sentences, clauses } = tokens;
  for (const m of status.mentions) {
    if (m.username !== self) continue;
    const before = status.text.slice(0, m.offset);
    if (!SENTENCE_ENDS_BEFORE.test(before) || SENTENCE_ENDS_AFTER.test(textAfter(status, m.offset))) continue;
    const i = wordsBefore(status.text, m.offset);
    if (i >= words.length) continue;
    // "you" as calls() reads it: one of the first two words, in the handle's clause.
    if ([0, 1].some((k) => clauses[i + k] === clauses[i] && you.has(words[i + k]!))) return true;
    const sentence = sentences[i];
    if (input.occurrences.some((o) => o.concept === REQUEST && sentences[o.start] === sentence)) return true;
  }
  return false;
}

/** A sentence ended (and words stood) before the handle; none ends right after it. */
const SENTENCE_ENDS_BEFORE = /[\p{L}\p{N}][^\p{L}\p{N}]*[.!?\u2026\n][^\p{L}\p{N}]*$/u;
const SENTENCE_ENDS_AFTER = /^[^\p{L}\p{N}]*[.!?\u2026\n]/u;

const REQUEST = "request";

/** "gran_maggie" → ["gran", "maggie"]: the parts a person would call someone by. */
function namesOf(username: string): string[] {
  const parts = foldText(username)
    .split(/[^a-z]+/)
    .filter((p) => p.length >= 2);
  return [foldText(username), ...parts];
}

/**
 * Is someone called by name: the name ends a clause ("Jana, ...", "Danke, Jana!", "Weißt du das,
 * Bot?"), or opens one that speaks to "you" ("Lena kannst du ..."; not "Papa fragt, ...")?
 */
function calls(tokens: Tokens, names: ReadonlySet<string>, you: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  const { words, clauses } = tokens;
  for (let i = 0; i < words.length; i++) {
    if (!names.has(words[i]!)) continue;
    const clause = clauses[i];
    if (i === words.length - 1 || clauses[i + 1] !== clause) return true;
    const opens = i === 0 || clauses[i - 1] !== clause;
    if (opens && [1, 2].some((k) => clauses[i + k] === clause && you.has(words[i + k]!))) return true;
  }
  return false;
}

/** Which of its signs `asksSomething` reads. */
interface AskSigns {
  readonly greetings: boolean;
  /** Openers marked `weak` (a verb opening a clause may tell: "Muss man auch machen"). */
  readonly weakOpeners: boolean;
}

const ALL_SIGNS: AskSigns = { greetings: true, weakOpeners: true };
const STRONG_ONLY: AskSigns = { greetings: false, weakOpeners: false };

/**
 * A question mark, a request, a greeting, a question word opening a clause, a question's word
 * order ("fb how do i object": no punctuation marks the clause), or "fb link." alone.
 */
function asksSomething(rules: AddressingRules, input: AddressingInput, signs = ALL_SIGNS): boolean {
  if (input.builtIns.some((concept) => asksBy(rules, concept, signs))) return true;
  return input.occurrences.some((o) => asksAt(rules, input, o, signs));
}

/**
 * The sentences with no question mark that ask all the same, by a strong sign (not a greeting nor
 * a weak opener): "Also kindly share the FB link.", "oh and why does Meta even need this", "when's
 * the cutoff again" (indices as in `Tokens.sentences`).
 */
export function requestSentences(rules: AddressingRules, words: Wording): Set<number> {
  const { tokens, occurrences } = words;
  const questions = new Set(tokens.questions);
  const requests = new Set<number>();
  for (const o of occurrences) {
    const sentence = tokens.sentences[o.start]!;
    if (!questions.has(sentence) && asksAt(rules, words, o, STRONG_ONLY)) requests.add(sentence);
  }
  return requests;
}

/** Whether a concept asks by itself (a request, a question mark; a greeting only with `signs`). */
function asksBy(rules: AddressingRules, concept: string, signs: AskSigns): boolean {
  return rules.asks.includes(concept) && (signs.greetings || concept !== GREETING);
}

/** Whether an occurrence shows a sign of asking (see `asksSomething`). */
function asksAt(rules: AddressingRules, words: Wording, o: Occurrence, signs: AskSigns): boolean {
  return (
    asksBy(rules, o.concept, signs) ||
    inverted(rules, words, o) ||
    (rules.asksAlone.includes(o.concept) && clauseLength(words.tokens, o.start) <= SHORT_CLAUSE) ||
    opens(rules, words, o, signs.weakOpeners)
  );
}

/** A post's words and the concepts found in them: all that the signs of asking read. */
type Wording = Pick<AddressingInput, "tokens" | "occurrences">;

/** "Und wo ...", "kann man ...": a question word or verb opening a clause, not after its subject. */
function opens(rules: AddressingRules, input: Wording, o: Occurrence, weak: boolean): boolean {
  const opener = rules.opens.find((x) => x.concept === o.concept);
  if (opener === undefined || (opener.weak && !weak)) return false;
  if (positionInClause(input.tokens, o.start) > opener.reach) return false;
  const { notAfter } = opener;
  return (
    notAfter === undefined || !input.occurrences.some((x) => x.concept === notAfter && adjacent(input, x, o))
  );
}

/** "how do", "do I": the word order of a question, wherever it stands. */
function inverted(rules: AddressingRules, input: Wording, o: Occurrence): boolean {
  return rules.inverted.some(
    (pair) =>
      pair.first === o.concept &&
      (pair.languages === undefined || pair.languages.includes(o.file)) &&
      input.occurrences.some((x) => x.concept === pair.next && adjacent(input, o, x)),
  );
}

/**
 * `b` follows `a` right after it, in the same clause and the same language's words: French "on"
 * is a subject, but not after English "is".
 */
function adjacent(input: Wording, a: Occurrence, b: Occurrence): boolean {
  const { clauses } = input.tokens;
  return b.start === a.end + 1 && clauses[a.end] === clauses[b.start] && a.file === b.file;
}

/** A clause of at most this many words naming a topic is a request: "IG-Link, Deadline, danke". */
const SHORT_CLAUSE = 3;

function clauseLength(tokens: Tokens, index: number): number {
  return tokens.clauses.filter((c) => c === tokens.clauses[index]).length;
}

function positionInClause(tokens: Tokens, index: number): number {
  let first = index;
  while (first > 0 && tokens.clauses[first - 1] === tokens.clauses[index]) first--;
  return index - first;
}
