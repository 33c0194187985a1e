/**
 * Numeric string ids from growing sequences. Each sequence starts just below a power of ten so that
 * ids change length during a test: code that orders ids as plain strings ("99" > "100") breaks.
 */
export class IdSequence {
  private next: bigint;

  constructor(start: bigint | number | string) {
    this.next = BigInt(start);
  }

  take(): string {
    const id = this.next;
    this.next += 1n;
    return id.toString();
  }
}

/** Numeric order of two id strings (negative when `a` is older). Non-numeric ids sort first. */
export function compareIds(a: string, b: string): number {
  const x = toBigInt(a);
  const y = toBigInt(b);
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function toBigInt(id: string): bigint | undefined {
  return /^\d+$/.test(id) ? BigInt(id) : undefined;
}

/** Default first ids: statuses cross 10^17, notifications 10^4, accounts 10^3 after ten items. */
export const DEFAULT_ID_STARTS = {
  status: "99999999999999990",
  notification: "9990",
  account: "990",
} as const;
