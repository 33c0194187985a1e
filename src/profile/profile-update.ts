import { OptoutError } from "../domain/errors.js";
import type { DesiredProfile, ProfileField } from "./desired-profile.js";

/** The account as verify_credentials shows it: `bot`, `source.note`, `source.fields` (plain text). */
export interface CurrentProfile {
  readonly bot: boolean;
  readonly note: string;
  readonly fields: readonly ProfileField[];
}

/**
 * Only what differs. Keys that need no change are absent, never undefined: masto's multipart
 * would send them as the text "undefined" (API notes §1). `fieldsAttributes` is the complete list,
 * because the server replaces all fields with what it is sent (§9).
 */
export interface ProfileUpdate {
  readonly bot?: true;
  readonly note?: string;
  readonly fieldsAttributes?: readonly ProfileField[];
}

/** The account has so many fields of its own that the form links do not fit. */
export class ProfileFieldsError extends OptoutError {}

export function planProfileUpdate(
  current: CurrentProfile,
  desired: DesiredProfile,
  maxFields: number,
): ProfileUpdate {
  const fields = mergeFields(current.fields, desired.fields, maxFields);
  return {
    ...(current.bot ? {} : { bot: true as const }),
    ...(sameNote(current.note, desired.note) ? {} : { note: desired.note }),
    ...(sameFields(current.fields, fields) ? {} : { fieldsAttributes: fields }),
  };
}

export function isEmptyUpdate(update: ProfileUpdate): boolean {
  return update.bot === undefined && update.note === undefined && update.fieldsAttributes === undefined;
}

/**
 * The account's fields with ours put in: a field with one of our names (any case) takes our
 * value in its place, a repeated one is dropped, a missing one is appended. Fields the operator
 * added under other names stay where they are.
 */
export function mergeFields(
  current: readonly ProfileField[],
  ours: readonly ProfileField[],
  maxFields: number,
): ProfileField[] {
  const key = (name: string) => name.trim().toLowerCase();
  const byName = new Map(ours.map((f) => [key(f.name), f]));
  const placed = new Set<string>();
  const merged: ProfileField[] = [];
  for (const field of current) {
    const mine = byName.get(key(field.name));
    if (!mine) merged.push({ name: field.name, value: field.value });
    else if (!placed.has(key(mine.name))) {
      merged.push(mine);
      placed.add(key(mine.name));
    }
  }
  merged.push(...ours.filter((f) => !placed.has(key(f.name))));
  if (merged.length > maxFields) {
    const others = merged.filter((f) => !byName.has(key(f.name))).map((f) => `"${f.name}"`);
    throw new ProfileFieldsError(
      `The profile would need ${merged.length} fields, the server allows ${maxFields}: remove ${merged.length - maxFields} of ${others.join(", ")} in the account's profile settings, then run setup-profile again.`,
    );
  }
  return merged;
}

/** The server may turn line endings into \n and trim: such a note is not a change. */
function sameNote(a: string, b: string): boolean {
  const normal = (s: string) => s.replace(/\r\n?/g, "\n").trim();
  return normal(a) === normal(b);
}

function sameFields(a: readonly ProfileField[], b: readonly ProfileField[]): boolean {
  return (
    a.length === b.length &&
    a.every((f, i) => f.name.trim() === b[i]?.name.trim() && f.value.trim() === b[i]?.value.trim())
  );
}

/** One line per change, for the operator. */
export function describeUpdate(update: ProfileUpdate): string[] {
  const lines: string[] = [];
  if (update.bot) lines.push("bot flag: set (the account is shown as automated)");
  if (update.note !== undefined) lines.push(`bio: ${JSON.stringify(update.note)}`);
  if (update.fieldsAttributes) {
    const list = update.fieldsAttributes.map((f) => `${f.name} = ${f.value}`).join("; ");
    lines.push(`fields: ${list}`);
  }
  return lines;
}
