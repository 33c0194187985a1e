import * as z from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day as HH:MM");
const httpsUrl = z.url({ protocol: /^https$/, error: "expected an https:// URL" });

export const reminderScheduleSchema = z.strictObject({
  /** Days before the deadline on which a reminder is posted; 0 is the last day itself. */
  daysBefore: z.array(z.int().min(0).max(365)).default([14, 7, 3, 2, 1, 0]),
  time: clockTime.default("09:00"),
  /** An extra post in the evening of the last day; null for none. */
  lastDayEvening: clockTime.nullable().default("18:00"),
  visibility: z.enum(["public", "unlisted"]).default("unlisted"),
  languages: z.array(z.string().min(2)).min(1).default(["de"]),
});

export const campaignSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected lowercase letters, digits and dashes"),
  /** Name per language, used when a reminder names its campaign. */
  name: z.record(z.string(), z.string().min(1)),
  /** Last day on which an objection can be filed, in the campaign's time zone. */
  deadline: isoDate,
  /** First day on which Meta uses the data. */
  usageStarts: isoDate,
  forms: z.strictObject({ facebook: httpsUrl, instagram: httpsUrl }),
  hashtags: z.array(z.string().regex(/^[\p{L}\p{N}_]+$/u, "a hashtag without '#'")).default([]),
  reminders: reminderScheduleSchema.prefault({}),
});

export const campaignFileSchema = z.strictObject({
  timeZone: z.string().default("Europe/Berlin"),
  campaigns: z.array(campaignSchema).min(1, "at least one campaign is needed"),
});

export type Campaign = z.infer<typeof campaignSchema>;
export type CampaignFile = z.infer<typeof campaignFileSchema>;
export type ReminderSchedule = z.infer<typeof reminderScheduleSchema>;
