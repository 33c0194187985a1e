/**
 * The learned model's feature → row index, kept as a 64-bit hash of each feature in an
 * open-addressing table rather than as a Map of strings: the feature names (10,000 to 20,000)
 * held up to a megabyte that the idle bot's memory target has little room for. Two features with
 * the same 64-bit hash are refused when the table is built (under one chance in 10^11 for the
 * shipped model); a feature the model does not know matches a known one less than once in 10^14
 * lookups.
 */
export class FeatureRows {
  readonly size: number;
  readonly #high: Uint32Array;
  readonly #low: Uint32Array;
  /** Row + 1 per slot; 0 marks an empty slot. */
  readonly #rows: Uint32Array;
  readonly #mask: number;

  /** Numbers the features in order (row 0, 1, ...); throws on a repeated feature or hash. */
  constructor(features: readonly string[]) {
    let capacity = 16;
    // At most three quarters full: linear probing stays short.
    while (capacity * 3 < features.length * 4) capacity *= 2;
    this.#high = new Uint32Array(capacity);
    this.#low = new Uint32Array(capacity);
    this.#rows = new Uint32Array(capacity);
    this.#mask = capacity - 1;
    features.forEach((feature, row) => {
      hash(feature);
      const high = hashed.high;
      const low = hashed.low;
      let slot = low & this.#mask;
      for (; this.#rows[slot] !== 0; slot = (slot + 1) & this.#mask)
        if (this.#high[slot] === high && this.#low[slot] === low)
          throw new Error(
            `feature ${JSON.stringify(feature)} is listed twice, or shares its hash with another`,
          );
      this.#high[slot] = high;
      this.#low[slot] = low;
      this.#rows[slot] = row + 1;
    });
    this.size = features.length;
  }

  /** The feature's row, or `undefined` for a feature the model does not know. */
  get(feature: string): number | undefined {
    hash(feature);
    const high = hashed.high;
    const low = hashed.low;
    for (let slot = low & this.#mask; this.#rows[slot] !== 0; slot = (slot + 1) & this.#mask)
      if (this.#high[slot] === high && this.#low[slot] === low) return this.#rows[slot]! - 1;
    return undefined;
  }
}

/** The last hash computed: two numbers, not an array allocated per lookup. */
const hashed = { high: 0, low: 0 };

/** Two 32-bit FNV-1a hashes of the UTF-16 code units, from different offsets and with a final mix. */
function hash(text: string): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  hashed.high = mix(a);
  hashed.low = mix(b ^ text.length);
}

/** A final avalanche (murmur3's), so that nearby inputs land far apart in the table. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
