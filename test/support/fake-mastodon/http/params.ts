/**
 * Request parameters as Rails sees them: query string plus body (JSON, urlencoded or multipart),
 * flattened to bracket keys (`types[]`, `fields_attributes[0][name]`).
 */
import type { IncomingMessage } from "node:http";

export type ParamMap = Map<string, string[]>;

export class Params {
  constructor(readonly map: ParamMap) {}

  /** The last value sent under `name`. */
  get(name: string): string | undefined {
    return this.map.get(name)?.at(-1);
  }

  /** Values of `name[]` (and of a bare repeated `name`). */
  all(name: string): string[] {
    return [...(this.map.get(`${name}[]`) ?? []), ...(this.map.get(name) ?? [])];
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  /** Rails boolean casting; undefined when absent. */
  bool(name: string): boolean | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    return !["false", "0", "f", "off", "no", ""].includes(v.toLowerCase());
  }

  /** Keys starting with `prefix`, in the order they were sent. */
  keysStartingWith(prefix: string): string[] {
    return [...this.map.keys()].filter((k) => k.startsWith(prefix));
  }

  toRecord(): Record<string, string[]> {
    return Object.fromEntries(this.map);
  }
}

export function add(map: ParamMap, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function fromSearchParams(search: URLSearchParams, into: ParamMap = new Map()): ParamMap {
  for (const [k, v] of search) add(into, k, v);
  return into;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a body by its Content-Type; unknown types and empty bodies give no parameters. */
export async function parseBody(contentType: string | undefined, body: Buffer): Promise<ParamMap> {
  const map: ParamMap = new Map();
  if (body.length === 0) return map;
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    flattenJson(JSON.parse(body.toString("utf8")) as unknown, "", map);
  } else if (type === "application/x-www-form-urlencoded") {
    fromSearchParams(new URLSearchParams(body.toString("utf8")), map);
  } else if (type === "multipart/form-data") {
    const form = await new Response(new Uint8Array(body), {
      headers: { "content-type": contentType ?? "" },
    }).formData();
    for (const [k, v] of form) add(map, k, typeof v === "string" ? v : `[file ${v.name}]`);
  }
  return map;
}

function flattenJson(value: unknown, prefix: string, map: ParamMap): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (item !== null && typeof item === "object") flattenJson(item, `${prefix}[${i}]`, map);
      else flattenJson(item, `${prefix}[]`, map);
    });
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flattenJson(v, prefix === "" ? k : `${prefix}[${k}]`, map);
  } else {
    add(map, prefix, String(value));
  }
}
