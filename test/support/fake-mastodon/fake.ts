/** The test-facing handle of a running fake Mastodon server. */
import type { FakeApp, InstanceConfig } from "./app.js";
import type { FaultInjector } from "./faults.js";
import type { StreamingHub } from "./streaming/hub.js";
import type {
  AddAccountInput,
  FailOptions,
  FakeAccount,
  FakeNotification,
  FakeStatus,
  FakeSwitches,
  FavouriteRecord,
  NotificationPolicy,
  PostedStatus,
  PostInput,
  RateLimits,
  RecordedRequest,
} from "./types.js";

export interface MentionResult {
  status: FakeStatus;
  /** null when the notification policy dropped it; `filtered: true` when it holds it back. */
  notification: FakeNotification | null;
}

interface Parts {
  app: FakeApp;
  hub: StreamingHub;
  faults: FaultInjector;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

export class FakeMastodon {
  /** REST base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** What the instance advertises as configuration.urls.streaming, e.g. ws://127.0.0.1:41234 */
  readonly streamingUrl: string;
  /** The first accepted access token. */
  readonly token: string;
  readonly bot: FakeAccount;
  /** Fault switches; assign fields at any time. */
  readonly switches: FakeSwitches;
  /** Rate limits; assign fields at any time. */
  readonly limits: RateLimits;
  /** Limits advertised by the instance and enforced on posting. */
  readonly instance: InstanceConfig;
  private readonly parts: Parts;
  private closed = false;

  constructor(parts: Parts) {
    this.parts = parts;
    const { app } = parts;
    this.url = app.baseUrl;
    this.streamingUrl = app.streamingUrl;
    this.token = [...app.tokens][0] ?? "";
    this.bot = app.store.bot;
    this.switches = app.switches;
    this.limits = app.limits;
    this.instance = app.instance;
  }

  /** Every status the bot created, oldest first. */
  get posted(): readonly PostedStatus[] {
    return this.parts.app.posted;
  }

  get favourites(): readonly FavouriteRecord[] {
    return this.parts.app.favourites;
  }

  /** Every HTTP request and WebSocket upgrade received, oldest first. */
  get requests(): readonly RecordedRequest[] {
    return this.parts.requests;
  }

  /** Every stored notification of the bot (filtered and dismissed ones included), oldest first. */
  get notifications(): readonly FakeNotification[] {
    return this.parts.app.store.notifications;
  }

  get policy(): NotificationPolicy {
    return this.parts.app.store.policy;
  }

  set policy(policy: Partial<NotificationPolicy>) {
    this.parts.app.store.policy = { ...this.parts.app.store.policy, ...policy };
  }

  addAccount(input: AddAccountInput): FakeAccount {
    return this.parts.app.store.accounts.add(input);
  }

  /** An account by record, id or acct ("alice", "@bob@remote.example"). */
  account(ref: FakeAccount | string): FakeAccount {
    return this.parts.app.store.accounts.find(ref);
  }

  status(id: string): FakeStatus | undefined {
    return this.parts.app.store.statuses.get(id);
  }

  /**
   * A status by `from` that mentions the bot (plus `mentions`): `@acct` of each is put in front of
   * the text unless the text already has it. Creates the bot's `mention` notification and streams it.
   */
  mention(from: FakeAccount | string, text: string, input: PostInput = {}): MentionResult {
    const targets = [this.bot, ...(input.mentions ?? []).map((m) => this.account(m))];
    const missing = targets.filter((t) => !mentionsAcct(text, t));
    const prefix = missing.map((t) => `@${t.acct} `).join("");
    const status = this.post(from, prefix + text, input);
    const notification =
      this.notifications.find((n) => n.statusId === status.id && n.type === "mention") ?? null;
    return { status, notification };
  }

  /** Any status by `from`, exactly as written; it notifies the bot only if it mentions it. */
  post(from: FakeAccount | string, text: string, input: PostInput = {}): FakeStatus {
    const author = this.account(from);
    if (author === this.bot) throw new Error("fake-mastodon: the bot posts through the API, not post()");
    return this.parts.app.store.createStatus(author, {
      text,
      visibility: input.visibility ?? "public",
      language: input.language ?? null,
      inReplyToId: input.inReplyTo ?? null,
      spoilerText: input.spoilerText ?? "",
      sensitive: false,
    });
  }

  /** `from` follows the bot: a `follow` notification. */
  follow(from: FakeAccount | string): FakeNotification | null {
    const account = this.account(from);
    this.parts.app.store.accounts.followers.add(account.id);
    return this.parts.app.store.notify("follow", account);
  }

  /** Makes the bot follow (or unfollow) an account, as the notification policy sees it. */
  botFollows(account: FakeAccount | string, following = true): void {
    const id = this.account(account).id;
    const set = this.parts.app.store.accounts.following;
    if (following) set.add(id);
    else set.delete(id);
  }

  /** A notification of any type (favourite, reblog, poll, an unknown future type …). */
  notify(type: string, from: FakeAccount | string, statusId?: string): FakeNotification | null {
    const status = statusId === undefined ? undefined : this.parts.app.store.requireLive(statusId);
    return this.parts.app.store.notify(type, this.account(from), status);
  }

  /** Edits a status: `status.update` on the user stream and an `update` notification. */
  editStatus(id: string, text: string): FakeStatus {
    return this.parts.app.store.editStatus(id, text);
  }

  /** Deletes a status: `delete` on the user stream; replies and favourites to it then get 404. */
  deleteStatus(id: string): FakeStatus {
    return this.parts.app.store.deleteStatus(id);
  }

  /**
   * The next `count` HTTP requests (matching `options.pathPrefix`) answer `status` with
   * `{"error": …}`; a 429 carries X-RateLimit-Remaining 0 and a Reset `faultResetMs` ahead.
   */
  failNext(count: number, status = 500, options: FailOptions = {}): void {
    this.parts.faults.add(count, status, options);
  }

  pendingFaults(): number {
    return this.parts.faults.pending();
  }

  clearFaults(): void {
    this.parts.faults.clear();
  }

  /** Cuts every open streaming socket (no close frame); returns how many there were. */
  dropStreams(): number {
    return this.parts.hub.drop();
  }

  /** Sends an error frame on every open streaming socket (a transient server error); returns how many. */
  sendStreamError(): number {
    return this.parts.hub.sendError();
  }

  openStreams(): number {
    return this.parts.hub.openSockets();
  }

  /** Open sockets subscribed to `stream` ("user", "user:notification" …). */
  subscribers(stream: string): number {
    return this.parts.hub.subscribers(stream);
  }

  /** Accepted WebSocket upgrades since start (reconnects included). */
  streamConnects(): number {
    return this.parts.hub.connects;
  }

  /** Resolves once a socket subscribed to `stream` (default "user:notification"). */
  waitForSubscription(stream = "user:notification"): Promise<void> {
    return this.parts.hub.waitForSubscription(stream);
  }

  addToken(token: string): void {
    this.parts.app.tokens.add(token);
  }

  /** Invalidates a token and closes the sockets that used it. */
  revokeToken(token: string): void {
    this.parts.app.tokens.delete(token);
    this.parts.hub.dropToken(token);
  }

  /** Recorded requests whose path starts with `pathPrefix`, optionally of one method. */
  requestsTo(pathPrefix: string, method?: string): RecordedRequest[] {
    return this.parts.requests.filter(
      (r) => r.path.startsWith(pathPrefix) && (!method || r.method === method),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.parts.close();
  }
}

function mentionsAcct(text: string, account: FakeAccount): boolean {
  const escaped = account.acct.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w/=@])@${escaped}(?![\\w@.-]*\\w)`, "i").test(text);
}
