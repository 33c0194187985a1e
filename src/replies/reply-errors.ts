import { OptoutError } from "../domain/errors.js";

/** An answer text cannot be rendered: a placeholder or a language format is missing. */
export class AnswerTemplateError extends OptoutError {}

/** The instance's character limit is too small to hold even the mention and one link. */
export class ReplyLimitError extends OptoutError {}
