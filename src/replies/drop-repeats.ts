import { findUrls } from "./count-length.js";

/**
 * Removes, across the answers of one reply, every line that repeats a link or a whole line already
 * given by an earlier answer: asking for both forms and the deadline gives each link and the
 * deadline sentence once. Answer texts are written so that each line stands on its own.
 * Answers left empty are dropped.
 */
export function dropRepeatedLines(answers: readonly string[]): string[] {
  const seenUrls = new Set<string>();
  const seenLines = new Set<string>();
  const kept: string[] = [];
  for (const answer of answers) {
    const lines = answer.split("\n").filter((line) => {
      const text = line.trim();
      if (text === "") return true;
      const urls = findUrls(text);
      if (seenLines.has(text) || urls.some((url) => seenUrls.has(url))) return false;
      seenLines.add(text);
      for (const url of urls) seenUrls.add(url);
      return true;
    });
    const text = lines.join("\n").trim();
    if (text !== "") kept.push(text);
  }
  return kept;
}
