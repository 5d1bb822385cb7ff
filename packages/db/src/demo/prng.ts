/**
 * A small seeded random generator (sfc32) so the demo clinic is the same for the same seed on
 * every machine. Never Math.random: a demo that changes each run cannot be described in a note or a
 * test.
 */
export class Prng {
  // sfc32: 128 bits of state, so the streams of thousands of patients never run into each other
  // (a 32-bit generator's streams overlap, and ids drawn from them collide at a few thousand patients).
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    private readonly seed: number,
    salt = 0,
  ) {
    this.a = fmix32(seed ^ 0x9e3779b9);
    this.b = fmix32(salt + 0x85ebca6b);
    this.c = fmix32(fmix32(seed) ^ fmix32(salt ^ 0xc2b2ae35));
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = choices.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /**
   * An independent generator for one patient, from the seed and the salt alone (not from how far this
   * generator has run): the same patient whatever the clinic size.
   */
  fork(salt: number): Prng {
    return new Prng(this.seed, salt);
  }
}

/** MurmurHash3's finaliser: spreads every input bit over the output. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
