import type { Intent } from "../domain/intent.js";
import { isForm, isTopic, orderIntents } from "../domain/intent.js";
import { DEFAULT_LANGUAGE, type Language } from "../domain/language.js";
import type { Classification } from "../domain/mention.js";
import { addressOf, botName, requestSentences } from "./addressing.js";
import { type BuiltInConcept, builtInConcepts, SHORT_WORDS } from "./built-in-concepts.js";
import type { CompiledMatcher } from "./compile-matcher.js";
import { holds, intentsByRules } from "./compiled-rules.js";
import { dropOffTopicContext } from "./context-words.js";
import { detectLanguage } from "./detect-language.js";
import {
  applyNegation,
  findConcepts,
  findUnnegated,
  type Occurrence,
  preferOwnLanguage,
} from "./find-concepts.js";
import { readStatus, type StatusText } from "./html-to-text.js";
import { type Guess, type ModelInput, type QuestionInput, secondOpinion } from "./intent-model.js";
import { MAX_TOKENS, type Tokens, tokenize } from "./normalize.js";
import { askedName, placedConcepts } from "./placed-concepts.js";
import { FORMS, formsAsked, PLATFORMS } from "./platform-forms.js";

/** The post a mention replies to (intents.md, the `classify` contract). */
export interface ParentPost {
  /** Status HTML as the server delivers it. */
  readonly content: string;
  readonly language: string | null;
  /** Whether the bot itself wrote it. */
  readonly fromBot: boolean;
}

export interface ClassifyInput {
  /** Status HTML as Mastodon delivers it. */
  readonly content: string;
  /** The status's language field: a hint, often null or wrong. */
  readonly language: string | null;
  /** The post this one replies to, when known: its topic carries over to follow-ups. */
  readonly parent?: ParentPost | undefined;
  /** The bot's own user name (`optout`); without it, the rules' `addressing.self`. */
  readonly self?: string | undefined;
}

/** Finds every topic a mention asks about and the language to answer in. Pure. */
export function classify(matcher: CompiledMatcher, input: ClassifyInput): Classification {
  const reading = readByRules(matcher, input);
  const { language } = reading;
  if (reading.unasked !== undefined) return reading.unasked;
  let intents = reading.intents;
  // A post with no sign of a question is the model's to judge (`secondOpinion`): without the
  // model, it asks nothing (a favourite for thanks at most).
  if (reading.unmarked && matcher.model === undefined)
    return { asked: false, intents: intents.filter((id) => id === "thanks"), notes: [], language };
  // After the addressing veto above: the model never answers a post the addressing found to ask
  // nothing; a post with no sign either way (unmarked) it answers only as `secondOpinion` says.
  if (matcher.model !== undefined) {
    const opinion = secondOpinion(matcher.model, modelView(reading), intents, {
      guessed: reading.guessed,
      unmarked: reading.unmarked,
      replies: reading.thread.length > 0,
    });
    // Sure the post asks nothing: as the addressing veto, no reply at all (not even the menu),
    // a favourite for thanks at most.
    if (opinion.asksNothing) return { asked: false, intents: opinion.intents, notes: [], language };
    intents = bothFormsUnlessNamed(opinion.intents, intents, reading.namesPlatform);
  }
  // Still nothing found, so the topic menu would go out: only to a post with a question mark (a
  // question we missed; without one, nothing found is a remark: "Insta ist Geschichte.", "Great
  // bot. That is all."), and only where the post or its parent names the topic, or it speaks to
  // the bot. "Kennt wer a guads Wirtshaus?" is not the bot's business; a greeting or "hilfe" is
  // (help), and so is a missed question about Meta or the objection.
  if (intents.every((id) => id === "thanks") && !reading.menuWanted)
    return { asked: false, intents, notes: [], language };
  return { asked: true, intents, notes: notesFor(matcher, reading.concepts, intents), language };
}

/**
 * What the learned model reads of a mention, exactly as `classify` gives it: the words, and the
 * concepts the rules found, with the thread's (only the post's own where the bot is not asked at
 * all: `classify` never shows the model such a post, but it learns "asks nothing" from them). For
 * training.
 */
export function modelInput(matcher: CompiledMatcher, input: ClassifyInput): ModelInput {
  return modelView(readByRules(matcher, input));
}

/** The model's input: the rules' concepts, and in a thread reply the parent's, marked as such. */
function modelView(reading: RulesReading): ModelInput {
  const { words, concepts, placed, thread } = reading;
  const questions = reading.questions.map((q) => ({ ...q, concepts: [...q.concepts, ...thread] }));
  if (placed.length === 0 && thread.length === 0) return { words, concepts, questions };
  // One set, as the model reads it (`distinct`): no array to copy again.
  const all = new Set(concepts);
  for (const c of placed) all.add(c);
  for (const c of thread) all.add(c);
  return { words, concepts: all, questions };
}

/**
 * Each question of a post that asks two things or more, as the model reads it alone (`byQuestion`):
 * its words, "question", and the concepts of the occurrences the rules kept that stand in it. A
 * sentence that asks with no question mark (`requests`: "oh and why does Meta even need this")
 * is read too, marked `request` and without "question". A part of three words or fewer ("Stimmt
 * das?") names no topic of its own and is left out.
 */
function questionsOf(
  tokens: Tokens,
  kept: readonly Occurrence[],
  requests: ReadonlySet<number>,
): QuestionInput[] {
  if (tokens.questions.length + requests.size < 2) return [];
  // One pass over the words and one over the occurrences, whatever the number of questions.
  const bySentence = new Map<number, { words: string[]; concepts: Set<string>; request?: true }>();
  for (const sentence of tokens.questions)
    bySentence.set(sentence, { words: [], concepts: new Set([QUESTION]) });
  for (const sentence of requests)
    bySentence.set(sentence, { words: [], concepts: new Set(), request: true });
  for (let i = 0; i < tokens.words.length; i++)
    bySentence.get(tokens.sentences[i]!)?.words.push(tokens.words[i]!);
  // Each concept of a question is an asked one too, as in the whole post. Its pairs are left
  // out: with them, cross-validated on 22,547 mentions, exact -3, covered +12 (session 21).
  for (const o of kept)
    bySentence.get(tokens.sentences[o.start]!)?.concepts.add(o.concept).add(askedName(o.concept));
  const parts = [...bySentence.values()].filter((q) => q.words.length > SHORT_WORDS);
  return parts.length < 2 ? [] : parts;
}

/** The built-in concept of a post with a question mark (`builtInConcepts`). */
const QUESTION: BuiltInConcept = "question";

/** What the rules make of a mention, before the learned model's opinion. */
interface RulesReading {
  readonly language: Language;
  readonly words: readonly string[];
  /** The concepts the rules found (with the parent's carried ones). */
  readonly concepts: ReadonlySet<string>;
  /** A thread reply's parent as the model reads it (`threadConcepts`); empty without a parent. */
  readonly thread: readonly string[];
  /** The concepts marked by whether their sentence asks, and paired in a question (`placedConcepts`). */
  readonly placed: readonly string[];
  /** Each question or request of a post that asks two things or more (`questionsOf`); else empty. */
  readonly questions: readonly QuestionInput[];
  /** Set when the addressing already decided that the post asks the bot nothing. */
  readonly unasked?: Classification;
  readonly intents: Intent[];
  /** Whether the topics are only a guess (the forms for a question nothing sharper matched). */
  readonly guessed: Guess;
  /** Where nothing is found, whether the topic menu may go out (see `classify`). */
  readonly menuWanted: boolean;
  /** Whether the post or its parent names a platform at all, even negated or thanked for. */
  readonly namesPlatform: boolean;
  /** Spoken to the bot with no sign of a question (`Addressing.unmarked`): the model decides. */
  readonly unmarked: boolean;
}

function readByRules(matcher: CompiledMatcher, input: ClassifyInput): RulesReading {
  const status = readStatus(input.content);
  const tokens = tokenize(status.text);
  const seen: Occurrence[] = [];
  const unnegated = findUnnegated(matcher, tokens, seen);
  const keywordLanguages = ownKeywordLanguages(matcher, tokens, unnegated);
  const language = detectLanguage(
    tokens,
    status.text,
    matcher.languages,
    { hint: input.language, keywordLanguages, markers: matcher.markers, letters: matcher.letters },
    DEFAULT_LANGUAGE,
  );
  const occurrences = applyNegation(
    matcher,
    tokens,
    preferOwnLanguage(unnegated, language, PLATFORMS),
    language,
  );
  const seenAsRead = preferOwnLanguage(seen, language, PLATFORMS);
  const builtIns = builtInConcepts(tokens, status.links);
  const { context, threads } = matcher.rules;
  // The parent's HTML is read once, and only when needed: most replies carry no echo and ask nothing.
  let parentStatus: StatusText | undefined;
  const readParent = (parent: ParentPost): StatusText => (parentStatus ??= readStatus(parent.content));
  const self = botName(matcher.rules.addressing, input.self);
  const echoed =
    occurrences.some((o) => o.concept === threads.echoes) &&
    input.parent !== undefined &&
    readParent(input.parent).mentions.some((m) => m.username === self)
      ? echoedTopics(matcher, input)
      : [];
  const addressing = addressOf(matcher.rules.addressing, {
    status,
    tokens,
    occurrences,
    builtIns,
    self: input.self,
    repliesToBot: input.parent?.fromBot,
    echoesParent: echoed.length > 0,
  });
  const { words } = tokens;
  const { unmarked } = addressing;
  if (!addressing.asksBot && !unmarked) {
    const thanks = addressing.thanksBot && occurrences.some((o) => o.concept === "thanks");
    const unasked = { asked: false, intents: thanks ? (["thanks"] as Intent[]) : [], notes: [], language };
    return {
      language,
      words,
      unasked,
      intents: unasked.intents,
      // Not read by `classify`, so built only when asked for: for training, the model learns
      // "asks nothing" from the concepts such a post shows, as it meets them in the posts it
      // judges. Session 16, cross-validated on 11,778 mentions: 125 -> 95 replies to posts that
      // ask nothing, exact unchanged.
      get concepts() {
        return new Set<string>([...builtIns, ...occurrences.map((o) => o.concept)]);
      },
      get placed() {
        return placedConcepts(tokens, occurrences);
      },
      thread: [],
      questions: [],
      guessed: false,
      menuWanted: false,
      namesPlatform: false,
      unmarked: false,
    };
  }
  // The parent's concepts only now: most thread replies that carry the bot's handle ask it nothing.
  const parent = input.parent === undefined ? undefined : parentConcepts(matcher, readParent(input.parent));
  const onTopic =
    seenAsRead.some((o) => context.topic.includes(o.concept)) || context.topic.some((c) => parent?.has(c));
  const present = new Set<string>(builtIns);
  const kept = dropOffTopicContext(context, tokens, occurrences, seenAsRead, onTopic, addressing.asksBot);
  for (const o of kept) present.add(o.concept);
  if (parent !== undefined) for (const c of threads.carry) if (parent.has(c)) present.add(c);
  const decided = decideIntents(matcher, present);
  let { intents } = decided;
  let guessed: Guess = decided.guessed;
  let thread: string[] = [];
  if (parent !== undefined) {
    const parentIntents = decideIntents(matcher, parent).intents;
    thread = threadConcepts(parent, parentIntents, input.parent?.fromBot === true);
    let followed = followUp(matcher, intents, present, parentIntents);
    // "same question!" asks the parent's question again, and so does a reply spoken to the bot with
    // no topic of its own: "@kai @optout weißt du das?", "can you confirm?" under Kai's question
    // (session 18, cross-validated on 15,314 mentions: 3 posts right, none wrong).
    const handsOver = echoed.length === 0 && !followed.some(isTopic) && addressing.speaksToBot;
    const again = handsOver ? echoedTopics(matcher, input) : echoed;
    if (again.length > 0) followed = orderIntents(new Set([...followed.filter(isTopic), ...again]));
    // A follow-up that took the parent's topic is no longer a guess.
    if (followed.join() !== intents.join()) guessed = false;
    intents = followed;
    // A question of no topic of its own (not "help?") under the bot's answer on one topic.
    const asksOnward = input.parent?.fromBot === true && tokens.questionMarks > 0;
    const next =
      asksOnward && !intents.some(isTopic) && !intents.includes("help")
        ? nextQuestion(threads, parentIntents)
        : [];
    if (next.length > 0) {
      intents = orderIntents(new Set([...intents, ...next]));
      guessed = "thread";
    }
    if (input.parent?.fromBot === true) intents = askedAnew(intents, parentIntents);
  }
  if (!addressing.thanksBot) intents = intents.filter((id) => id !== "thanks");
  intents = formsAsked(matcher.rules.askedPlatform, tokens, kept, intents);
  const menuWanted = tokens.questionMarks > 0 && (onTopic || addressing.speaksToBot);
  const namesPlatform =
    seenAsRead.some((o) => FORMS[o.concept] !== undefined) || PLATFORMS.some((c) => parent?.has(c));
  return {
    language,
    words,
    concepts: present,
    // Only the model reads them: not worked out with LEARNED_MODEL=false.
    get placed() {
      return placedConcepts(tokens, kept);
    },
    thread,
    // Only the model reads them, as `placed`.
    get questions() {
      return questionsOf(tokens, kept, requestSentences(matcher.rules.addressing, { tokens, occurrences }));
    },
    intents,
    guessed,
    menuWanted,
    namesPlatform,
    unmarked,
  };
}

/**
 * The parent as the model reads it: its concepts, the topics the rules find in it, and whether
 * the bot wrote it ("und bis wann?" asks the date under any post on the topic; "lol same" under a
 * friend's post asks nothing). Marked so that they never pass for the reply's own (concept names are
 * `[a-z_]+`, no dot). Session 15, cross-validated on 10,893 mentions with three seeds: exact +0.1 to
 * +0.2 points, covered +0.1, German +0.3 to +0.4.
 */
function threadConcepts(
  parent: ReadonlySet<string>,
  parentIntents: readonly Intent[],
  fromBot: boolean,
): string[] {
  return [
    fromBot ? "parent.by_bot" : "parent.by_other",
    ...[...parent].map((c) => `parent.${c}`),
    ...parentIntents.map((id) => `parent.topic.${id}`),
  ];
}

/** The concepts of the parent post, for a reply's context. */
function parentConcepts(matcher: CompiledMatcher, status: StatusText): Set<string> {
  const tokens = tokenize(status.text);
  const found = new Set<string>(builtInConcepts(tokens));
  for (const o of findConcepts(matcher, tokens)) found.add(o.concept);
  // "Für Facebook: <link>": a post that gives a link to Facebook or Instagram offers it, as
  // "Formular" would ("Und WhatsApp?" under it asks for a form too). Not a video or a recipe.
  if (status.links > 0 && (found.has("facebook") || found.has("instagram"))) found.add("link");
  return found;
}

/**
 * "@mia @optout würd mich auch interessieren!" under Mia's question to the bot: the topics that
 * question asks, read as the bot reads a mention (its addressing, its off-topic context words).
 * The caller asks only under a post that mentions the bot ("Hat schon wer bei Insta
 * widersprochen?" among friends is no question to the bot); none under the bot's own post.
 */
function echoedTopics(matcher: CompiledMatcher, input: ClassifyInput): Intent[] {
  const { parent } = input;
  if (parent === undefined || parent.fromBot) return [];
  const asked = readByRules(matcher, {
    content: parent.content,
    language: parent.language,
    self: input.self,
  });
  // Of the bot's topic: "Weiß jemand, bis wann das Freibad offen hat? @optout" is not. A question
  // too: "Hab bis Mai widersprochen." (no sign of one) is not asked again by "me too!".
  const { topic } = matcher.rules.context;
  if (asked.unasked !== undefined || asked.unmarked || !topic.some((c) => asked.concepts.has(c))) return [];
  return asked.intents.filter(isTopic);
}

/**
 * "missed it then 😩 so is deleting my account the only option left?" under the bot's answer on
 * the deadline: a reply that asks a topic the answer did not give has read the answer's other
 * topics, and asks them no more. Forms stay (which one a reply wants hangs on the thread), and a
 * new form is a platform follow-up ("and WhatsApp?"), which keeps its topics. Session 18,
 * cross-validated on 15,314 mentions: 13 posts right, 3 wrong, no more replies to posts that ask
 * nothing.
 */
function askedAnew(intents: Intent[], answered: readonly Intent[]): Intent[] {
  const own = intents.filter(isTopic);
  const fresh = own.filter((id) => !answered.includes(id));
  if (fresh.length === 0 || fresh.length === own.length || fresh.some(isForm)) return intents;
  return intents.filter((id) => !isTopic(id) || isForm(id) || fresh.includes(id));
}

/**
 * "so what DOES work then?" with no platform named (nor in the parent): where the model added one
 * form, both go (intents.md: a general question how to object gets both forms). Its pick of one
 * came from words alone, often learned from thread replies whose parent named the platform.
 */
function bothFormsUnlessNamed(
  intents: Intent[],
  before: readonly Intent[],
  namesPlatform: boolean,
): Intent[] {
  if (namesPlatform || !intents.some((id) => isForm(id) && !before.includes(id))) return intents;
  return orderIntents(new Set([...intents, "form_facebook", "form_instagram"]));
}

/**
 * "und bei Insta?" under an answer about the Facebook form: a follow-up that names a platform
 * and asks nothing else of its own takes the parent's platform topic for that platform.
 */
function followUp(
  matcher: CompiledMatcher,
  intents: Intent[],
  present: ReadonlySet<string>,
  parentIntents: readonly Intent[],
): Intent[] {
  const platforms = PLATFORMS.filter((p) => present.has(p));
  if (platforms.length === 0) return intents;
  const own = intents.filter(isTopic);
  const found = new Set(intents.filter((id) => !isForm(id) && id !== "help"));
  if (parentIntents.some(isForm) && own.every((id) => isForm(id) || id === "deadline")) {
    for (const p of platforms) for (const id of FORMS[p] ?? []) found.add(id);
    return orderIntents(found);
  }
  const carried = matcher.rules.threads.platformFollowUp.filter((id) => parentIntents.includes(id));
  // "och whatsapp då, kan jag invända där med?" under the alternatives asks for a form itself.
  const asksForm = present.has("object") || present.has("link");
  if (carried.length === 0 || !own.every(isForm) || asksForm) return intents;
  for (const id of carried) found.add(id);
  return orderIntents(found);
}

/**
 * "so what DOES work then?" under the status post's answer: what that answer points to
 * (`threads.nextQuestion`). Only under a post on that topic, whose words may suggest two more
 * (after the deadline, the answer's date reads as the deadline, and in French "aucun effet"
 * beside the form as what the objection does); not under the topic menu, which names three or
 * more others in every language.
 */
function nextQuestion(
  threads: CompiledMatcher["rules"]["threads"],
  parentIntents: readonly Intent[],
): Intent[] {
  const parentTopics = parentIntents.filter(isTopic);
  for (const [topic, next] of Object.entries(threads.nextQuestion)) {
    const about = new Set<string>([topic, ...(next ?? [])]);
    const others = parentTopics.filter((id) => !about.has(id));
    if (parentTopics.includes(topic as Intent) && others.length <= 2) return [...(next ?? [])];
  }
  return [];
}

/** The notes on the specific point asked whose rule holds and whose intent is answered. */
function notesFor(
  matcher: CompiledMatcher,
  present: ReadonlySet<string>,
  intents: readonly Intent[],
): string[] {
  return matcher.compiledRules.notes
    .filter(
      (note) => note.with.some((id) => intents.includes(id)) && note.rules.some((r) => holds(r, present)),
    )
    .map((note) => note.name);
}

/**
 * intents.md: help only when nothing else is asked; fallbacks only when nothing else matched, and
 * then the topics are a guess (`guessed`).
 */
function decideIntents(
  matcher: CompiledMatcher,
  present: ReadonlySet<string>,
): { intents: Intent[]; guessed: boolean } {
  const found = intentsByRules(matcher.compiledRules.intents, present);
  const asksSomething = [...found].some(isTopic);
  let guessed = false;
  if (asksSomething) found.delete("help");
  else
    for (const id of intentsByRules(matcher.compiledRules.fallbacks, present)) {
      found.add(id);
      guessed = true;
    }
  if ([...found].some(isTopic)) found.delete("help");
  return { intents: orderIntents(found), guessed };
}

/**
 * The languages of keywords only one file has, where no other file's keyword matched the same
 * words: "alternativas" fits German `alternativ*` and Spanish `alternativa*`, so it says neither.
 */
function ownKeywordLanguages(
  matcher: CompiledMatcher,
  tokens: Tokens,
  occurrences: readonly Occurrence[],
): Language[] {
  if (occurrences.every((o) => o.language === null)) return [];
  // One pass: the languages that matched each span (null: a keyword several files share).
  const bySpan = new Map<number, Set<string | null>>();
  for (const o of occurrences) {
    // A misspelt keyword says only that the word is near one of that language: Slovak
    // "trénovania" is Polish "trenowania" one letter off.
    if (o.language !== null && spansMisspelt(matcher, tokens, o)) continue;
    const span = o.start * MAX_TOKENS + o.end;
    const seen = bySpan.get(span) ?? new Set();
    bySpan.set(span, seen.add(o.language));
  }
  // Each span once: two keywords of one file on the same words are one piece of evidence.
  const languages: Language[] = [];
  for (const seen of bySpan.values()) {
    const [only] = seen;
    if (seen.size === 1 && only !== null && only !== undefined) languages.push(only);
  }
  return languages;
}

/** The first and last words are the keyword's own (words between may be a gap's filler). */
function spansMisspelt(matcher: CompiledMatcher, tokens: Tokens, o: Occurrence): boolean {
  const { index } = matcher;
  return index.isMisspelt(tokens.words[o.start]!) || index.isMisspelt(tokens.words[o.end]!);
}
