import { pino } from "pino";
import type { Campaign } from "../../src/knowledge/campaign-schema.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { realKnowledge } from "../support/knowledge.js";

/** The real knowledge with its first campaign changed, or with extra campaigns after it. */
export function knowledgeWith(
  change: Partial<Omit<Campaign, "reminders">> & { reminders?: Partial<Campaign["reminders"]> } = {},
  extra: readonly Campaign[] = [],
): Knowledge {
  const base = realKnowledge();
  const first = base.campaigns[0]!;
  const campaign: Campaign = { ...first, ...change, reminders: { ...first.reminders, ...change.reminders } };
  return { ...base, campaigns: [campaign, ...extra] };
}

/** A second campaign with its own id, deadline and links. */
export function otherCampaign(change: Partial<Campaign> = {}): Campaign {
  const first = realKnowledge().campaigns[0]!;
  return {
    ...first,
    id: "other-2025",
    name: { de: "Zweite Kampagne", en: "Second campaign" },
    deadline: "2025-06-30",
    usageStarts: "2025-07-01",
    forms: { facebook: "https://facebook.example/form-2", instagram: "https://instagram.example/form-2" },
    hashtags: ["Zwei"],
    ...change,
  };
}

/** Log lines as parsed JSON objects, from a real pino logger. */
export function recordingLogger(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

/** A Berlin wall-clock time in May 2025 (CEST, +02:00). */
export function berlin(isoLocal: string): Date {
  return new Date(`${isoLocal}+02:00`);
}
