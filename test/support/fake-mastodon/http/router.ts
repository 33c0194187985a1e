/** A small method + path router whose handlers return plain replies. */
import type { IncomingHttpHeaders } from "node:http";
import type { Json } from "../entities.js";
import type { WindowState } from "../rate-limits.js";
import type { Params } from "./params.js";

export interface RequestContext {
  method: string;
  path: string;
  params: Params;
  pathParams: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The valid access token of the request, if any. */
  token: string | null;
}

export interface Reply {
  status: number;
  body: Json;
  headers?: Record<string, string>;
  /** Set when the body is not JSON (text/html for broken servers, text/plain for health). */
  contentType?: string;
  /** A tighter rate-limit window to report in the X-RateLimit headers (posting budget). */
  rateLimit?: WindowState;
}

/** Thrown by handlers; becomes `{"error": message}` with the status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly rateLimit?: WindowState,
  ) {
    super(message);
  }
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  auth: boolean;
  handler: Handler;
}

export function ok(body: Json, status = 200): Reply {
  return { status, body };
}

export class Router {
  private readonly routes: Route[] = [];

  /** `path` may hold `:name` segments. Routes need a valid token unless `auth` is false. */
  on(method: string, path: string, handler: Handler, auth = true): this {
    const names: string[] = [];
    const source = path.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, auth, handler });
    return this;
  }

  match(method: string, path: string): { route: Route; pathParams: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      route.names.forEach((name, i) => {
        pathParams[name] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route, pathParams };
    }
    return undefined;
  }
}
