import type { Language } from "../domain/language.js";
import type { Campaign } from "./campaign-schema.js";
import type { LanguageFile } from "./language-schema.js";
import type { RulesFile } from "./rules-schema.js";

/** Everything the bot knows, loaded and validated from `config/`. Plain data. */
export interface Knowledge {
  /** Zone in which deadlines and reminder times are calendar days and clock times. */
  readonly timeZone: string;
  /** The first campaign is the one questions are answered about. */
  readonly campaigns: readonly Campaign[];
  readonly languages: ReadonlyMap<Language, LanguageFile>;
  readonly rules: RulesFile;
}

export function primaryCampaign(knowledge: Knowledge): Campaign {
  const first = knowledge.campaigns[0];
  if (!first) throw new RangeError("The knowledge base has no campaign.");
  return first;
}
