import { Parser } from "htmlparser2";

/**
 * Whether a status's HTML shows the given source text. Servers render mentions, links and line
 * breaks in their own markup (and show `@user@domain` as `@user`), so both sides are reduced to
 * their letters and digits, mentions to the username and without URLs, before comparing. The
 * username stays: "@ann Welcome!" is not "@bob Welcome!".
 */
export function contentMatchesText(contentHtml: string, text: string): boolean {
  const shown = fingerprint(htmlText(contentHtml));
  return shown !== "" && shown === fingerprint(text);
}

function fingerprint(text: string): string {
  return text
    .replace(/https?:\/\/\S+/gi, " ")
    .replace(/@([\p{L}\p{N}_.-]+)(@[\p{L}\p{N}_.-]+)?/gu, " $1 ")
    .replace(/[^\p{L}\p{N}]+/gu, "")
    .toLowerCase();
}

/** Inline markup (`@<span>ann</span>`, a link split into spans) joins up; blocks and breaks separate. */
const BLOCKS = new Set(["p", "br", "div", "li", "blockquote", "pre", "ul", "ol"]);

function htmlText(html: string): string {
  const parts: string[] = [];
  const separate = (name: string) => {
    if (BLOCKS.has(name)) parts.push(" ");
  };
  const parser = new Parser(
    { ontext: (t) => parts.push(t), onopentag: separate, onclosetag: separate },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return parts.join("");
}
