import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inRecordedOrder, type RecordedProgram } from './program-order.ts';

describe('inRecordedOrder', () => {
  it('orders by start, then by when recorded, then by id; text and Date instants alike', () => {
    const programs = [
      { id: 'c', effectiveFrom: '2027-01-10T10:00:00Z', createdAt: new Date('2027-01-10T10:05:00Z') },
      { id: 'b', effectiveFrom: new Date('2027-01-10T10:00:00Z'), createdAt: '2027-01-10T10:01:00Z' },
      { id: 'a', effectiveFrom: '2027-01-10T10:00:00Z', createdAt: '2027-01-10T10:01:00Z' },
      { id: 'z', effectiveFrom: '2026-12-01T08:00:00Z' },
    ];
    expect(inRecordedOrder(programs).map((program) => program.id)).toEqual(['z', 'a', 'b', 'c']);
  });

  it('refuses a value that is not an instant', () => {
    expect(() =>
      inRecordedOrder([{ effectiveFrom: 'soon' }, { effectiveFrom: '2027-01-01T00:00:00Z' }]),
    ).toThrow(RangeError);
  });

  const program = fc.record({
    id: fc.uuid(),
    effectiveFrom: fc.integer({ min: 0, max: 5 }).map((day) => new Date(Date.UTC(2027, 0, 1 + day))),
    createdAt: fc.integer({ min: 0, max: 5 }).map((minute) => new Date(Date.UTC(2027, 0, 1, 0, minute))),
  });

  it('gives the same order whatever order the programs are listed in (the program in force never depends on it)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(program, { selector: (p) => p.id, maxLength: 12 }),
        fc.integer(),
        (programs, seed) => {
          const shuffled = [...programs].sort(
            (a, b) => ((a.id.charCodeAt(0) ^ seed) & 7) - ((b.id.charCodeAt(0) ^ seed) & 7),
          );
          expect(inRecordedOrder(shuffled)).toEqual(inRecordedOrder(programs));
        },
      ),
    );
  });

  it('never puts a later start before an earlier one, and keeps every program', () => {
    fc.assert(
      fc.property(fc.array(program, { maxLength: 12 }), (programs: RecordedProgram[]) => {
        const ordered = inRecordedOrder(programs);
        expect(ordered).toHaveLength(programs.length);
        const starts = ordered.map((entry) => new Date(entry.effectiveFrom).getTime());
        expect(starts).toEqual([...starts].sort((x, y) => x - y));
      }),
    );
  });
});
