/**
 * The HTTP pipeline: record the request, injected faults, routing, token check, request throttle,
 * handler, rate-limit headers, optional latency, JSON answer.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { FakeApp } from "../app.js";
import type { FaultInjector, FaultPlan } from "../faults.js";
import { takeHang } from "../hang.js";
import { rateLimitHeaders, tightest, type WindowState } from "../rate-limits.js";
import type { RecordedRequest } from "../types.js";
import { add, fromSearchParams, Params, parseBody, readBody } from "./params.js";
import { HttpError, type Reply, type Router } from "./router.js";

export interface HttpOptions {
  app: FakeApp;
  router: Router;
  faults: FaultInjector;
  requests: RecordedRequest[];
  faultResetMs: number;
  /** Pending latency timers, cleared on close. */
  timers: Set<NodeJS.Timeout>;
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/** Bearer token from the Authorization header, else the access_token query parameter. */
export function requestToken(headers: IncomingHttpHeaders, url: URL): string | null {
  const auth = headers.authorization;
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return m?.[1]?.trim() ?? url.searchParams.get("access_token");
}

export function createRequestHandler(deps: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: String(error) } }, undefined);
    });
  };
}

async function handle(deps: HttpOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { app } = deps;
  const url = new URL(req.url ?? "/", app.baseUrl);
  const method = req.method ?? "GET";
  const raw = await readBody(req);
  const body = await parseBody(req.headers["content-type"], raw).catch(() => new Map<string, string[]>());
  // Body values come after query values, so they win in Params.get (as in Rails).
  const merged = fromSearchParams(url.searchParams);
  for (const [k, values] of body) for (const v of values) add(merged, k, v);
  const params = new Params(merged);
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ""),
    headers: flattenHeaders(req.headers),
    body: Object.fromEntries(body),
    upgrade: false,
    status: 0,
    at: app.now(),
  };
  deps.requests.push(record);
  if (takeHang(app.switches.hang, method, url.pathname)) return; // accepted, never answered

  const fault = deps.faults.take(url.pathname);
  let reply: Reply;
  let window: WindowState | undefined;
  if (fault?.when === "before") {
    reply = faultReply(deps, fault);
  } else {
    ({ reply, window } = await route(deps, method, url, params, req.headers));
    if (fault) reply = faultReply(deps, fault);
  }
  if (app.switches.latencyMs > 0) await delay(deps, app.switches.latencyMs);
  record.status = reply.status;
  if (!res.destroyed) send(res, reply, url.pathname.startsWith("/api/") ? window : undefined, app.now());
}

async function route(
  deps: HttpOptions,
  method: string,
  url: URL,
  params: Params,
  headers: IncomingHttpHeaders,
): Promise<{ reply: Reply; window?: WindowState }> {
  const { app } = deps;
  const given = requestToken(headers, url);
  const token = given !== null && app.tokens.has(given) ? given : null;
  const throttle = app.windows.api.hit(token ?? "anonymous", app.now());
  if (throttle.exceeded) return { reply: errorReply(429, "Too many requests"), window: throttle };
  const found = deps.router.match(method, url.pathname);
  if (!found) return { reply: errorReply(404, "Not Found"), window: throttle };
  if (found.route.auth && token === null) {
    return { reply: errorReply(401, "The access token is invalid"), window: throttle };
  }
  try {
    const reply = await found.route.handler({
      method,
      path: url.pathname,
      params,
      pathParams: found.pathParams,
      headers,
      token,
    });
    return { reply, window: tightest(throttle, reply.rateLimit) };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { reply: errorReply(error.status, error.message), window: tightest(throttle, error.rateLimit) };
  }
}

function faultReply(deps: HttpOptions, fault: FaultPlan): Reply {
  const reply = errorReply(fault.status, fault.message);
  if (fault.status !== 429) return reply;
  const resetAt = new Date(deps.app.now().getTime() + deps.faultResetMs);
  return { ...reply, headers: rateLimitHeaders({ limit: deps.app.limits.api.limit, remaining: 0, resetAt }) };
}

function errorReply(status: number, message: string): Reply {
  return { status, body: { error: message } };
}

function send(res: ServerResponse, reply: Reply, window: WindowState | undefined, now?: Date): void {
  const headers: Record<string, string> = {
    // The server's clock (skew switch), as Node would write it from the real one.
    ...(now ? { Date: now.toUTCString() } : {}),
    ...(window ? rateLimitHeaders(window) : {}),
    ...reply.headers,
    "Content-Type": reply.contentType ?? "application/json; charset=utf-8",
  };
  const body = reply.contentType && typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, headers);
  res.end(body);
}

function delay(deps: HttpOptions, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      deps.timers.delete(timer);
      resolve();
    }, ms);
    deps.timers.add(timer);
  });
}
