import { beforeEach, describe, expect, it, vi } from "vitest";
import { classify } from "../../src/matcher/classify.js";
import { repliesTo, useLiveBots } from "./live-harness.js";

// The real matcher, watched: these tests check what the live path hands it for a thread reply.
vi.mock("../../src/matcher/classify.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/matcher/classify.js")>();
  return { ...original, classify: vi.fn(original.classify) };
});

const FACEBOOK_FORM = "https://www.facebook.com/help/contact/6359191084165019";
const live = useLiveBots();

/** What the matcher was given for the mention whose HTML contains `text`. */
function classified(text: string) {
  const calls = vi.mocked(classify).mock.calls.filter(([, input]) => input.content.includes(text));
  expect(calls.length).toBeGreaterThan(0);
  return calls.map(([, input]) => input);
}

describe("thread replies on the live bot", () => {
  beforeEach(() => {
    vi.mocked(classify).mockClear();
  });

  it("reads the bot's own earlier answer as the parent of a reply to it", async () => {
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
    await repliesTo(fake, followUp.id);
    const [input] = classified("und bei Insta?");
    expect(input!.parent).toMatchObject({ fromBot: true, language: "de" });
    expect(input!.parent!.content).toContain(FACEBOOK_FORM.replace("https://", ""));
    expect(fake.requestsTo(`/api/v1/statuses/${answer!.id}`, "GET")).toHaveLength(1);
  });

  it("reads someone else's post as a parent not from the bot", async () => {
    const fake = await live.fake();
    const alice = fake.addAccount({ username: "alice" });
    const bob = fake.addAccount({ username: "bob" });
    const _bot = await live.bot(fake);
    const post = fake.post(bob, "Meta will unsere Fotos für KI nehmen. Widerspruch geht per Formular.");
    const { status } = fake.mention(alice, "bis wann geht das?", { inReplyTo: post.id });
    await repliesTo(fake, status.id);
    const [input] = classified("bis wann geht das?");
    expect(input!.parent).toMatchObject({ fromBot: false });
    expect(input!.parent!.content).toContain("Widerspruch geht per Formular");
  });

  it("answers a thread reply once, judged alone, when its parent cannot be read", async () => {
    const fake = await live.fake();
    const alice = fake.addAccount({ username: "alice" });
    const carl = fake.addAccount({ username: "carl" });
    const _bot = await live.bot(fake);
    const { status: question } = fake.mention(alice, "Link für Facebook bitte");
    const [answer] = await repliesTo(fake, question.id);

    fake.switches.statusFetch = "fail";
    const { status: followUp } = fake.mention(alice, "wie widerspreche ich bei insta?", {
      inReplyTo: answer!.id,
    });
    await repliesTo(fake, followUp.id);
    // A later mention is answered too: the failed read held nothing up.
    const { status: later } = fake.mention(carl, "bis wann?");
    await repliesTo(fake, later.id);

    expect(fake.posted.filter((p) => p.inReplyToId === followUp.id)).toHaveLength(1);
    expect(fake.requestsTo(`/api/v1/statuses/${answer!.id}`, "GET").length).toBeGreaterThan(0);
    for (const input of classified("wie widerspreche ich bei insta?"))
      expect(input).not.toHaveProperty("parent");
  });
});
