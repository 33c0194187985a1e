/** GET /api/v1/notifications (with Link pagination), single fetch, dismiss, clear. */
import type { FakeApp } from "../app.js";
import { notificationJson } from "../entities.js";
import type { Params } from "../http/params.js";
import { HttpError, ok, type Router } from "../http/router.js";
import { limitParam, type PageQuery, selectPage } from "../state/notification-query.js";
import type { FakeNotification } from "../types.js";

const KEPT_PARAMS = ["limit", "types[]", "exclude_types[]", "account_id", "include_filtered"];

export function notificationRoutes(router: Router, app: FakeApp): void {
  router.on("GET", "/api/v1/notifications", ({ params }) => {
    const ignore = app.switches.ignoreParams;
    const query: PageQuery = {
      limit: limitParam(params.get("limit")),
      maxId: params.get("max_id"),
      sinceId: ignore.sinceId ? undefined : params.get("since_id"),
      minId: ignore.minId ? undefined : params.get("min_id"),
      types: ignore.types ? [] : params.all("types"),
      excludeTypes: ignore.types ? [] : params.all("exclude_types"),
      accountId: params.get("account_id"),
    };
    const visible = app.store.visibleNotifications(params.bool("include_filtered") === true);
    const page = selectPage(visible, query);
    const link = linkHeader(app.baseUrl, params, page);
    return { status: 200, body: page.map((n) => notificationJson(n, app.entities)), headers: link };
  });
  router.on("GET", "/api/v1/notifications/:id", ({ pathParams }) =>
    ok(notificationJson(requireNotification(app, pathParams.id), app.entities)),
  );
  router.on("POST", "/api/v1/notifications/:id/dismiss", ({ pathParams }) => {
    requireNotification(app, pathParams.id).dismissed = true;
    return ok({});
  });
  router.on("POST", "/api/v1/notifications/clear", () => {
    for (const n of app.store.notifications) n.dismissed = true;
    return ok({});
  });
}

function requireNotification(app: FakeApp, id: string | undefined): FakeNotification {
  const n = app.store.visibleNotifications(true).find((x) => x.id === id);
  if (!n) throw new HttpError(404, "Record not found");
  return n;
}

/** Absolute URLs, quoted rels; none for an empty page (Mastodon's insert_pagination_headers). */
function linkHeader(baseUrl: string, params: Params, page: FakeNotification[]): Record<string, string> {
  const newest = page[0];
  const oldest = page.at(-1);
  if (!newest || !oldest) return {};
  const url = (key: string, id: string) => {
    const search = new URLSearchParams();
    for (const name of KEPT_PARAMS) for (const v of params.map.get(name) ?? []) search.append(name, v);
    search.append(key, id);
    return `${baseUrl}/api/v1/notifications?${search.toString()}`;
  };
  return { Link: `<${url("max_id", oldest.id)}>; rel="next", <${url("min_id", newest.id)}>; rel="prev"` };
}
