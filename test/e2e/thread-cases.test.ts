import { describe, expect, it } from "vitest";
import { repliesTo, useLiveBots } from "./live-harness.js";

// What a person in a thread sees from the live bot: the fake server, the real matcher and knowledge.
const FACEBOOK_FORM = "https://www.facebook.com/help/contact/6359191084165019";
const INSTAGRAM_FORM = "https://help.instagram.com/contact/767264225370182";
const live = useLiveBots();

describe("thread replies, end to end", () => {
  it("stays silent on a reply between two other people that carries the bot's handle", async () => {
    const fake = await live.fake();
    const alice = fake.addAccount({ username: "alice" });
    const bob = fake.addAccount({ username: "bob" });
    const carl = fake.addAccount({ username: "carl" });
    const _bot = await live.bot(fake);
    const { status: question } = fake.mention(bob, "wo widerspreche ich bei Facebook?", { language: "de" });
    await repliesTo(fake, question.id);

    // Mastodon puts every participant's handle first in a reply: bob's, then the bot's.
    const { status: chat } = fake.mention(alice, "@bob @optout ja, hab ich auch gemacht", {
      inReplyTo: question.id,
      language: "de",
    });
    // A later mention is answered, so the stream is live and alice's reply was judged and left.
    const { status: later } = fake.mention(carl, "bis wann?");
    await repliesTo(fake, later.id);

    expect(fake.posted.filter((p) => p.inReplyToId === chat.id)).toEqual([]);
    expect(fake.favourites.map((f) => f.statusId)).not.toContain(chat.id);
    // The thread was read: the parent (bob's question about the Facebook form) did not make it a question.
    expect(fake.requestsTo(`/api/v1/statuses/${question.id}`, "GET").length).toBeGreaterThan(0);
  });

  it("answers 'und bei Insta?' under its own answer about the Facebook form with the Instagram form", async () => {
    const fake = await live.fake();
    const alice = fake.addAccount({ username: "alice" });
    const _bot = await live.bot(fake);
    const { status: question } = fake.mention(alice, "wo widerspreche ich bei Facebook?", { language: "de" });
    const [answer] = await repliesTo(fake, question.id);
    expect(answer!.text).toContain(FACEBOOK_FORM);

    const { status: followUp } = fake.mention(alice, "und bei Insta?", {
      inReplyTo: answer!.id,
      language: "de",
    });
    const [reply] = await repliesTo(fake, followUp.id);
    expect(reply!.text.startsWith("@alice ")).toBe(true);
    expect(reply!.text).toContain(INSTAGRAM_FORM);
    expect(reply!.text).not.toContain(FACEBOOK_FORM);
  });

  it("knows its own handle when it is not called optout: a thread reply calling @otherbot by name", async () => {
    const fake = await live.fake({ bot: { username: "otherbot" } });
    const alice = fake.addAccount({ username: "alice" });
    const bob = fake.addAccount({ username: "bob" });
    const _bot = await live.bot(fake);
    const post = fake.post(bob, "Weiß jemand, wo man bei Instagram widerspricht?", { language: "de" });
    const { status } = fake.mention(alice, "@bob @otherbot Otherbot, wo widerspricht man bei Instagram", {
      inReplyTo: post.id,
      language: "de",
    });
    const [reply] = await repliesTo(fake, status.id);
    expect(reply!.text).toContain(INSTAGRAM_FORM);
    expect(reply!.status.account.username).toBe("otherbot");
  });
});
