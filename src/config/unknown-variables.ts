import { editDistance } from "../matcher/edit-distance.js";
import type { Environment } from "./env.js";

/** A prefix the bot owns: a name under it that the bot does not read is a typo, not someone else's. */
const OWNED_PREFIX = "MASTODON_";

/**
 * One problem per variable under `MASTODON_` that the bot does not read, with the closest expected
 * name. A misspelled credential would otherwise leave both expected names unset, and the bot would
 * start in local mode and exit, a restart loop under compose, without saying why.
 */
export function unknownVariableProblems(env: Environment, known: readonly string[]): string[] {
  const expected = known.filter((name) => name.startsWith(OWNED_PREFIX));
  return Object.keys(env)
    .filter((name) => env[name] !== undefined && name.startsWith(OWNED_PREFIX) && !known.includes(name))
    .sort()
    .map(
      (name) =>
        `${name}: unknown variable; did you mean ${closest(name, expected)}? Expected: ${expected.join(", ")}`,
    );
}

/**
 * The expected name sharing the most words with `name` (MASTODON_TOKEN → MASTODON_ACCESS_TOKEN),
 * then the fewest edits (MASTODON_SERVER → MASTODON_URL).
 */
function closest(name: string, expected: readonly string[]): string {
  const words = new Set(name.split("_"));
  const score = (candidate: string) => ({
    shared: candidate.split("_").filter((word) => words.has(word)).length,
    edits: editDistance(name, candidate, Number.MAX_SAFE_INTEGER),
  });
  let best = expected[0]!;
  let bestScore = score(best);
  for (const candidate of expected.slice(1)) {
    const s = score(candidate);
    if (s.shared > bestScore.shared || (s.shared === bestScore.shared && s.edits < bestScore.edits)) {
      best = candidate;
      bestScore = s;
    }
  }
  return best;
}
