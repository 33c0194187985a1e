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

/** The field listing the answer languages, named in the bio's two languages. */
export const LANGUAGES_FIELD_NAME = "Sprachen · Languages";

/**
 * The bot's bio and fields from the knowledge base: the `profile.bio` of the campaign's languages
 * (campaign.yaml `languages`), then English, separated by a blank line (nine bios would not fit);
 * the primary campaign's two forms and the languages the bot answers in as fields. Throws a
 * ConfigError when no language has a bio or a limit is exceeded.
 */
export function buildDesiredProfile(
  knowledge: Knowledge,
  limits: ProfileLimits = DEFAULT_PROFILE_LIMITS,
  languageDir = "config/lang",
): DesiredProfile {
  const bioLanguages = new Set([...primaryCampaign(knowledge).reminders.languages, DEFAULT_LANGUAGE]);
  const bios = [...bioLanguages].flatMap((code) => {
    const bio = knowledge.languages.get(code)?.profile?.bio.trim();
    return bio === undefined ? [] : [bio];
  });
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
    { name: LANGUAGES_FIELD_NAME, value: answerLanguageNames(knowledge) },
  ];
  for (const field of fields) {
    if (countGraphemes(field.value) > limits.fieldValueLength) {
      problems.push(
        field.name === LANGUAGES_FIELD_NAME
          ? `${languageDir}/*.yaml: the list of languages ("${field.value}") is longer than the ${limits.fieldValueLength} characters a profile field may hold`
          : `campaign forms.${field.name.toLowerCase()}: the link is longer than the ${limits.fieldValueLength} characters a profile field may hold`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { bot: true, note, fields };
}

/** "Deutsch, English, français, …": each language in its own words, the campaign's first. */
export function answerLanguageNames(knowledge: Knowledge): string {
  const first = primaryCampaign(knowledge).reminders.languages;
  const codes = [...knowledge.languages.keys()].sort(
    (a, b) => rank(first, a) - rank(first, b) || a.localeCompare(b),
  );
  return codes.map((code) => knowledge.languages.get(code)?.name ?? ownName(code)).join(", ");
}

function rank(first: readonly string[], code: string): number {
  const i = first.indexOf(code);
  return i === -1 ? first.length + (code === DEFAULT_LANGUAGE ? 0 : 1) : i;
}

/** Intl knows the languages' own names ("polski", "svenska"); an unknown code stays a code. */
function ownName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: "language", fallback: "code" }).of(code) ?? code;
  } catch {
    return code;
  }
}
