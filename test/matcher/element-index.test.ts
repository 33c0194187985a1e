import { describe, expect, it } from "vitest";
import { editDistance } from "../../src/matcher/edit-distance.js";
import { ElementIndex } from "../../src/matcher/element-index.js";

describe("editDistance", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("deadlien", "deadline", 2)).toBe(1);
    expect(editDistance("facbook", "facebook", 2)).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBe(2); // cut off at max + 1
  });
});

describe("ElementIndex", () => {
  const index = new ElementIndex(["first"]);
  const facebook = index.add({ kind: "word", text: "facebook" });
  const deadline = index.add({ kind: "word", text: "deadline" });
  const frist = index.add({ kind: "word", text: "frist" });
  const widersprech = index.add({ kind: "prefix", text: "widersprech" });
  const instagram = index.add({ kind: "word", text: "instagram" });

  it("finds exact words and prefixes", () => {
    expect(index.lookup("facebook")).toEqual([facebook]);
    expect(index.lookup("widersprechen")).toEqual([widersprech]);
  });

  it("tolerates common misspellings of long words", () => {
    expect(index.lookup("facbook")).toEqual([facebook]);
    expect(index.lookup("deadlien")).toEqual([deadline]);
    expect(index.lookup("instagramm")).toEqual([instagram]);
    expect(index.lookup("wiedersprechen")).toEqual([widersprech]);
  });

  it("tells a misspelling from an exact match, for the language evidence", () => {
    index.lookup("facbook");
    index.lookup("facebook");
    index.lookup("fritz");
    expect(index.isMisspelt("facbook")).toBe(true);
    expect(index.isMisspelt("facebook")).toBe(false);
    expect(index.isMisspelt("fritz")).toBe(false); // nothing found at all
    expect(index.isMisspelt("instagrm")).toBe(true); // looked up on demand, as after a cleared cache
  });

  it("does not stretch short words or known common words", () => {
    expect(index.lookup("frist")).toEqual([frist]);
    expect(index.lookup("first")).toEqual([]); // a marker word, and too short to be a typo of "frist"
    expect(index.lookup("fritz")).toEqual([]);
    expect(index.lookup("facetime")).toEqual([]);
  });

  it("finds a misspelling of a word added after the first look-ups", () => {
    const late = new ElementIndex([]);
    late.add({ kind: "word", text: "deadline" });
    expect(late.lookup("whatsap")).toEqual([]);
    const whatsapp = late.add({ kind: "word", text: "whatsapp" });
    expect(late.lookup("whatsap")).toEqual([whatsapp]);
    expect(late.lookup("deadlien")).toHaveLength(1);
  });

  it("keeps one misspelling apart from words of the same deletions that are further away", () => {
    // "widerspruch" and "widersprach" share deletion variants; only the closer one is within reach.
    const near = new ElementIndex([]);
    const spruch = near.add({ kind: "word", text: "widerspruch" });
    near.add({ kind: "word", text: "verbraucherschutz" });
    expect(near.lookup("wiederspruch")).toEqual([spruch]);
    expect(near.lookup("verbraucherschtz")).toHaveLength(1);
    expect(near.lookup("widersprxxxx")).toEqual([]);
  });

  it("returns the same element id for the same element", () => {
    expect(index.add({ kind: "word", text: "facebook" })).toBe(facebook);
  });
});
