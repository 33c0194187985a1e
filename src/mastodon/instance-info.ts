import type { mastodon } from "masto";
import type { Logger } from "../observability/logger.js";
import { withoutResponseBody } from "./unreadable-response.js";

/** What the bot needs to know about its server; every field has a safe default. */
export interface InstanceInfo {
  /** Base URL of the streaming API (ws:// or wss://), or null when the server advertises none. */
  readonly streamingUrl: string | null;
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  /** The version string as reported, or null when unknown. */
  readonly version: string | null;
  /** Where the values came from, for the log and `check`. */
  readonly source: "v2" | "v1" | "defaults";
}

export const DEFAULT_MAX_CHARACTERS = 500;
export const DEFAULT_CHARACTERS_RESERVED_PER_URL = 23;

/**
 * GET /api/v2/instance, else /api/v1/instance, else Mastodon's defaults (API notes §6). Servers
 * other than Mastodon answer 404, an HTML page (masto resolves `undefined`) or plain text (masto
 * throws MastoUnexpectedError without a status): none of that is fatal. Logs once what it assumed.
 */
export async function fetchInstanceInfo(rest: mastodon.rest.Client, logger: Logger): Promise<InstanceInfo> {
  const failures: string[] = [];
  const v2 = await attempt(() => rest.v2.instance.fetch(), "v2", failures);
  const fromV2 = v2 === undefined ? undefined : readV2(v2);
  if (fromV2) {
    logFound(logger, fromV2, failures);
    return fromV2;
  }
  const v1 = await attempt(() => rest.v1.instance.fetch(), "v1", failures);
  const fromV1 = v1 === undefined ? undefined : readV1(v1);
  if (fromV1) {
    logFound(logger, fromV1, failures);
    return fromV1;
  }
  const defaults: InstanceInfo = {
    streamingUrl: null,
    maxCharacters: DEFAULT_MAX_CHARACTERS,
    charactersReservedPerUrl: DEFAULT_CHARACTERS_RESERVED_PER_URL,
    version: null,
    source: "defaults",
  };
  logger.warn(
    { failures, maxCharacters: defaults.maxCharacters },
    "instance: neither /api/v2/instance nor /api/v1/instance answered usably; assuming 500 characters, 23 per URL and no streaming",
  );
  return defaults;
}

async function attempt(fetch: () => Promise<unknown>, name: string, failures: string[]): Promise<unknown> {
  try {
    const body = await fetch();
    if (!isRecord(body)) failures.push(`${name}: not a JSON object`);
    return isRecord(body) ? body : undefined;
  } catch (error) {
    failures.push(`${name}: ${describe(error)}`);
    return undefined;
  }
}

function readV2(body: unknown): InstanceInfo | undefined {
  const configuration = field(body, "configuration");
  if (!isRecord(configuration)) return undefined;
  const statuses = field(configuration, "statuses");
  return {
    streamingUrl: nonEmptyString(field(field(configuration, "urls"), "streaming")),
    ...limits(statuses),
    version: nonEmptyString(field(body, "version")),
    source: "v2",
  };
}

function readV1(body: unknown): InstanceInfo | undefined {
  // A v1 body without `uri` or `version` is somebody else's JSON, not an instance.
  if (field(body, "uri") === undefined && field(body, "version") === undefined) return undefined;
  return {
    streamingUrl: nonEmptyString(field(field(body, "urls"), "streamingApi")),
    ...limits(field(field(body, "configuration"), "statuses")),
    version: nonEmptyString(field(body, "version")),
    source: "v1",
  };
}

function limits(statuses: unknown): Pick<InstanceInfo, "maxCharacters" | "charactersReservedPerUrl"> {
  return {
    maxCharacters: positiveInt(field(statuses, "maxCharacters")) ?? DEFAULT_MAX_CHARACTERS,
    charactersReservedPerUrl:
      positiveInt(field(statuses, "charactersReservedPerUrl")) ?? DEFAULT_CHARACTERS_RESERVED_PER_URL,
  };
}

function logFound(logger: Logger, info: InstanceInfo, failures: string[]): void {
  const { source, version, streamingUrl, maxCharacters, charactersReservedPerUrl } = info;
  const fields = { source, version, streamingUrl, maxCharacters, charactersReservedPerUrl, failures };
  if (failures.length > 0) logger.warn(fields, `instance: read from /api/${source}/instance`);
  else logger.info(fields, "instance: read");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

function describe(failure: unknown): string {
  const error = withoutResponseBody(failure);
  if (!(error instanceof Error)) return String(error);
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? `HTTP ${status} ${error.message}` : `${error.name}: ${error.message}`;
}
