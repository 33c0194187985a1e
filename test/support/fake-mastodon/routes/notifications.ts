/** GET /api/v1/notifications (with Link pagination), single fetch, dismiss, clear. */
import type { FakeApp } from "../app.js";
import { type Json, notificationJson } from "../entities.js";
import { linkHeader } from "../http/link-header.js";
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
    const link = linkHeader(app.baseUrl, "/api/v1/notifications", params, KEPT_PARAMS, page);
    const body = page.map((n) => notificationJson(n, app.entities));
    if (app.switches.truncateNotificationPages > 0) {
      app.switches.truncateNotificationPages -= 1;
      return { status: 200, body: truncated(body), headers: link, contentType: JSON_TYPE };
    }
    return { status: 200, body, headers: link };
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

const JSON_TYPE = "application/json; charset=utf-8";

/** The page's JSON without its last few characters: everything before them, private text included. */
function truncated(body: Json): string {
  const text = JSON.stringify(body);
  return text.slice(0, Math.max(1, text.length - 8));
}

function requireNotification(app: FakeApp, id: string | undefined): FakeNotification {
  const n = app.store.visibleNotifications(true).find((x) => x.id === id);
  if (!n) throw new HttpError(404, "Record not found");
  return n;
}
