import { INTENTS, type Intent } from "../domain/intent.js";
import type { Rule, RulesFile } from "../knowledge/rules-schema.js";

/** A rule's terms split into the concepts it needs and those it forbids ("not x"). */
export interface SplitRule {
  readonly needs: readonly string[];
  readonly forbids: readonly string[];
}

/** A section of rules (`intents`, `fallbacks`) in the order of INTENTS, each rule split. */
export type RuleSection = readonly (readonly [Intent, readonly SplitRule[]])[];

/** A note of the rules file, its rules split. */
export interface CompiledNote {
  readonly name: string;
  readonly with: readonly Intent[];
  readonly rules: readonly SplitRule[];
}

/** The rules file's rules as the matcher checks them: split once, at start-up. */
export interface CompiledRules {
  readonly intents: RuleSection;
  readonly fallbacks: RuleSection;
  readonly notes: readonly CompiledNote[];
}

export function compileRules(rules: RulesFile): CompiledRules {
  return {
    intents: section(rules.intents),
    fallbacks: section(rules.fallbacks),
    notes: Object.entries(rules.notes).map(([name, note]) => ({
      name,
      with: note.with,
      rules: note.rules.map(splitRule),
    })),
  };
}

function section(rules: Partial<Record<Intent, Rule[]>>): RuleSection {
  return INTENTS.flatMap((id) => {
    const list = rules[id];
    return list === undefined ? [] : [[id, list.map(splitRule)] as const];
  });
}

function splitRule(rule: Rule): SplitRule {
  return {
    needs: rule.filter((t) => !t.startsWith("not ")),
    forbids: rule.filter((t) => t.startsWith("not ")).map((t) => t.slice(4)),
  };
}

/** Does the rule hold for the concepts present? Loops, not every/some: about 250 rules per mention. */
export function holds({ needs, forbids }: SplitRule, present: ReadonlySet<string>): boolean {
  for (const c of needs) if (!present.has(c)) return false;
  for (const c of forbids) if (present.has(c)) return false;
  return true;
}

/** The intents of a section that have a rule that holds. */
export function intentsByRules(section: RuleSection, present: ReadonlySet<string>): Set<Intent> {
  const found = new Set<Intent>();
  for (const [id, rules] of section)
    for (const rule of rules)
      if (holds(rule, present)) {
        found.add(id);
        break;
      }
  return found;
}
