import { MastoHttpError, type mastodon } from "masto";
import type {
  CreatedStatus,
  CreateStatusInput,
  FavouriteResult,
  FindOwnPostInput,
  RateLimitInfo,
  StatusPoster,
} from "../outbox/status-poster.js";
import { ownStatusPages } from "./own-statuses.js";
import { toApiRequestError } from "./poster-errors.js";
import { contentMatchesText } from "./poster-text-match.js";
import { readRateLimit } from "./rate-limit-headers.js";
import { withDeadline } from "./request-deadline.js";
import type { ServerClock } from "./server-clock.js";

/**
 * How far the server's clock may lag ours and a top-level post still be found: a status with the
 * post's text from before it was queued, less this, is an earlier post. Three hours cover the
 * skew seen on real servers (150 minutes); the same top-level text is not posted that often.
 */
const CLOCK_MARGIN_MS = 3 * 3_600_000;
/** The most pages of the bot's own top-level statuses searched (40 a page). */
const MAX_STATUS_PAGES = 5;

export interface RestStatusPosterOptions {
  /** A masto REST client created with the bot's token, User-Agent and a request timeout. */
  readonly client: mastodon.rest.Client;
  /** Anchors "seconds until reset" headers; default: the system clock. */
  readonly now?: () => Date;
  /** Learns the server's clock from each answer, so that rate-limit resets are read on ours. */
  readonly serverClock?: ServerClock;
  /** Each call (a look through several pages counts as one) fails after this long. @default 15000 */
  readonly timeoutMs?: number;
}

/** The outbox's `StatusPoster` over masto's REST client; every failure becomes an `ApiRequestError`. */
export class RestStatusPoster implements StatusPoster {
  readonly #client: mastodon.rest.Client;
  readonly #now: () => Date;
  readonly #timeoutMs: number;
  readonly #clock: ServerClock | undefined;

  constructor(props: RestStatusPosterOptions) {
    this.#client = props.client;
    this.#now = props.now ?? (() => new Date());
    this.#timeoutMs = props.timeoutMs ?? 15_000;
    this.#clock = props.serverClock;
  }

  async createStatus(input: CreateStatusInput, signal?: AbortSignal): Promise<CreatedStatus> {
    const params = {
      status: input.text,
      visibility: input.visibility,
      language: input.language,
      ...(input.inReplyToId === null ? {} : { inReplyToId: input.inReplyToId }),
    };
    const headers = { "Idempotency-Key": input.idempotencyKey };
    const response = await this.#call(
      (bounded) =>
        this.#client.v1.statuses.create.$raw(params, { requestInit: { headers, signal: bounded } }),
      signal,
    );
    return { id: response.data.id, rateLimit: this.#rateLimit(response.headers) };
  }

  async favourite(statusId: string, signal?: AbortSignal): Promise<FavouriteResult> {
    const response = await this.#call(
      (bounded) =>
        this.#client.v1.statuses
          .$select(statusId)
          .favourite.$raw(undefined, { requestInit: { signal: bounded } }),
      signal,
    );
    return { rateLimit: this.#rateLimit(response.headers) };
  }

  async findOwnPost(input: FindOwnPostInput, signal?: AbortSignal): Promise<string | null> {
    return input.inReplyToId === null
      ? this.#findOwnTopLevel(input, signal)
      : this.#findOwnReply(input.inReplyToId, input, signal);
  }

  /**
   * Looks through the context of `inReplyToId` for the bot's own direct reply. Two bot replies to
   * one status are not expected (a reply is one post per status, a thread chains to its own posts),
   * so a status whose text matches wins, else the oldest bot reply counts: a repeat is worse than
   * a reply whose rendering the comparison did not recognise.
   */
  async #findOwnReply(
    inReplyToId: string,
    input: FindOwnPostInput,
    signal: AbortSignal | undefined,
  ): Promise<string | null> {
    const context = await this.#call(
      (bounded) =>
        this.#client.v1.statuses
          .$select(inReplyToId)
          .context.fetch(undefined, { requestInit: { signal: bounded } }),
      signal,
    );
    const own = context.descendants.filter(
      (s) => s.account.id === input.botAccountId && s.inReplyToId === inReplyToId,
    );
    const matching = own.find((s) => contentMatchesText(s.content, input.text));
    return (matching ?? own[0])?.id ?? null;
  }

  /**
   * Looks through the bot's recent top-level statuses, newest first, for one with the post's text
   * (mentions included, so one greeting is not taken for another) created since the post was
   * queued, less the clock margin. Stops at the first older status or after a few pages.
   */
  async #findOwnTopLevel(input: FindOwnPostInput, signal: AbortSignal | undefined): Promise<string | null> {
    const earliest = input.queuedAt.getTime() - CLOCK_MARGIN_MS;
    const recent = (s: mastodon.v1.Status) => Date.parse(s.createdAt) >= earliest;
    return this.#call(async (bounded) => {
      const pages = ownStatusPages({
        rest: this.#client,
        botAccountId: input.botAccountId,
        excludeReplies: true,
        maxPages: MAX_STATUS_PAGES,
        signal: bounded,
      });
      for await (const page of pages) {
        const found = page.find(
          (s) => s.inReplyToId === null && recent(s) && contentMatchesText(s.content, input.text),
        );
        if (found !== undefined) return found.id;
        if (!recent(page.at(-1)!)) break;
      }
      return null;
    }, signal);
  }

  /** One request under the poster's own timeout; `signal` (shutdown) aborts it too. */
  async #call<T>(request: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    try {
      return await withDeadline(this.#timeoutMs, request, signal);
    } catch (error) {
      const headers =
        error instanceof MastoHttpError && error.cause instanceof Response ? error.cause.headers : undefined;
      this.#clock?.observe(headers);
      throw toApiRequestError(error, this.#now(), this.#clock?.aheadMs());
    }
  }

  #rateLimit(headers: Headers): RateLimitInfo | null {
    this.#clock?.observe(headers);
    return readRateLimit(headers, this.#now(), this.#clock?.aheadMs());
  }
}
