import { describe, expect, it } from "vitest";
import type { DesiredProfile } from "../../src/profile/desired-profile.js";
import {
  describeUpdate,
  isEmptyUpdate,
  mergeFields,
  ProfileFieldsError,
  planProfileUpdate,
} from "../../src/profile/profile-update.js";

const FB = { name: "Facebook", value: "https://fb.example/form" };
const IG = { name: "Instagram", value: "https://ig.example/form" };
const desired: DesiredProfile = { bot: true, note: "Deutsch\n\nEnglish", fields: [FB, IG] };

describe("planProfileUpdate", () => {
  it("is empty when the account already matches, CRLF line breaks and outer spaces included", () => {
    const update = planProfileUpdate(
      { bot: true, note: " Deutsch\r\n\r\nEnglish\n", fields: [FB, IG] },
      desired,
      4,
    );
    expect(update).toEqual({});
    expect(isEmptyUpdate(update)).toBe(true);
  });

  it("has only the keys that differ, never an undefined one", () => {
    const update = planProfileUpdate({ bot: true, note: "old", fields: [FB, IG] }, desired, 4);
    expect(update).toEqual({ note: "Deutsch\n\nEnglish" });
    expect(Object.keys(update)).toEqual(["note"]);
  });

  it("sets the bot flag and sends the complete field list when one field changed", () => {
    const own = { name: "Web", value: "https://example.org" };
    const update = planProfileUpdate(
      { bot: false, note: desired.note, fields: [own, { ...FB, value: "https://old" }, IG] },
      desired,
      4,
    );
    expect(update).toEqual({ bot: true, fieldsAttributes: [own, FB, IG] });
    expect(isEmptyUpdate(update)).toBe(false);
  });
});

describe("mergeFields", () => {
  it("replaces ours in place whatever the case, drops repeats, appends missing ones", () => {
    const current = [
      { name: " instagram ", value: "old" },
      { name: "Blog", value: "b" },
      { name: "INSTAGRAM", value: "again" },
    ];
    expect(mergeFields(current, [FB, IG], 4)).toEqual([IG, { name: "Blog", value: "b" }, FB]);
  });

  it("throws, naming the other fields, when they leave no room", () => {
    const current = ["A", "B", "C"].map((name) => ({ name, value: "x" }));
    expect(() => mergeFields(current, [FB, IG], 4)).toThrow(ProfileFieldsError);
    expect(() => mergeFields(current, [FB, IG], 4)).toThrow(
      /5 fields, the server allows 4: remove 1 of "A", "B", "C"/,
    );
  });
});

describe("describeUpdate", () => {
  it("names each change on its own line", () => {
    const lines = describeUpdate({ bot: true, note: "x", fieldsAttributes: [FB] });
    expect(lines).toEqual([
      "bot flag: set (the account is shown as automated)",
      'bio: "x"',
      "fields: Facebook = https://fb.example/form",
    ]);
  });
});
