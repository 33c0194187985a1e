/** Statuses: create (idempotency, length, posting budget), fetch, context, favourite, delete. */
import type { FakeApp } from "../app.js";
import { countLikeMastodon } from "../char-count.js";
import { statusJson } from "../entities.js";
import { HttpError, ok, type Reply, type RequestContext, type Router } from "../http/router.js";
import { tightest, type WindowState } from "../rate-limits.js";
import type { FakeStatus, Visibility } from "../types.js";

const IDEMPOTENCY_MS = 3_600_000;
const VISIBILITIES: Visibility[] = ["public", "unlisted", "private", "direct"];

export function statusRoutes(router: Router, app: FakeApp): void {
  router.on("POST", "/api/v1/statuses", (ctx) => createStatus(app, ctx));
  router.on("GET", "/api/v1/statuses/:id", ({ pathParams }) => {
    if (app.switches.statusFetch === "fail") throw new HttpError(503, "Service Unavailable");
    return ok(statusJson(visibleToBot(app, live(app, pathParams.id)), app.entities));
  });
  router.on("GET", "/api/v1/statuses/:id/context", ({ pathParams }) => {
    const { ancestors, descendants } = app.store.context(live(app, pathParams.id).id);
    return ok({
      ancestors: ancestors.map((s) => statusJson(s, app.entities)),
      descendants: descendants.map((s) => statusJson(s, app.entities)),
    });
  });
  router.on("POST", "/api/v1/statuses/:id/favourite", ({ pathParams }) => {
    const status = live(app, pathParams.id);
    app.favourites.push({ statusId: status.id, createdAt: app.now(), repeated: status.favourited });
    if (!status.favourited) status.favouritesCount += 1;
    status.favourited = true;
    return ok(statusJson(status, app.entities));
  });
  router.on("POST", "/api/v1/statuses/:id/unfavourite", ({ pathParams }) => {
    const status = live(app, pathParams.id);
    if (status.favourited) status.favouritesCount -= 1;
    status.favourited = false;
    return ok(statusJson(status, app.entities));
  });
  router.on("DELETE", "/api/v1/statuses/:id", ({ pathParams }) => {
    const status = live(app, pathParams.id);
    if (status.account !== app.store.bot) throw new HttpError(403, "This action is not allowed");
    return ok({ ...statusJson(app.store.deleteStatus(status.id), app.entities), text: status.text });
  });
}

function live(app: FakeApp, id: string | undefined): FakeStatus {
  const status = id === undefined ? undefined : app.store.live(id);
  if (!status) throw new HttpError(404, "Record not found");
  return status;
}

/**
 * As Mastodon's StatusPolicy: a private post is shown to its author's followers and the accounts
 * it mentions, a direct one to those it mentions; anything else answers 404, as if it did not exist.
 */
function visibleToBot(app: FakeApp, status: FakeStatus): FakeStatus {
  const { bot, accounts } = app.store;
  if (status.account === bot || status.mentions.includes(bot)) return status;
  if (status.visibility === "direct") throw new HttpError(404, "Record not found");
  if (status.visibility === "private" && !accounts.following.has(status.account.id)) {
    throw new HttpError(404, "Record not found");
  }
  return status;
}

function createStatus(app: FakeApp, { params, headers }: RequestContext): Reply {
  const now = app.now();
  const key = headerValue(headers["idempotency-key"]);
  const scope = `${app.store.bot.id}:${key}`;
  const previous = key && app.switches.honourIdempotency ? app.idempotency.get(scope) : undefined;
  if (previous && previous.expiresAt > now.getTime()) {
    return ok(statusJson(live(app, previous.statusId), app.entities));
  }

  const budget = budgetState(app, now);
  if (budget.exhausted) throw new HttpError(429, "Too many requests", budget.window);
  if (params.get("scheduled_at")) throw new HttpError(422, "fake-mastodon does not implement scheduled_at");

  const text = params.get("status") ?? "";
  const spoilerText = params.get("spoiler_text") ?? "";
  const visibility = (params.get("visibility") ?? "public") as Visibility;
  if (text.trim() === "" && params.all("media_ids").length === 0) {
    throw new HttpError(422, "Validation failed: Text can't be blank");
  }
  if (!VISIBILITIES.includes(visibility))
    throw new HttpError(422, "Validation failed: Visibility is invalid");
  const inReplyToId = params.get("in_reply_to_id") || null;
  if (inReplyToId !== null && !app.store.live(inReplyToId)) throw new HttpError(404, "Record not found");
  const max = app.instance.maxCharacters;
  if (countLikeMastodon(text, spoilerText, app.instance.charactersReservedPerUrl) > max) {
    throw new HttpError(422, `Validation failed: Text character limit of ${max} exceeded`);
  }

  const status = app.store.createStatus(app.store.bot, {
    text,
    visibility,
    language: params.get("language") || null,
    inReplyToId,
    spoilerText,
    sensitive: params.bool("sensitive") ?? false,
  });
  const counted = tightest(
    app.windows.statuses.hit(app.store.bot.id, now),
    app.limits.statusesPerSecond === null ? undefined : app.windows.burst.hit(app.store.bot.id, now),
  );
  if (key) app.idempotency.set(scope, { statusId: status.id, expiresAt: now.getTime() + IDEMPOTENCY_MS });
  app.posted.push({
    id: status.id,
    text,
    inReplyToId,
    visibility,
    language: status.language,
    spoilerText,
    idempotencyKey: key ?? null,
    createdAt: now,
    mentions: status.mentions.map((m) => m.acct),
    status,
  });
  return { status: 200, body: statusJson(status, app.entities), ...(counted ? { rateLimit: counted } : {}) };
}

/** The posting budget and the optional per-second cap, whichever is tighter. */
function budgetState(app: FakeApp, now: Date): { exhausted: boolean; window: WindowState } {
  const budget = app.windows.statuses.peek(app.store.bot.id, now);
  const burst =
    app.limits.statusesPerSecond === null ? undefined : app.windows.burst.peek(app.store.bot.id, now);
  const window = tightest(budget, burst) ?? budget;
  return { exhausted: window.remaining <= 0, window };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  const value = Array.isArray(v) ? v[0] : v;
  return value === undefined || value === "" ? undefined : value;
}
