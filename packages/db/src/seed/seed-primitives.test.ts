import { describe, expect, it } from 'vitest';
import { seededUuidV7 } from './ids.ts';
import { mrnFor } from './patient-profile.ts';
import { mixSeed, Prng } from './prng.ts';

describe('Prng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const prng = new Prng(seed);
      return Array.from({ length: 5 }, () => prng.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    const a = new Prng(1);
    const b = new Prng(2);
    expect(a.nextUint32()).not.toBe(b.nextUint32());
  });

  it('draws integers inside the range, both ends reachable', () => {
    const random = new Prng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(random.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('gives each patient index its own seed', () => {
    const seeds = new Set(Array.from({ length: 100_000 }, (_, i) => mixSeed(20261125, i)));
    expect(seeds.size).toBe(100_000);
  });
});

describe('ids and record numbers', () => {
  it('makes UUIDv7 ids that carry the instant', () => {
    const at = Date.UTC(2026, 10, 25, 9, 30);
    const id = seededUuidV7(at, new Prng(1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('gives 100,000 patients distinct PD + 6-digit MRNs', () => {
    const mrns = new Set(Array.from({ length: 100_000 }, (_, i) => mrnFor(20261125, i)));
    expect(mrns.size).toBe(100_000);
    for (const mrn of [...mrns].slice(0, 1000)) expect(mrn).toMatch(/^PD\d{6}$/);
  });
});
