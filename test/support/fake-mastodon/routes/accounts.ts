/** Account endpoints: verify/update credentials, relationships, lookup, follow. */
import type { FakeApp } from "../app.js";
import { accountJson, credentialAccountJson, type Json } from "../entities.js";
import type { Params } from "../http/params.js";
import { HttpError, ok, type Router } from "../http/router.js";
import type { FakeAccount } from "../types.js";

const MAX_FIELDS = 4;
const FIELD_LIMIT = 255;
const NOTE_LIMIT = 500;
const NAME_LIMIT = 30;

export function accountRoutes(router: Router, app: FakeApp): void {
  const bot = app.store.bot;
  router.on("GET", "/api/v1/accounts/verify_credentials", () => ok(credentialAccountJson(bot, app.entities)));
  router.on("PATCH", "/api/v1/accounts/update_credentials", ({ params }) => {
    updateCredentials(bot, params);
    return ok(credentialAccountJson(bot, app.entities));
  });
  router.on("GET", "/api/v1/accounts/relationships", ({ params }) => {
    const accounts = params.all("id").flatMap((id) => app.store.accounts.get(id) ?? []);
    return ok(accounts.map((a) => relationshipJson(app, a)));
  });
  router.on("GET", "/api/v1/accounts/:id", ({ pathParams }) =>
    ok(accountJson(requireAccount(app, pathParams.id), app.entities)),
  );
  router.on("POST", "/api/v1/accounts/:id/follow", ({ pathParams }) => {
    const account = requireAccount(app, pathParams.id);
    app.store.accounts.following.add(account.id);
    return ok(relationshipJson(app, account));
  });
  router.on("POST", "/api/v1/accounts/:id/unfollow", ({ pathParams }) => {
    const account = requireAccount(app, pathParams.id);
    app.store.accounts.following.delete(account.id);
    return ok(relationshipJson(app, account));
  });
}

function requireAccount(app: FakeApp, id: string | undefined): FakeAccount {
  const account = id === undefined ? undefined : app.store.accounts.get(id);
  if (!account) throw new HttpError(404, "Record not found");
  return account;
}

/** Validates everything first, then applies: a 422 changes nothing. */
function updateCredentials(bot: FakeAccount, params: Params): void {
  const displayName = params.get("display_name");
  const note = params.get("note");
  const fields = params.keysStartingWith("fields_attributes[").length > 0 ? readFields(params) : undefined;
  if (displayName !== undefined && [...displayName].length > NAME_LIMIT) {
    throw new HttpError(
      422,
      `Validation failed: Display name is too long (maximum is ${NAME_LIMIT} characters)`,
    );
  }
  if (note !== undefined && [...note].length > NOTE_LIMIT) {
    throw new HttpError(422, `Validation failed: Note is too long (maximum is ${NOTE_LIMIT} characters)`);
  }
  if (fields && fields.length > MAX_FIELDS) {
    throw new HttpError(422, `Validation failed: Fields is too long (maximum is ${MAX_FIELDS} characters)`);
  }
  if (fields?.some((f) => [...f.name].length > FIELD_LIMIT || [...f.value].length > FIELD_LIMIT)) {
    throw new HttpError(422, "Validation failed: Fields is invalid");
  }
  if (displayName !== undefined) bot.displayName = displayName;
  if (note !== undefined) bot.note = note;
  if (fields) bot.fields = fields;
  for (const key of ["bot", "locked", "discoverable"] as const) {
    const value = params.bool(key);
    if (value !== undefined) bot[key] = value;
  }
}

/** fields_attributes[<n>][name|value] in index order; rows blank in both are dropped. */
function readFields(params: Params): Array<{ name: string; value: string }> {
  const rows = new Map<string, { name: string; value: string }>();
  for (const key of params.keysStartingWith("fields_attributes[")) {
    const m = /^fields_attributes\[(\w+)\]\[(name|value)\]$/.exec(key);
    if (!m) continue;
    const row = rows.get(m[1]!) ?? { name: "", value: "" };
    row[m[2] as "name" | "value"] = params.get(key) ?? "";
    rows.set(m[1]!, row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, row]) => row)
    .filter((row) => row.name.trim() !== "" || row.value.trim() !== "");
}

function relationshipJson(app: FakeApp, a: FakeAccount): Json {
  const following = app.store.accounts.following.has(a.id);
  return {
    id: a.id,
    following,
    showing_reblogs: following,
    notifying: false,
    languages: null,
    followed_by: app.store.accounts.followers.has(a.id),
    blocking: false,
    blocked_by: false,
    muting: false,
    muting_notifications: false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: "",
  };
}
