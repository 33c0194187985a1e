import { describe, expect, it, vi } from "vitest";
import { repliesTo, useLiveBots } from "./live-harness.js";

const INSTAGRAM_FORM = "https://help.instagram.com/contact/767264225370182";
const live = useLiveBots();

describe("the live bot against a Mastodon-compatible server", () => {
  it("answers a mention: text, reply target, visibility, language, and only the author mentioned", async () => {
    const fake = await live.fake();
    const alice = fake.addAccount({ username: "alice", domain: "remote.example" });
    fake.addAccount({ username: "bob" });
    const _bot = await live.bot(fake);
    const { status } = fake.mention(alice, "wie widerspreche ich bei insta?", {
      mentions: ["bob"],
      language: "de",
    });
    const [reply] = await repliesTo(fake, status.id);
    expect(reply!.text.startsWith("@alice@remote.example ")).toBe(true);
    expect(reply!.text).toContain(INSTAGRAM_FORM);
    expect(reply!.mentions).toEqual(["alice@remote.example"]);
    expect(reply!.visibility).toBe("unlisted");
    expect(reply!.language).toBe("de");
    expect(reply!.idempotencyKey).toMatch(/\S/);
    expect(reply!.status.account.username).toBe("optout");
  });

  it("answers a direct message with a direct message, in English", async () => {
    const fake = await live.fake({ notificationPolicy: { forPrivateMentions: "accept" } });
    const sam = fake.addAccount({ username: "sam" });
    const _bot = await live.bot(fake);
    const { status } = fake.mention(sam, "is it too late to object?", {
      visibility: "direct",
      language: "en",
    });
    const [reply] = await repliesTo(fake, status.id);
    expect(reply!.visibility).toBe("direct");
    expect(reply!.language).toBe("en");
    expect(reply!.text).toContain("26 May 2025");
  });

  it("answers French, Spanish, Italian and Portuguese mentions each in their own language", async () => {
    const fake = await live.fake();
    const _bot = await live.bot(fake);
    const asked = [
      ["fr", "jusqu'à quand je peux m'opposer ?", "26 mai 2025"],
      ["es", "¿Hasta cuándo puedo oponerme?", "26 de mayo de 2025"],
      ["it", "Entro quando posso oppormi?", "26 maggio 2025"],
      ["pt", "Até quando posso me opor?", "26 de maio de 2025"],
    ] as const;
    for (const [language, question, deadline] of asked) {
      // The status's language tag is left out: the words alone decide.
      const { status } = fake.mention(fake.addAccount({ username: `asker_${language}` }), question);
      const [reply] = await repliesTo(fake, status.id);
      expect(reply!.language).toBe(language);
      expect(reply!.text).toContain(deadline);
    }
  });

  it("answers in a thread when the instance's limit is small, each post replying to the previous", async () => {
    const fake = await live.fake({ maxCharacters: 200 });
    const kim = fake.addAccount({ username: "kim" });
    const _bot = await live.bot(fake);
    const { status } = fake.mention(kim, "Links für FB und Insta, bis wann, und welche Daten nimmt Meta?");
    await repliesTo(fake, status.id);
    const thread = await vi.waitFor(
      () => {
        const posts = fake.posted.filter((p) => p.text.startsWith("@kim "));
        const last = posts.at(-1)!;
        if (posts.length < 2 || !/(\d+)\/\1$/.test(last.text.trim())) throw new Error("thread not finished");
        return posts;
      },
      { timeout: 60_000, interval: 20 },
    );
    expect(thread[0]!.inReplyToId).toBe(status.id);
    for (let i = 1; i < thread.length; i++) expect(thread[i]!.inReplyToId).toBe(thread[i - 1]!.id);
    expect(thread.map((p) => p.text.trim().slice(-3))).toContain(`1/${thread.length}`);
  });

  it("favourites a thank-you without posting", async () => {
    const fake = await live.fake();
    const lena = fake.addAccount({ username: "lena" });
    const _bot = await live.bot(fake);
    const { status } = fake.mention(lena, "Danke dir! 🙏");
    await vi.waitFor(() => expect(fake.favourites.map((f) => f.statusId)).toContain(status.id), {
      timeout: 60_000,
    });
    // A later question is answered, so the stream is live and the thank-you really got no text.
    const { status: question } = fake.mention(lena, "bis wann?");
    await repliesTo(fake, question.id);
    expect(fake.posted.filter((p) => p.inReplyToId === status.id)).toEqual([]);
  });

  it("does not answer an edited mention again", async () => {
    const fake = await live.fake();
    const mara = fake.addAccount({ username: "mara" });
    const _bot = await live.bot(fake);
    const { status } = fake.mention(mara, "bis wann?");
    await repliesTo(fake, status.id);
    // The edit reaches the bot as status.update and as an `update` notification.
    fake.editStatus(status.id, "bis wann genau? und wo ist der Link für Instagram?");
    const { status: later } = fake.mention(mara, "link für fb?");
    await repliesTo(fake, later.id);
    expect(fake.posted.filter((p) => p.inReplyToId === status.id)).toHaveLength(1);
  });

  it("ignores bots, and stops answering an account past its hourly limit", async () => {
    const fake = await live.fake();
    const other = fake.addAccount({ username: "otherbot", bot: true });
    const eager = fake.addAccount({ username: "eager" });
    const bot = await live.bot(fake, { REPLIES_PER_ACCOUNT_PER_HOUR: "2" });
    const fromBot = fake.mention(other, "wie widerspreche ich bei insta?").status;
    const asks = ["bis wann?", "link für fb?", "welche daten?"].map((t) => fake.mention(eager, t).status);
    await repliesTo(fake, asks[1]!.id);
    const { status: fresh } = fake.mention(fake.addAccount({ username: "fresh" }), "bis wann?");
    await repliesTo(fake, fresh.id);
    expect(fake.posted.filter((p) => p.inReplyToId === fromBot.id)).toEqual([]);
    expect(fake.posted.filter((p) => p.inReplyToId === asks[2]!.id)).toEqual([]);
    const metrics = (await bot.metrics.registry.metrics()).split("\n");
    expect(metrics).toContain('optout_mentions_ignored_total{reason="bot"} 1');
    expect(metrics).toContain('optout_mentions_ignored_total{reason="cooldown"} 1');
  });

  it("answers by polling when the server offers no streaming", async () => {
    const fake = await live.fake({ switches: { streaming: "absent" } });
    const pat = fake.addAccount({ username: "pat" });
    const bot = await live.bot(fake, { POLL_INTERVAL: "1s" });
    const { status } = fake.mention(pat, "Alternativen zu WhatsApp?");
    const [reply] = await repliesTo(fake, status.id);
    expect(reply!.text).toContain("Matrix");
    expect(bot.app).toBeDefined();
  });
});
