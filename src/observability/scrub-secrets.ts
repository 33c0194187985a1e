const CENSOR = "[Redacted]";

/** `Bearer <token>` in a header echoed into a message, and `access_token=<token>` in a URL (masto's streaming). */
const TOKEN_PATTERNS: readonly [RegExp, string][] = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${CENSOR}`],
  [/(access_token=)[^&\s"'\\]+/gi, `$1${CENSOR}`],
];

/**
 * Removes secrets from a finished log line: known token shapes, and each exact secret both as written
 * and as JSON escapes it (a token with a quote or backslash appears escaped inside a JSON line).
 */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let clean = line;
  for (const secret of secrets) {
    clean = clean.replaceAll(secret, CENSOR);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) clean = clean.replaceAll(escaped, CENSOR);
  }
  for (const [pattern, replacement] of TOKEN_PATTERNS) clean = clean.replace(pattern, replacement);
  return clean;
}
