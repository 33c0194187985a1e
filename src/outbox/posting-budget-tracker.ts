import type { Logger } from "../observability/logger.js";
import type { PostAdmission, StateStore } from "../store/state-store.js";
import {
  type Admission,
  admission,
  holdWhileReceiving,
  type PostingBudgetOptions,
  REPLY_CAP_WINDOW_MS,
} from "./posting-budget.js";
import type { RateLimitInfo } from "./status-poster.js";

const SAY: Readonly<Record<PostAdmission, string>> = {
  all: "Posting budget: all replies go again.",
  priority:
    "Posting budget low: until then only first replies to an account, reminders and greetings go; other replies wait.",
  "no-replies": "REPLIES_PER_HOUR reached: replies wait until then; reminders and greetings still go.",
};

/** The sender's view of the posting budget: replies sent (from the store) and the server's window. */
export class PostingBudgetTracker {
  readonly #store: Pick<StateStore, "sentRepliesSince">;
  readonly #logger: Logger;
  readonly #options: PostingBudgetOptions;
  readonly #receiving: () => boolean;
  /** The posting family's last rate-limit headers: the reserve is a share of its window. */
  #statuses: RateLimitInfo | null = null;
  /** The last admission, so that a hold is logged when it begins and ends, not every round. */
  #last: PostAdmission = "all";

  /** `receiving`: whether mentions are being taken in (see `holdWhileReceiving`). */
  constructor(
    store: Pick<StateStore, "sentRepliesSince">,
    logger: Logger,
    options: PostingBudgetOptions,
    receiving: () => boolean = () => false,
  ) {
    this.#store = store;
    this.#logger = logger;
    this.#options = options;
    this.#receiving = receiving;
  }

  /** The headers of the last post, or of a 429 answering one. */
  observed(info: RateLimitInfo | null): void {
    if (info !== null) this.#statuses = info;
  }

  /** What may be posted now. */
  admission(now: Date): Admission {
    const sentReplies = this.#store.sentRepliesSince(new Date(now.getTime() - REPLY_CAP_WINDOW_MS));
    const result = admission({ sentReplies, statuses: this.#statuses, now: now.getTime() }, this.#options);
    if (result.admit !== this.#last) {
      const until = result.until === null ? null : new Date(result.until);
      const level = result.admit === "no-replies" ? "warn" : "info";
      this.#logger[level]({ admit: result.admit, until }, SAY[result.admit]);
      this.#last = result.admit;
    }
    // Not the budget, so not logged: it lasts as long as a burst takes to come in.
    return this.#receiving() ? holdWhileReceiving(result, now.getTime()) : result;
  }
}
