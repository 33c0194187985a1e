import { ConfigError } from "../domain/errors.js";
import { DEFAULT_LANGUAGE } from "../domain/language.js";
import { type Knowledge, primaryCampaign } from "../knowledge/knowledge.js";
import { countGraphemes } from "../replies/count-length.js";

/** One profile field as the API's `source.fields` and `fields_attributes` carry it: plain text. */
export interface ProfileField {
  readonly name: string;
  readonly value: string;
}

/** What the server allows on a profile (v2 instance `configuration.accounts`, Mastodon 4.6+). */
export interface ProfileLimits {
  /** @default 500 */
  readonly maxNoteLength: number;
  /** @default 4 */
  readonly maxFields: number;
  /** @default 255 */
  readonly fieldNameLength: number;
  /** @default 255 */
  readonly fieldValueLength: number;
}

/** Older servers do not report their limits; these are Mastodon's (API notes §6). */
export const DEFAULT_PROFILE_LIMITS: ProfileLimits = {
  maxNoteLength: 500,
  maxFields: 4,
  fieldNameLength: 255,
  fieldValueLength: 255,
};

/** The profile setup-profile maintains. */
export interface DesiredProfile {
  readonly bot: true;
  /** Plain text; the server turns it into HTML. */
  readonly note: string;
  /** The fields the bot owns (the form links); other fields on the account are left alone. */
  readonly fields: readonly ProfileField[];
}

/** Field names are the platform names: the same in every language, so no translation is needed. */
export const FORM_FIELD_NAMES = { facebook: "Facebook", instagram: "Instagram" } as const;

/**
 * The bot's bio and form-link fields from the knowledge base: each language's `profile.bio`,
 * German first, then the others in file order, separated by a blank line; the primary campaign's
 * two forms as fields. Throws a ConfigError when no language has a bio or a limit is exceeded.
 */
export function buildDesiredProfile(
  knowledge: Knowledge,
  limits: ProfileLimits = DEFAULT_PROFILE_LIMITS,
  languageDir = "config/lang",
): DesiredProfile {
  const bios = [...knowledge.languages.entries()]
    .sort(([a], [b]) => Number(b === DEFAULT_LANGUAGE) - Number(a === DEFAULT_LANGUAGE))
    .flatMap(([, file]) => (file.profile ? [file.profile.bio.trim()] : []));
  const problems: string[] = [];
  if (bios.length === 0) problems.push(`${languageDir}/*.yaml: profile.bio: no language file has a bio`);
  const note = bios.join("\n\n");
  const noteLength = countGraphemes(note);
  if (noteLength > limits.maxNoteLength) {
    problems.push(
      `${languageDir}/*.yaml: profile.bio: the bios together have ${noteLength} characters, the server allows ${limits.maxNoteLength}; shorten them`,
    );
  }
  const { forms } = primaryCampaign(knowledge);
  const fields: ProfileField[] = [
    { name: FORM_FIELD_NAMES.facebook, value: forms.facebook },
    { name: FORM_FIELD_NAMES.instagram, value: forms.instagram },
  ];
  for (const field of fields) {
    if (countGraphemes(field.value) > limits.fieldValueLength) {
      problems.push(
        `campaign forms.${field.name.toLowerCase()}: the link is longer than the ${limits.fieldValueLength} characters a profile field may hold`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { bot: true, note, fields };
}
