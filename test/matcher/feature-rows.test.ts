import { describe, expect, it } from "vitest";
import { FeatureRows } from "../../src/matcher/feature-rows.js";

describe("the model's feature index", () => {
  it("numbers the features in order and knows no other", () => {
    const features = Array.from({ length: 5000 }, (_, i) => `c: w${i}`);
    const rows = new FeatureRows([...features, "w:facebook", "b:wo ist", "k:deadline", "w:ä", ""]);
    expect(rows.size).toBe(5005);
    expect(features.map((f) => rows.get(f))).toEqual(features.map((_, i) => i));
    expect(rows.get("w:facebook")).toBe(5000);
    expect(rows.get("b:wo ist")).toBe(5001);
    expect(rows.get("k:deadline")).toBe(5002);
    expect(rows.get("w:ä")).toBe(5003);
    expect(rows.get("")).toBe(5004);
    for (const unknown of ["w:instagram", "w:a", "c: w5000", "w:facebook ", "W:facebook", "b:ist wo"])
      expect(rows.get(unknown)).toBeUndefined();
  });

  it("refuses a feature listed twice", () => {
    expect(() => new FeatureRows(["w:a", "w:b", "w:a"])).toThrow(/"w:a" is listed twice/);
  });

  it("works empty, and full to three quarters", () => {
    expect(new FeatureRows([]).get("w:a")).toBeUndefined();
    const twelve = Array.from({ length: 12 }, (_, i) => `w:${i}`);
    const rows = new FeatureRows(twelve);
    expect(twelve.map((f) => rows.get(f))).toEqual(twelve.map((_, i) => i));
    expect(rows.get("w:12")).toBeUndefined();
  });
});
