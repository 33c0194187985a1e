/** Notification policy (Mastodon 4.3): GET/PATCH /api/v2/notifications/policy, v1 variant, requests. */
import type { FakeApp } from "../app.js";
import { accountJson, type Json, policyJson } from "../entities.js";
import type { Params } from "../http/params.js";
import { HttpError, ok, type Router } from "../http/router.js";
import type { NotificationPolicy, PolicyValue } from "../types.js";

const V2_KEYS: Array<[string, keyof NotificationPolicy]> = [
  ["for_not_following", "forNotFollowing"],
  ["for_not_followers", "forNotFollowers"],
  ["for_new_accounts", "forNewAccounts"],
  ["for_private_mentions", "forPrivateMentions"],
  ["for_limited_accounts", "forLimitedAccounts"],
];
const V1_KEYS: Array<[string, keyof NotificationPolicy]> = [
  ["filter_not_following", "forNotFollowing"],
  ["filter_not_followers", "forNotFollowers"],
  ["filter_new_accounts", "forNewAccounts"],
  ["filter_private_mentions", "forPrivateMentions"],
];
const VALUES: PolicyValue[] = ["accept", "filter", "drop"];

export function policyRoutes(router: Router, app: FakeApp): void {
  const guard = () => {
    if (!app.switches.notificationPolicyApi) throw new HttpError(404, "Not Found");
  };
  const pending = () => app.store.visibleNotifications(true).filter((n) => n.filtered).length;
  router.on("GET", "/api/v2/notifications/policy", () => {
    guard();
    return ok(policyJson(app.store.policy, pending()));
  });
  // Rails `resource … only: :update` routes both PATCH and PUT; masto 7.12 sends PUT.
  for (const method of ["PATCH", "PUT"]) {
    router.on(method, "/api/v2/notifications/policy", ({ params }) => {
      guard();
      app.store.policy = updatedV2(app.store.policy, params);
      return ok(policyJson(app.store.policy, pending()));
    });
  }
  router.on("GET", "/api/v1/notifications/policy", () => {
    guard();
    return ok(policyV1Json(app.store.policy, pending()));
  });
  for (const method of ["PATCH", "PUT"]) {
    router.on(method, "/api/v1/notifications/policy", ({ params }) => {
      guard();
      const next = { ...app.store.policy };
      for (const [key, field] of V1_KEYS) {
        const v = params.bool(key);
        if (v !== undefined) next[field] = v ? "filter" : "accept";
      }
      app.store.policy = next;
      return ok(policyV1Json(next, pending()));
    });
  }
  router.on("GET", "/api/v1/notifications/requests", () => {
    guard();
    const filtered = app.store.visibleNotifications(true).filter((n) => n.filtered);
    const byAccount = new Map<string, typeof filtered>();
    for (const n of filtered) byAccount.set(n.account.id, [...(byAccount.get(n.account.id) ?? []), n]);
    const body: Json = [...byAccount.values()].map((list) => ({
      id: list[0]!.account.id,
      created_at: list[0]!.createdAt.toISOString(),
      updated_at: list.at(-1)!.createdAt.toISOString(),
      notifications_count: String(list.length),
      account: accountJson(list[0]!.account, app.entities),
    }));
    return ok(body);
  });
}

function updatedV2(current: NotificationPolicy, params: Params): NotificationPolicy {
  const next = { ...current };
  for (const [key, field] of V2_KEYS) {
    const v = params.get(key);
    if (v === undefined) continue;
    if (!VALUES.includes(v as PolicyValue)) {
      throw new HttpError(422, `Validation failed: ${key} is not included in the list`);
    }
    next[field] = v as PolicyValue;
  }
  return next;
}

function policyV1Json(p: NotificationPolicy, pending: number): Json {
  return {
    filter_not_following: p.forNotFollowing !== "accept",
    filter_not_followers: p.forNotFollowers !== "accept",
    filter_new_accounts: p.forNewAccounts !== "accept",
    filter_private_mentions: p.forPrivateMentions !== "accept",
    summary: { pending_requests_count: pending > 0 ? 1 : 0, pending_notifications_count: pending },
  };
}
