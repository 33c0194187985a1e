/**
 * A language code of a knowledge file (`de`, `en`, ...). Adding a language is adding a file,
 * so this is a string checked against the loaded knowledge, not a closed union.
 */
export type Language = string;

/** The language used when the text does not say otherwise. */
export const DEFAULT_LANGUAGE: Language = "de";
