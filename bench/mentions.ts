import { readFileSync } from "node:fs";

interface Labelled {
  content: string;
  language: string | null;
}

const SOURCES = [
  new URL("../../shared/eval/dev.jsonl", import.meta.url),
  new URL("../test/matcher/fixtures/paraphrases.jsonl", import.meta.url),
];

const NOISE = [
  "",
  " 🙏",
  " #Meta",
  " bitte",
  " pls!!",
  " <br />lg",
  " 😅😅",
  ' <a href="https://x.example/a">link</a>',
];

/** `count` realistic mentions: the labelled cases, varied so that caches cannot hide the cost. */
export function realisticMentions(count: number): Labelled[] {
  const base: Labelled[] = SOURCES.flatMap((url) => {
    try {
      return readFileSync(url, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as Labelled);
    } catch {
      return [];
    }
  });
  const out: Labelled[] = [];
  for (let i = 0; i < count; i++) {
    const c = base[i % base.length]!;
    const noise = NOISE[(i * 7) % NOISE.length]!;
    // A per-line number makes every text distinct, like real traffic.
    out.push({ content: c.content.replace(/<\/p>$/, `${noise} #${i}</p>`), language: c.language });
  }
  return out;
}
