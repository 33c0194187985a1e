/** GET /api/v2/instance, GET /api/v1/instance, GET /api/v1/apps/verify_credentials. */
import type { FakeApp } from "../app.js";
import type { Json } from "../entities.js";
import { HttpError, ok, type Reply, type Router } from "../http/router.js";
import type { InstanceMode } from "../types.js";

const HTML_PAGE = "<!DOCTYPE html><html><head><title>Not Mastodon</title></head><body>Hello</body></html>";

export function instanceRoutes(router: Router, app: FakeApp): void {
  router.on("GET", "/api/v2/instance", () => byMode(app.switches.instanceV2, () => instanceV2(app)), false);
  router.on("GET", "/api/v1/instance", () => byMode(app.switches.instanceV1, () => instanceV1(app)), false);
  router.on("GET", "/api/v1/apps/verify_credentials", () =>
    ok({
      id: "1",
      name: "optout-bot",
      website: null,
      scopes: app.scopes,
      redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
      redirect_uris: ["urn:ietf:wg:oauth:2.0:oob"],
    }),
  );
  router.on(
    "GET",
    "/api/v1/streaming/health",
    () => ({ status: 200, body: "OK", contentType: "text/plain" }),
    false,
  );
}

function byMode(mode: InstanceMode, body: () => Json): Reply {
  if (mode === "404") throw new HttpError(404, "Not Found");
  if (mode === "html") return { status: 200, body: HTML_PAGE, contentType: "text/html; charset=utf-8" };
  if (mode === "text") return { status: 200, body: "Hello from not-Mastodon", contentType: "text/plain" };
  return ok(body());
}

function advertised(app: FakeApp): string {
  return app.switches.advertisedStreamingUrl ?? app.streamingUrl;
}

function host(app: FakeApp): string {
  return new URL(app.baseUrl).host;
}

function statusesConfig(app: FakeApp): Json {
  return {
    max_characters: app.instance.maxCharacters,
    max_media_attachments: 4,
    characters_reserved_per_url: app.instance.charactersReservedPerUrl,
  };
}

function instanceV2(app: FakeApp): Json {
  const streaming: { [key: string]: Json } = {};
  if (app.switches.streaming !== "absent") streaming.streaming = advertised(app);
  return {
    domain: host(app),
    title: "Fake Mastodon",
    version: app.instance.version,
    source_url: "https://github.com/mastodon/mastodon",
    description: "A loopback fake for tests",
    usage: { users: { active_month: app.store.accounts.all().length } },
    thumbnail: { url: `${app.baseUrl}/packs/media/images/preview.png` },
    languages: ["de", "en"],
    configuration: {
      urls: streaming,
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
      statuses: statusesConfig(app),
      media_attachments: { supported_mime_types: [], image_size_limit: 16777216 },
      polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 },
      translation: { enabled: false },
    },
    registrations: { enabled: false, approval_required: false, message: null },
    api_versions: { mastodon: 6 },
    contact: { email: "admin@example.invalid", account: null },
    rules: [],
  };
}

function instanceV1(app: FakeApp): Json {
  const urls: { [key: string]: Json } = {};
  if (app.switches.streaming !== "absent") urls.streaming_api = advertised(app);
  return {
    uri: host(app),
    title: "Fake Mastodon",
    short_description: "A loopback fake for tests",
    description: "",
    email: "admin@example.invalid",
    version: app.instance.version,
    urls,
    stats: {
      user_count: app.store.accounts.all().length,
      status_count: app.store.statuses.size,
      domain_count: 1,
    },
    languages: ["de", "en"],
    registrations: false,
    approval_required: false,
    configuration: { statuses: statusesConfig(app) },
    contact_account: null,
    rules: [],
  };
}
