import { parseHandle } from "../domain/handle.js";
import { countLength, findUrls, splitGraphemes } from "./count-length.js";
import { ReplyLimitError } from "./reply-errors.js";

/** What every post of a reply carries besides its share of the text, and the budget. */
export interface PostFrame {
  /**
   * The author's acct; each post starts with `@acct `. Null, or not a handle (`parseHandle`): no
   * mention, so a malformed acct never reaches a post.
   */
  readonly acct: string | null;
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  /** Language of the text, for finding sentence boundaries. */
  readonly language: string;
}

type Fits = (body: string) => boolean;

/**
 * Turns a reply body into posts: one when it fits, else a thread numbered "1/2", "2/2" that
 * breaks at paragraph, then line, then sentence, then word boundaries, and only as a last resort
 * between graphemes of an overlong word. URLs are never cut.
 */
export function splitIntoPosts(body: string, postFrame: PostFrame): string[] {
  const frame = { ...postFrame, acct: postFrame.acct === null ? null : parseHandle(postFrame.acct) };
  const text = body.trim();
  const single = frame.acct ? `@${frame.acct} ${text}` : text;
  if (fitsFrame(single, frame)) return [single];
  // The numbering suffix grows with the number of posts: reserve for the widest, retry if needed.
  for (let digits = 1; ; digits++) {
    const widest = "9".repeat(digits);
    const fits: Fits = (part) => fitsFrame(post(part, widest, widest, frame), frame);
    const parts = pack(text, fits, frame.language);
    if (parts.length < 10 ** digits) {
      const total = String(parts.length);
      return parts.map((part, i) => post(part, String(i + 1), total, frame));
    }
  }
}

function post(part: string, index: string, total: string, frame: PostFrame): string {
  const mention = frame.acct ? `@${frame.acct} ` : "";
  return `${mention}${part}\n\n${index}/${total}`;
}

function fitsFrame(post: string, frame: PostFrame): boolean {
  return countLength(post, { perUrl: frame.charactersReservedPerUrl }) <= frame.maxCharacters;
}

interface Atom {
  readonly text: string;
  /** Joins this atom to the one before it when both land in the same post. */
  readonly separator: string;
}

interface Level {
  readonly separator: string;
  readonly split: (text: string, language: string) => string[];
}

const LEVELS: readonly Level[] = [
  { separator: "\n\n", split: (text) => text.split(/\n{2,}/) },
  { separator: "\n", split: (text) => text.split("\n") },
  { separator: " ", split: sentences },
  { separator: " ", split: (text) => text.split(/\s+/) },
  { separator: "", split: (word) => (findUrls(word).length > 0 ? [word] : splitGraphemes(word)) },
];

/** Greedy packing of the coarsest pieces that fit; a piece too big for a post alone is broken finer. */
function pack(text: string, fits: Fits, language: string): string[] {
  const atoms: Atom[] = [];
  atomize(text, 0, "", { fits, language, atoms });
  const parts: string[] = [];
  let current: string | undefined;
  for (const atom of atoms) {
    const joined = current === undefined ? atom.text : `${current}${atom.separator}${atom.text}`;
    if (current === undefined || fits(joined)) {
      current = joined;
    } else {
      parts.push(current);
      current = atom.text;
    }
  }
  if (current !== undefined) parts.push(current);
  return parts;
}

interface AtomizeState {
  readonly fits: Fits;
  readonly language: string;
  readonly atoms: Atom[];
}

function atomize(text: string, depth: number, firstSeparator: string, state: AtomizeState): void {
  const level = LEVELS[depth];
  if (!level) {
    throw new ReplyLimitError(
      `The character limit is too small for "${text.slice(0, 40)}"; a link or mention cannot be split.`,
    );
  }
  const pieces = level.split(text, state.language).filter((piece) => piece.trim() !== "");
  pieces.forEach((raw, i) => {
    const piece = level.separator === "" ? raw : raw.trim();
    const separator = i === 0 ? firstSeparator : level.separator;
    if (state.fits(piece)) state.atoms.push({ text: piece, separator });
    else atomize(piece, depth + 1, separator, state);
  });
}

const sentenceSegmenters = new Map<string, Intl.Segmenter>();

/** Sentences of one line; a boundary not followed by a space (inside a URL or "26.05.") is ignored. */
function sentences(line: string, language: string): string[] {
  let segmenter = sentenceSegmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
    sentenceSegmenters.set(language, segmenter);
  }
  const result: string[] = [];
  let pending = "";
  for (const { segment } of segmenter.segment(line)) {
    pending += segment;
    if (/\s$/.test(segment)) {
      result.push(pending);
      pending = "";
    }
  }
  if (pending !== "") result.push(pending);
  return result;
}
