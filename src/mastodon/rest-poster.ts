import type { mastodon } from "masto";
import type {
  CreatedStatus,
  CreateStatusInput,
  FavouriteResult,
  FindOwnReplyInput,
  StatusPoster,
} from "../outbox/status-poster.js";
import { toApiRequestError } from "./poster-errors.js";
import { contentMatchesText } from "./poster-text-match.js";
import { readRateLimit } from "./rate-limit-headers.js";

export interface RestStatusPosterOptions {
  /** A masto REST client created with the bot's token, User-Agent and a request timeout. */
  readonly client: mastodon.rest.Client;
  /** Anchors "seconds until reset" headers; default: the system clock. */
  readonly now?: () => Date;
}

/** The outbox's `StatusPoster` over masto's REST client; every failure becomes an `ApiRequestError`. */
export class RestStatusPoster implements StatusPoster {
  readonly #client: mastodon.rest.Client;
  readonly #now: () => Date;

  constructor(props: RestStatusPosterOptions) {
    this.#client = props.client;
    this.#now = props.now ?? (() => new Date());
  }

  async createStatus(input: CreateStatusInput, signal?: AbortSignal): Promise<CreatedStatus> {
    const params = {
      status: input.text,
      visibility: input.visibility,
      language: input.language,
      ...(input.inReplyToId === null ? {} : { inReplyToId: input.inReplyToId }),
    };
    const headers = { "Idempotency-Key": input.idempotencyKey };
    const response = await this.#call(() =>
      this.#client.v1.statuses.create.$raw(params, { requestInit: { headers, ...withSignal(signal) } }),
    );
    return { id: response.data.id, rateLimit: readRateLimit(response.headers, this.#now()) };
  }

  async favourite(statusId: string, signal?: AbortSignal): Promise<FavouriteResult> {
    const response = await this.#call(() =>
      this.#client.v1.statuses
        .$select(statusId)
        .favourite.$raw(undefined, { requestInit: withSignal(signal) }),
    );
    return { rateLimit: readRateLimit(response.headers, this.#now()) };
  }

  /**
   * Looks through the context of `inReplyToId` for the bot's own direct reply. Two bot replies to
   * one status are not expected (a reply is one post per status, a thread chains to its own posts),
   * so a status whose text matches wins, else the oldest bot reply counts: a repeat is worse than
   * a reply whose rendering the comparison did not recognise.
   */
  async findOwnReply(input: FindOwnReplyInput, signal?: AbortSignal): Promise<string | null> {
    const context = await this.#call(() =>
      this.#client.v1.statuses
        .$select(input.inReplyToId)
        .context.fetch(undefined, { requestInit: withSignal(signal) }),
    );
    const own = context.descendants.filter(
      (s) => s.account.id === input.botAccountId && s.inReplyToId === input.inReplyToId,
    );
    const matching = own.find((s) => contentMatchesText(s.content, input.text));
    return (matching ?? own[0])?.id ?? null;
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toApiRequestError(error, this.#now());
    }
  }
}

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}
