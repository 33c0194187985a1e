/**
 * A language code of a knowledge file (`de`, `en`, ...). Adding a language is adding a file,
 * so this is a string checked against the loaded knowledge, not a closed union.
 */
export type Language = string;

/**
 * The answer language for a question in a language without a knowledge file, or of unknown
 * language: English, the most widely read second language in Europe.
 */
export const DEFAULT_LANGUAGE: Language = "en";
