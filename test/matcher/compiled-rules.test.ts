import { describe, expect, it } from "vitest";
import { INTENTS } from "../../src/domain/intent.js";
import { compileRules, holds, intentsByRules } from "../../src/matcher/compiled-rules.js";
import { realKnowledge } from "../support/knowledge.js";

describe("compiled rules", () => {
  const rules = compileRules(realKnowledge().rules);

  it("splits a rule into what it needs and what it forbids", () => {
    const [rule] = compileRules({
      ...realKnowledge().rules,
      intents: { ...realKnowledge().rules.intents, deadline: [["month", "object", "not collect"]] },
    }).intents.find(([id]) => id === "deadline")![1];
    expect(rule).toEqual({ needs: ["month", "object"], forbids: ["collect"] });
    expect(holds(rule!, new Set(["month", "object"]))).toBe(true);
    expect(holds(rule!, new Set(["month", "object", "collect"]))).toBe(false);
    expect(holds(rule!, new Set(["month"]))).toBe(false);
  });

  it("keeps the intents in their fixed order and names every note", () => {
    expect(rules.intents.map(([id]) => id)).toEqual([...INTENTS]);
    expect(rules.notes.map((n) => n.name)).toEqual(Object.keys(realKnowledge().rules.notes));
    expect(intentsByRules(rules.intents, new Set(["status_strong", "question"]))).toContain("status_post");
  });
});
