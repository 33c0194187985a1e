/** Lines for the operator: ✓ fine, ✗ must be fixed, ! worth a look, indented for plain facts. */
export class CheckReport {
  private failures = 0;
  private warnings = 0;
  constructor(private readonly write: (line: string) => void) {}

  section(title: string): void {
    this.write("");
    this.write(title);
  }

  ok(text: string): void {
    this.write(`✓ ${text}`);
  }

  fail(text: string): void {
    this.failures++;
    this.write(`✗ ${text}`);
  }

  warn(text: string): void {
    this.warnings++;
    this.write(`! ${text}`);
  }

  info(text: string): void {
    this.write(`  ${text}`);
  }

  /** Number of ✗ lines so far. */
  get failed(): number {
    return this.failures;
  }

  /** Number of ! lines so far. */
  get warned(): number {
    return this.warnings;
  }
}
