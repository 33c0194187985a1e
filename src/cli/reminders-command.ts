import { parseArgs } from "node:util";
import type { Knowledge } from "../knowledge/knowledge.js";
import { isoWithOffset, shiftIsoDate, startOfLocalDay } from "../lib/calendar.js";
import type { TextOutput } from "../reminders/console-reminder-sink.js";
import { type PlannedReminder, planReminders } from "../reminders/plan-reminders.js";
import { splitGraphemes } from "../replies/count-length.js";

export const REMINDERS_HELP = `Usage: npm run cli -- reminders [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang de|en|all]

Prints the reminder plan of every campaign in config/campaign.yaml, one line per post:
the time in the campaign's zone (ISO 8601 with offset), the key, the language and the
first 80 characters of the text. Nothing is sent.

Options:
  --from DAY    first day to list, in the campaign's zone (default: the first reminder)
  --to DAY      last day to list, included (default: the last reminder)
                A date-time with an offset (2025-05-26T12:00+02:00) is taken as an exact instant.
  --lang LANG   only this language, or "all" (default)
  --help        this text`;

const EX_USAGE = 64;
const PREVIEW_LENGTH = 80;

/**
 * Runs `reminders`: writes the plan to `output`, problems with the arguments to `errors`.
 * Returns the exit code. A broken reminder text throws the planner's ConfigError.
 */
export function runRemindersCommand(
  args: readonly string[],
  knowledge: Knowledge,
  output: TextOutput,
  errors: TextOutput = process.stderr,
): number {
  let values: {
    from?: string | undefined;
    to?: string | undefined;
    lang?: string | undefined;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        lang: { type: "string", default: "all" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return usage(errors, (error as Error).message);
  }
  if (values.help) {
    output.write(`${REMINDERS_HELP}\n`);
    return 0;
  }
  const zone = knowledge.timeZone;
  const from = values.from === undefined ? new Date(-8.64e15) : parseBound(values.from, zone, 0);
  const to = values.to === undefined ? new Date(8.64e15) : parseBound(values.to, zone, 1);
  if (!from || !to)
    return usage(errors, `--from and --to take a day (YYYY-MM-DD) or a date-time with offset`);
  const lang = values.lang ?? "all";
  if (lang !== "all" && !knowledge.languages.has(lang)) {
    return usage(errors, `--lang "${lang}": expected ${[...knowledge.languages.keys(), "all"].join(", ")}`);
  }
  const plan = planReminders({ knowledge, from, to }).filter((r) => lang === "all" || r.language === lang);
  if (plan.length === 0) errors.write(noRemindersNote(knowledge, lang));
  for (const reminder of plan) output.write(`${planLine(reminder, zone)}\n`);
  return 0;
}

/** `2025-05-26T09:00+02:00  meta-ai-2025:2025-05-26:last-day-morning:de  de  Widerspruch gegen ...` */
export function planLine(reminder: PlannedReminder, timeZone: string): string {
  const flat = reminder.text.replace(/\s*\n\s*/g, " ");
  const preview = splitGraphemes(flat).slice(0, PREVIEW_LENGTH).join("").trimEnd();
  return [isoWithOffset(reminder.at, timeZone), reminder.key, reminder.language, preview].join("  ");
}

/** A day is the start of that day (or of the next, for the inclusive end); a date-time is exact. */
function parseBound(value: string, timeZone: string, dayOffset: 0 | 1): Date | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) return undefined;
    return startOfLocalDay(shiftIsoDate(value, dayOffset), timeZone);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function noRemindersNote(knowledge: Knowledge, lang: string): string {
  const posts = knowledge.campaigns.some((c) => lang === "all" || c.reminders.languages.includes(lang));
  return posts
    ? "No reminders in that time.\n"
    : `No campaign posts reminders in "${lang}" (see reminders.languages in config/campaign.yaml).\n`;
}

function usage(errors: TextOutput, message: string): number {
  errors.write(`${message}\n\n${REMINDERS_HELP}\n`);
  return EX_USAGE;
}
