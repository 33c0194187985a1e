import { z } from "zod";
import { INTENTS } from "../domain/intent.js";

/** A rule holds when every concept it lists occurs in the mention. */
const rule = z.array(z.string().min(1)).min(1);

export const rulesFileSchema = z.strictObject({
  intents: z.strictObject(
    Object.fromEntries(INTENTS.map((id) => [id, z.array(rule).min(1)])) as Record<
      (typeof INTENTS)[number],
      z.ZodArray<typeof rule>
    >,
  ),
});

export type RulesFile = z.infer<typeof rulesFileSchema>;
