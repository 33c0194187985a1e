import { describe, expect, it } from "vitest";
import { refuseSealed } from "../../scripts/learn/labelled-files.js";

describe("which labelled sets may be learned from", () => {
  it("refuses a sealed set, but not one opened after its first scores, nor a learn set", () => {
    expect(() => refuseSealed("eval/sealed-al.jsonl")).toThrow(/sealed set: never train or tune on it/);
    expect(() => refuseSealed("eval/sealed-ai.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-ak.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-am.jsonl")).toThrow(/sealed set/);
    expect(() => refuseSealed("eval/sealed-an.jsonl")).toThrow(/sealed set/);
    expect(() => refuseSealed("eval/sealed-ao.jsonl")).toThrow(/sealed set/);
    expect(() => refuseSealed("eval/sealed-af.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-ah.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-y.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-ae.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-q.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-x.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-p.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-n.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-sealed-u.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-m.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-sealed-q.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-l.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-sealed-o.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-j.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-sealed-m.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-h.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-sealed-k.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-sealed-h.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/sealed-a.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-sealed-b.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-sealed-f.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/learn.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/learn-b.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-learn-b.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-learn-c.jsonl")).not.toThrow();
    expect(() => refuseSealed("eval/eu-learn-e.jsonl")).not.toThrow();
  });
});
