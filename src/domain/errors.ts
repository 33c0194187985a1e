/** Base class of the bot's own errors: a message a person can act on, and the original cause. */
export class OptoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Exit code for a configuration error (sysexits.h EX_CONFIG), so supervisors can tell it from a crash. */
export const EX_CONFIG = 78;

/** A knowledge, campaign or environment setting is missing or malformed. */
export class ConfigError extends OptoutError {
  /** Every problem found, one line each, naming the file or variable and what is expected. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[], options?: { cause?: unknown }) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`, options);
    this.problems = problems;
  }
}
