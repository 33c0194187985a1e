import { Parser } from "htmlparser2";

/** Statuses are at most a few thousand characters; anything beyond this is not a question. */
export const MAX_HTML_LENGTH = 64 * 1024;

/** An account mention of a status: who, and where it stood in the text. */
export interface StatusMention {
  /** The account's user name, lower case, without `@` or server: `optout`. */
  readonly username: string;
  /** Offset in `StatusText.text` where the mention stood (its text is dropped). */
  readonly offset: number;
}

export interface StatusText {
  /** The plain text a person reads, minus account mentions and links. */
  readonly text: string;
  /** Account mentions in order: linked ones (`<a class="mention">`) and plain `@user` handles. */
  readonly mentions: readonly StatusMention[];
  /** How many links to web pages it has, linked or written as text (not account mentions or hashtags). */
  readonly links: number;
}

/** Elements whose whole text is dropped: mentions of accounts, hidden URL parts, links. */
function dropsText(name: string, classes: string): boolean {
  if (name === "a") return !/\bhashtag\b/.test(classes); // links and @mentions; hashtags stay
  if (name === "span") return /\b(h-card|invisible)\b/.test(classes);
  return name === "script" || name === "style";
}

const BREAKS = new Set(["br", "p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"]);

/** A link written as text: `https://…`. */
export const PLAIN_LINK = /\bhttps?:\/\/\S+/gi;

/** A handle written as text: `@jana`, `@jana@social.example`. */
const PLAIN_HANDLE = /(?<![\p{L}\p{N}_@/])@([\p{L}\p{N}_.-]*[\p{L}\p{N}_])(?:@[\p{L}\p{N}.-]+)?/gu;

/**
 * Turns Mastodon status HTML into the plain text a person reads, minus account mentions and
 * links: those say who is addressed and where a page is, never what is asked. Hashtag words
 * stay (`#Instagram` is a keyword). Tolerates broken markup; decodes entities.
 */
export function htmlToText(html: string): string {
  return readStatus(html).text;
}

/** Like htmlToText, and also says which accounts the status mentions and where. */
export function readStatus(html: string): StatusText {
  const parts: string[] = [];
  let length = 0;
  const push = (piece: string) => {
    parts.push(piece);
    length += piece.length;
  };
  const linked: StatusMention[] = [];
  let links = 0;
  const stack: boolean[] = []; // per open element: does it drop its text?
  let dropping = 0;
  let mention: { offset: number; text: string; href: string; depth: number } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const classes = attributes.class ?? "";
        const drops = dropsText(name, classes);
        if (name === "a" && drops && mention === null) {
          if (/\bmention\b/.test(classes) || /\/@[^/]+\/?$/.test(attributes.href ?? "")) {
            mention = { offset: length, text: "", href: attributes.href ?? "", depth: stack.length };
          } else if (dropping === 0) {
            // "Is this the right link?" with only the URL: a link to a platform names the platform.
            push(` ${platformOf(attributes.href ?? "")} `);
            links++;
          }
        }
        stack.push(drops);
        if (drops) dropping++;
        if (BREAKS.has(name)) push("\n");
      },
      ontext(text) {
        if (mention !== null) mention.text += text;
        if (dropping === 0) push(text);
      },
      onclosetag(name) {
        if (stack.pop()) dropping--;
        if (mention !== null && name === "a" && stack.length === mention.depth) {
          const username = usernameOf(mention.text, mention.href);
          if (username !== "") linked.push({ username, offset: mention.offset });
          mention = null;
        }
        if (BREAKS.has(name)) push("\n");
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html.length > MAX_HTML_LENGTH ? html.slice(0, MAX_HTML_LENGTH) : html);
  const text = parts.join("");
  // Most posts write no handle as text: the regular expression is not run on them.
  const plain = !text.includes("@")
    ? []
    : [...text.matchAll(PLAIN_HANDLE)].map((m) => ({ username: m[1]!.toLowerCase(), offset: m.index }));
  const mentions = plain.length === 0 ? linked : [...linked, ...plain].sort((a, b) => a.offset - b.offset);
  // A link written as text counts as one too: `ask`, local mode and clients that send plain text.
  const typed = !text.includes("://") ? 0 : (text.match(PLAIN_LINK)?.length ?? 0);
  return { text, mentions, links: links + typed };
}

/** `@jana@social.example`, `@jana` or `jana` (text), else the last `@name` of the link. */
function usernameOf(text: string, href: string): string {
  const fromText = /^\s*@?([^@\s]+)/.exec(text)?.[1];
  const fromHref = /\/@([^/@?#]+)/.exec(href)?.[1];
  return (fromText ?? fromHref ?? "").toLowerCase();
}

/** The Meta platform a link points to ("instagram", "facebook"), or "" for any other link. */
export function platformOf(url: string): string {
  const host = /^https?:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() ?? "";
  const match = /(?:^|\.)(instagram|facebook)\.com$/.exec(host);
  return match?.[1] ?? "";
}
