/** The OAuth scopes the bot's token needs, and what each is for (API notes §10). */
export const NEEDED_SCOPES: ReadonlyArray<{ readonly scope: string; readonly purpose: string }> = [
  { scope: "read:notifications", purpose: "receive mentions and follows" },
  { scope: "write:notifications", purpose: "set the notification policy" },
  { scope: "write:statuses", purpose: "post replies and reminders" },
  {
    scope: "read:statuses",
    purpose: "read the post a mention replies to; look up a thread before re-sending a reply",
  },
  { scope: "write:favourites", purpose: "favourite thank-you posts" },
  { scope: "read:accounts", purpose: "verify the token and read the bot's own profile" },
  { scope: "write:accounts", purpose: "set the bot flag, bio and fields with setup-profile" },
];

/**
 * The needed scopes `granted` does not cover. `read` and `write` include all their children;
 * `profile` (Mastodon 4.3) covers only verify_credentials, so it does not count as read:accounts.
 */
export function missingScopes(granted: readonly string[]): typeof NEEDED_SCOPES {
  const have = new Set(granted.flatMap((s) => s.split(/\s+/)).filter((s) => s !== ""));
  return NEEDED_SCOPES.filter(({ scope }) => !have.has(scope) && !have.has(scope.split(":")[0] ?? scope));
}
