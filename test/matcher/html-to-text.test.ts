import { describe, expect, it } from "vitest";
import { htmlToText, readStatus } from "../../src/matcher/html-to-text.js";
import { tokenize } from "../../src/matcher/normalize.js";

describe("htmlToText", () => {
  it("drops account mentions but keeps the question", () => {
    const html =
      '<p><span class="h-card" translate="no"><a href="https://s.example/@optout" class="u-url mention">@<span>optout</span></a></span> wie geht das?</p>';
    expect(htmlToText(html).trim()).toBe("wie geht das?");
  });

  it("keeps hashtag words, which can be keywords", () => {
    const html =
      '<p>Frage zu <a href="https://s.example/tags/Instagram" class="mention hashtag" rel="tag">#<span>Instagram</span></a></p>';
    expect(htmlToText(html)).toContain("#Instagram");
  });

  it("drops links, including their hidden parts", () => {
    const html =
      '<p>siehe <a href="https://news.example/a" target="_blank" rel="nofollow noopener"><span class="invisible">https://</span><span class="">news.example/a</span><span class="invisible"></span></a> ok</p>';
    expect(htmlToText(html).replace(/\s+/g, " ").trim()).toBe("siehe ok");
  });

  it("decodes entities and turns breaks and paragraphs into white space", () => {
    expect(
      htmlToText("<p>Gibt&#39;s das?<br />Ja &amp; nein</p><p>Ende</p>").replace(/\s+/g, " ").trim(),
    ).toBe("Gibt's das? Ja & nein Ende");
  });

  it("ends a sentence at a break or paragraph, as a line break in plain text does", () => {
    const lines = tokenize(htmlToText("<p>Link Insta<br>Link FB<br />bringt das was?</p><p>Danke</p>"));
    const plain = tokenize("Link Insta\nLink FB\nbringt das was?\nDanke");
    const starts = (t: typeof lines) => t.sentences.map((s, i) => i === 0 || t.sentences[i - 1] !== s);
    expect(starts(lines)).toEqual(starts(plain));
    expect(new Set(lines.sentences).size).toBe(4);
    // Only the third line asks: "Insta" and "FB" are not in the question.
    expect(lines.questions).toEqual([lines.sentences[lines.words.indexOf("bringt")]]);
  });

  it("survives unbalanced and broken markup", () => {
    expect(
      htmlToText("<p><span>offen <b>fett</p></span></i> weiter <a href=").replace(/\s+/g, " ").trim(),
    ).toBe("offen fett weiter");
  });
});

describe("htmlToText and links to a platform", () => {
  it("names the platform a dropped link points to, so 'is this the right link?' can be answered", () => {
    const html =
      '<p>Ist <a href="https://help.instagram.com/contact/767264225370182" rel="nofollow noopener"><span class="invisible">https://</span><span class="ellipsis">help.instagram.com/contact/76</span><span class="invisible">7264225370182</span></a> der richtige Link?</p>';
    expect(htmlToText(html).replace(/\s+/g, " ").trim()).toBe("Ist instagram der richtige Link?");
  });

  it("counts links to web pages, not account mentions or hashtags: 'Is this legit? <link>' asks about one", () => {
    const html =
      '<p><span class="h-card"><a href="https://bots.example/@optout" class="u-url mention">@<span>optout</span></a></span> Is this legit? <a href="https://meta-privacy-center.help/ai-optout" rel="nofollow">meta-privacy-center.help/ai-optout</a> <a href="https://social.example/tags/Meta" class="mention hashtag" rel="tag">#<span>Meta</span></a></p>';
    expect(readStatus(html)).toMatchObject({ links: 1, mentions: [{ username: "optout" }] });
    expect(readStatus("<p>Wie widerspreche ich?</p>").links).toBe(0);
  });
});
