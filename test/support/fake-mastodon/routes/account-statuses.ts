/**
 * GET /api/v1/accounts/:id/statuses: an account's statuses, newest first, paged by id (limit
 * default 20, at most 40) with a Link header. The bot sees all of its own (direct ones too, as an
 * author does); others' only when public or unlisted. `exclude_replies` keeps self-replies (threads)
 * as Mastodon does; the fake has no boosts, so `exclude_reblogs` changes nothing.
 */
import type { FakeApp } from "../app.js";
import { statusJson } from "../entities.js";
import { linkHeader } from "../http/link-header.js";
import { HttpError, type Router } from "../http/router.js";
import { idPage, limitParam } from "../state/id-page.js";
import type { FakeStatus } from "../types.js";

const DEFAULT_LIMIT = 20;
const KEPT_PARAMS = ["limit", "exclude_replies", "exclude_reblogs"];

export function accountStatusRoutes(router: Router, app: FakeApp): void {
  router.on("GET", "/api/v1/accounts/:id/statuses", ({ pathParams, params }) => {
    const account = pathParams.id === undefined ? undefined : app.store.accounts.get(pathParams.id);
    if (!account) throw new HttpError(404, "Record not found");
    const withoutReplies = params.bool("exclude_replies") === true;
    const own = account === app.store.bot;
    const shown = (s: FakeStatus) =>
      s.account === account &&
      !s.deleted &&
      (own || s.visibility === "public" || s.visibility === "unlisted") &&
      (!withoutReplies || s.inReplyToId === null || s.inReplyToAccountId === account.id);
    const page = idPage([...app.store.statuses.values()].filter(shown), {
      limit: limitParam(params.get("limit"), DEFAULT_LIMIT),
      maxId: params.get("max_id"),
      sinceId: params.get("since_id"),
      minId: params.get("min_id"),
    });
    const path = `/api/v1/accounts/${account.id}/statuses`;
    return {
      status: 200,
      body: page.map((s) => statusJson(s, app.entities)),
      headers: linkHeader(app.baseUrl, path, params, KEPT_PARAMS, page),
    };
  });
}
