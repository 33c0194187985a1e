import { PLAIN_LINK, platformOf } from "./html-to-text.js";

/** Words longer than this are noise (base64, hashes), not something a person asks about. */
const MAX_TOKEN_LENGTH = 40;
/** A question is a few sentences; past this many words the rest is not read. */
export const MAX_TOKENS = 400;

const GERMAN_FOLDS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", ẞ: "ss", œ: "oe" };

/**
 * Folds text so that spellings people use interchangeably compare equal: Unicode NFKC, lower
 * case, German umlauts and French œ spelled out (ä → ae, ß → ss, œ → oe), other accents dropped
 * (é → e).
 * Invalid UTF-16 (lone surrogates) is made well-formed first.
 */
export function foldText(text: string): string {
  // Most mentions are plain ASCII: lower case is all they need (the matcher's hot path).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  const folded = text
    .toWellFormed()
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[äöüß\u1e9e\u0153]/g, (c) => GERMAN_FOLDS[c] ?? c);
  return !NON_ASCII.test(folded) ? folded : folded.normalize("NFD").replace(/\p{M}+/gu, "");
}

/** Any character beyond ASCII: most mentions have none, and need no Unicode work. */
export const NON_ASCII = /[\u0080-\uffff]/;

const LETTER = /\p{L}/u;

/** A letter beyond ASCII (not a digit of another script, not a sign): "ł", "ø", "λ". */
export function isLetterBeyondAscii(c: string): boolean {
  return c > "\x7f" && LETTER.test(c);
}

/** Bare URLs and `@user@domain` handles in plain text, which carry no question. */
const URL_OR_HANDLE = new RegExp(
  `${PLAIN_LINK.source}|(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.-]+(?:@[\\p{L}\\p{N}.-]+)?`,
  "gu",
);

export interface Tokens {
  /** Folded words in order: letters and digits only. */
  readonly words: readonly string[];
  /** For each word, the index of its clause (clauses end at . , ; : ! ? + and line breaks). */
  readonly clauses: readonly number[];
  /** For each word, the index of its sentence (sentences end at . ! ? … and line breaks). */
  readonly sentences: readonly number[];
  readonly questionMarks: number;
  /** The sentences that a question mark ends, each once, in order (indices as in `sentences`). */
  readonly questions: readonly number[];
}

/** Splits folded text into words, noting clause boundaries and question marks. */
export function tokenize(text: string): Tokens {
  const folded = foldText(text.replace(URL_OR_HANDLE, (match) => ` ${platformOf(match)} `));
  const words: string[] = [];
  const clauses: number[] = [];
  const sentences: number[] = [];
  let clause = 0;
  let sentence = 0;
  let questionMarks = 0;
  const questions: number[] = [];
  let greekWords = 0;
  // Characters above U+00FF are escaped: the bundle keeps regex literals as written, and one
  // such character would make V8 hold the whole bundled source as two-byte text.
  // \u2026 is the ellipsis, \u2013 and \u2014 are the dashes, \u061f the Arabic question mark.
  // An emoji ends a clause as a comma would ("verpennt 😭 geht das noch"), and so does a plus
  // that lists questions ("IG form + deadline + does a story post count").
  // Session 16, cross-validated on 11,778 mentions: 12 posts right, 6 wrong.
  for (const match of folded.matchAll(
    /[\p{L}\p{N}]+|[.,;:!?¿¡\u061f\u2026\u2013\u2014\n+]|\p{Extended_Pictographic}+/gu,
  )) {
    const piece = match[0];
    if (/^[\p{L}\p{N}]/u.test(piece)) {
      if (piece.length > MAX_TOKEN_LENGTH) continue;
      words.push(piece);
      if (isGreek(piece.charCodeAt(0))) greekWords++;
      clauses.push(clause);
      sentences.push(sentence);
      if (words.length >= MAX_TOKENS) break;
    } else {
      const question = isQuestionMark(piece, greekWords * 2 > words.length);
      if (question) questionMarks++;
      // A sentence of words that this mark ends ("??" ends it once); an opening "¿" ends the
      // sentence before it, which asks nothing ("Quiero objetar ¿dónde está el formulario?").
      if (question && piece !== "¿" && sentences.at(-1) === sentence) questions.push(sentence);
      if (question || /[.!?¿¡\u2026\n]/.test(piece)) sentence++;
      clause++;
    }
  }
  return { words, clauses, sentences, questionMarks, questions };
}

/** Greek and Coptic block: folding has dropped the accents, so Greek words start in it. */
const isGreek = (code: number): boolean => code >= 0x370 && code <= 0x3ff;

/**
 * In Greek text ";" is the question mark (U+037E folds to it; Greek writes its semicolon as "·"),
 * also after a brand name: "Πού είναι η φόρμα για το Facebook;". Greek text: most words so far
 * are Greek ("Urlaub in Ελλάδα; ..." is German). An emoji question mark is one in every language.
 */
function isQuestionMark(piece: string, greekText: boolean): boolean {
  if (piece === "?" || piece === "¿" || piece === "\u061f") return true;
  // The emoji question marks ("🤖❓", "⏰❓ noch Zeit?"), red and white, in a run of emoji.
  if (piece.includes("\u2753") || piece.includes("\u2754")) return true;
  return piece === ";" && greekText;
}
