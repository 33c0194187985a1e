import { Parser } from "htmlparser2";

/** Statuses are at most a few thousand characters; anything beyond this is not a question. */
export const MAX_HTML_LENGTH = 64 * 1024;

/** Elements whose whole text is dropped: mentions of accounts, hidden URL parts, links. */
function dropsText(name: string, classes: string): boolean {
  if (name === "a") return !/\bhashtag\b/.test(classes); // links and @mentions; hashtags stay
  if (name === "span") return /\b(h-card|invisible)\b/.test(classes);
  return name === "script" || name === "style";
}

const BREAKS = new Set(["br", "p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"]);

/**
 * Turns Mastodon status HTML into the plain text a person reads, minus account mentions and
 * links: those say who is addressed and where a page is, never what is asked. Hashtag words
 * stay (`#Instagram` is a keyword). Tolerates broken markup; decodes entities.
 */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  const stack: boolean[] = []; // per open element: does it drop its text?
  let dropping = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const drops = dropsText(name, attributes.class ?? "");
        // "Is this the right link?" with only the URL: a link to a platform names the platform.
        if (name === "a" && drops && dropping === 0) parts.push(` ${platformOf(attributes.href ?? "")} `);
        stack.push(drops);
        if (drops) dropping++;
        if (BREAKS.has(name)) parts.push(" ");
      },
      ontext(text) {
        if (dropping === 0) parts.push(text);
      },
      onclosetag(name) {
        if (stack.pop()) dropping--;
        if (BREAKS.has(name)) parts.push(" ");
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html.length > MAX_HTML_LENGTH ? html.slice(0, MAX_HTML_LENGTH) : html);
  return parts.join("");
}

/** The Meta platform a link points to ("instagram", "facebook"), or "" for any other link. */
export function platformOf(url: string): string {
  const host = /^https?:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() ?? "";
  const match = /(?:^|\.)(instagram|facebook)\.com$/.exec(host);
  return match?.[1] ?? "";
}
