/** Accounts known to the fake and the bot's relationships with them. */
import type { IdSequence } from "../ids.js";
import type { AddAccountInput, FakeAccount } from "../types.js";

export class AccountRegistry {
  private readonly byId = new Map<string, FakeAccount>();
  /** Ids of accounts the bot follows. */
  readonly following = new Set<string>();
  /** Ids of accounts that follow the bot. */
  readonly followers = new Set<string>();

  constructor(
    private readonly ids: IdSequence,
    private readonly baseUrl: string,
    private readonly now: () => Date,
  ) {}

  add(input: AddAccountInput): FakeAccount {
    const domain = input.domain ?? null;
    if (this.resolve(input.username, domain)) {
      throw new Error(`fake-mastodon: account ${input.username}@${domain ?? "local"} exists already`);
    }
    const account: FakeAccount = {
      id: this.ids.take(),
      username: input.username,
      domain,
      acct: domain ? `${input.username}@${domain}` : input.username,
      displayName: input.displayName ?? input.username,
      bot: input.bot ?? false,
      locked: input.locked ?? false,
      discoverable: true,
      note: input.note ?? "",
      fields: [],
      createdAt: this.now(),
      url: domain ? `https://${domain}/@${input.username}` : `${this.baseUrl}/@${input.username}`,
    };
    this.byId.set(account.id, account);
    return account;
  }

  get(id: string): FakeAccount | undefined {
    return this.byId.get(id);
  }

  all(): FakeAccount[] {
    return [...this.byId.values()];
  }

  /** Case-insensitive lookup; `domain` null or the fake's own host means local. */
  resolve(username: string, domain: string | null): FakeAccount | undefined {
    const host = new URL(this.baseUrl).host.toLowerCase();
    const wanted = domain === null || domain.toLowerCase() === host ? null : domain.toLowerCase();
    const name = username.toLowerCase();
    for (const account of this.byId.values()) {
      if (account.username.toLowerCase() === name && (account.domain?.toLowerCase() ?? null) === wanted) {
        return account;
      }
    }
    return undefined;
  }

  /** An account given as record, id or acct ("alice", "alice@remote.example", "@alice"). */
  find(ref: FakeAccount | string): FakeAccount {
    if (typeof ref !== "string") return ref;
    const byId = this.byId.get(ref);
    if (byId) return byId;
    const [username = "", domain] = ref.replace(/^@/, "").split("@");
    const account = this.resolve(username, domain ?? null);
    if (!account) throw new Error(`fake-mastodon: unknown account ${ref}; add it with addAccount first`);
    return account;
  }
}
