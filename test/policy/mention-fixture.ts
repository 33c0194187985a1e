import type { Mention, MentionAuthor, Visibility } from "../../src/domain/mention.js";
import { mentionHtml } from "../support/knowledge.js";

export const BOT_ID = "1";
export const NOW = new Date("2025-05-20T10:00:00+02:00");

export function author(overrides: Partial<MentionAuthor> = {}): MentionAuthor {
  return { id: "100", acct: "alice@other.example", bot: false, note: "<p>Hallo!</p>", ...overrides };
}

export interface MentionFixture {
  readonly text?: string;
  readonly html?: string;
  readonly id?: string;
  readonly statusId?: string;
  readonly author?: Partial<MentionAuthor>;
  readonly visibility?: Visibility;
  readonly createdAt?: Date;
  readonly language?: string | null;
}

/** A mention of the bot as the Mastodon adapter hands it over; `text` is wrapped like Mastodon does. */
export function mention(fixture: MentionFixture = {}): Mention {
  const id = fixture.id ?? "5000";
  return {
    notificationId: id,
    statusId: fixture.statusId ?? `s${id}`,
    author: author(fixture.author),
    contentHtml: fixture.html ?? mentionHtml(fixture.text ?? "Wo widerspreche ich bei Instagram?"),
    spoilerText: "",
    language: fixture.language ?? null,
    visibility: fixture.visibility ?? "public",
    createdAt: fixture.createdAt ?? new Date(NOW.getTime() - 60_000),
    inReplyToId: null,
  };
}

/** Mastodon's mention pattern (Account::MENTION_RE): what a post would ping, as `user` or `user@domain`. */
const MENTION_RE = /(?<=^|[^/\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?(?:@[\w.-]+\w+)?)/giu;

export function mentionsIn(post: string): string[] {
  return [...post.matchAll(MENTION_RE)].map((match) => match[1]!);
}
