/** The fake's world: statuses and notifications around one bot account, with stream events. */
import { type FormatContext, formatStatusText } from "../content-html.js";
import { compareIds, type IdSequence } from "../ids.js";
import type { FakeAccount, FakeNotification, FakeStatus, NotificationPolicy, Visibility } from "../types.js";
import type { AccountRegistry } from "./accounts.js";
import { policyVerdict } from "./notification-policy.js";

/** What the streaming side needs to hear about. */
export interface StoreListener {
  notification(n: FakeNotification): void;
  status(event: "update" | "status.update", s: FakeStatus): void;
  deleted(id: string): void;
}

export interface NewStatus {
  text: string;
  visibility: Visibility;
  language: string | null;
  inReplyToId: string | null;
  spoilerText: string;
  sensitive: boolean;
}

export class FakeStore {
  readonly statuses = new Map<string, FakeStatus>();
  /** Every stored notification, oldest first (ids grow). */
  readonly notifications: FakeNotification[] = [];
  /** Live direct replies per status id. */
  private readonly replies = new Map<string, number>();
  /** Live statuses per account id. */
  private readonly authored = new Map<string, number>();
  readonly format: FormatContext;

  constructor(
    readonly accounts: AccountRegistry,
    readonly bot: FakeAccount,
    private readonly seq: { status: IdSequence; notification: IdSequence },
    public policy: NotificationPolicy,
    private readonly listener: StoreListener,
    private readonly now: () => Date,
    baseUrl: string,
  ) {
    this.format = { baseUrl, resolveMention: (u, d) => accounts.resolve(u, d) };
  }

  /** A status that exists and is not deleted. */
  live(id: string): FakeStatus | undefined {
    const s = this.statuses.get(id);
    return s && !s.deleted ? s : undefined;
  }

  createStatus(author: FakeAccount, input: NewStatus): FakeStatus {
    const parent = input.inReplyToId === null ? undefined : this.live(input.inReplyToId);
    if (input.inReplyToId !== null && !parent) {
      throw new Error(`fake-mastodon: status ${input.inReplyToId} does not exist`);
    }
    const formatted = formatStatusText(input.text, this.format);
    const status: FakeStatus = {
      id: this.seq.status.take(),
      account: author,
      text: input.text,
      content: formatted.html,
      visibility: input.visibility,
      language: input.language,
      spoilerText: input.spoilerText,
      sensitive: input.sensitive || input.spoilerText !== "",
      inReplyToId: parent?.id ?? null,
      inReplyToAccountId: parent?.account.id ?? null,
      mentions: formatted.mentions,
      tags: formatted.tags,
      createdAt: this.now(),
      editedAt: null,
      deleted: false,
      favourited: false,
      favouritesCount: 0,
    };
    this.statuses.set(status.id, status);
    if (parent) this.replies.set(parent.id, this.repliesCount(parent.id) + 1);
    this.authored.set(author.id, this.statusesCount(author) + 1);
    if (this.inBotHome(status)) this.listener.status("update", status);
    if (author !== this.bot && status.mentions.includes(this.bot)) this.notify("mention", author, status);
    return status;
  }

  editStatus(id: string, text: string): FakeStatus {
    const status = this.requireLive(id);
    const formatted = formatStatusText(text, this.format);
    status.text = text;
    status.content = formatted.html;
    status.mentions = formatted.mentions;
    status.tags = formatted.tags;
    status.editedAt = this.now();
    this.listener.status("status.update", status);
    if (status.account !== this.bot) this.notify("update", status.account, status);
    return status;
  }

  /** Deletes a status; its notifications vanish from lists as on Mastodon. */
  deleteStatus(id: string): FakeStatus {
    const status = this.requireLive(id);
    status.deleted = true;
    this.authored.set(status.account.id, this.statusesCount(status.account) - 1);
    if (status.inReplyToId !== null) {
      this.replies.set(status.inReplyToId, this.repliesCount(status.inReplyToId) - 1);
    }
    this.listener.deleted(id);
    return status;
  }

  /** Stores a notification for the bot unless the policy drops it; streams it unless filtered. */
  notify(type: string, from: FakeAccount, status?: FakeStatus): FakeNotification | null {
    const verdict = policyVerdict(this.policy, {
      type,
      botFollowsSender: this.accounts.following.has(from.id),
      senderFollowsBot: this.accounts.followers.has(from.id),
      privateMention: status?.visibility === "direct",
      answersBotPrivateMention: status ? this.answersBotDirect(status, from) : false,
    });
    if (verdict === "drop") return null;
    const notification: FakeNotification = {
      id: this.seq.notification.take(),
      type,
      account: from,
      statusId: status?.id ?? null,
      createdAt: this.now(),
      filtered: verdict === "filter",
      dismissed: false,
    };
    this.notifications.push(notification);
    if (!notification.filtered) this.listener.notification(notification);
    return notification;
  }

  /** Notifications a list request may see: not dismissed, not about deleted statuses. */
  visibleNotifications(includeFiltered: boolean): FakeNotification[] {
    return this.notifications.filter(
      (n) =>
        !n.dismissed &&
        (includeFiltered || !n.filtered) &&
        (n.statusId === null || this.live(n.statusId) !== undefined),
    );
  }

  context(id: string): { ancestors: FakeStatus[]; descendants: FakeStatus[] } {
    const status = this.requireLive(id);
    const ancestors: FakeStatus[] = [];
    for (let p = this.parentOf(status); p; p = this.parentOf(p)) ancestors.unshift(p);
    const descendants: FakeStatus[] = [];
    const walk = (parentId: string) => {
      const children = [...this.statuses.values()]
        .filter((s) => !s.deleted && s.inReplyToId === parentId)
        .sort((a, b) => compareIds(a.id, b.id));
      for (const child of children) {
        descendants.push(child);
        walk(child.id);
      }
    };
    walk(status.id);
    return { ancestors, descendants };
  }

  statusesCount(account: FakeAccount): number {
    return this.authored.get(account.id) ?? 0;
  }

  repliesCount(id: string): number {
    return this.replies.get(id) ?? 0;
  }

  requireLive(id: string): FakeStatus {
    const status = this.live(id);
    if (!status) throw new Error(`fake-mastodon: status ${id} does not exist or was deleted`);
    return status;
  }

  private parentOf(s: FakeStatus): FakeStatus | undefined {
    return s.inReplyToId === null ? undefined : this.live(s.inReplyToId);
  }

  /** The bot's home timeline: its own statuses and those of accounts it follows. */
  private inBotHome(s: FakeStatus): boolean {
    if (s.account === this.bot) return true;
    if (!this.accounts.following.has(s.account.id)) return false;
    return s.visibility !== "direct" || s.mentions.includes(this.bot);
  }

  private answersBotDirect(status: FakeStatus, from: FakeAccount): boolean {
    const parent = this.parentOf(status);
    return parent?.account === this.bot && parent.visibility === "direct" && parent.mentions.includes(from);
  }
}
