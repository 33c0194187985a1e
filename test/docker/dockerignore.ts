/**
 * The subset of `.dockerignore` semantics the replay needs: one pattern per line, `#` comments,
 * `*`, `?` and `**` globs, `!` exceptions (the last matching line wins), and a pattern that matches
 * a folder excludes everything below it, as Docker does.
 */
export function createIgnoreMatcher(content: string): (relativePath: string) => boolean {
  const rules = content
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const negated = line.startsWith("!");
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, "").replace(/^\.\//, "");
      return { negated, regex: globToRegExp(pattern) };
    });
  return (relativePath) => {
    const parts = relativePath.split("/");
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let ignored = false;
    for (const rule of rules) {
      if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.negated;
    }
    return ignored;
  };
}

function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
      if (pattern[i + 1] === "/") i++;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
