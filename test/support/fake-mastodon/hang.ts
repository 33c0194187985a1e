/**
 * The hung-request switch: `switches.hang["POST /api/v1/statuses"] = 1` makes the next matching
 * request accepted and never answered (the connection stays open until the fake closes).
 * Keys are "METHOD path-prefix"; a count of Infinity hangs every match.
 */
export type HangSwitch = Record<string, number>;

/** Takes one hang for this request, if a key matches; counts it down. */
export function takeHang(hang: HangSwitch, method: string, path: string): boolean {
  for (const [key, count] of Object.entries(hang)) {
    const [keyMethod, prefix = "/"] = key.split(" ");
    if (count <= 0 || keyMethod !== method || !path.startsWith(prefix)) continue;
    hang[key] = count - 1;
    return true;
  }
  return false;
}
