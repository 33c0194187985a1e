import type { Params } from "./params.js";

/**
 * The `Link` header of a newest-first page: absolute URLs, quoted rels, the request's `kept`
 * parameters repeated; none for an empty page (Mastodon's insert_pagination_headers).
 */
export function linkHeader(
  baseUrl: string,
  path: string,
  params: Params,
  kept: readonly string[],
  page: ReadonlyArray<{ readonly id: string }>,
): Record<string, string> {
  const newest = page[0];
  const oldest = page.at(-1);
  if (!newest || !oldest) return {};
  const url = (key: string, id: string) => {
    const search = new URLSearchParams();
    for (const name of kept) for (const v of params.map.get(name) ?? []) search.append(name, v);
    search.append(key, id);
    return `${baseUrl}${path}?${search.toString()}`;
  };
  return { Link: `<${url("max_id", oldest.id)}>; rel="next", <${url("min_id", newest.id)}>; rel="prev"` };
}
