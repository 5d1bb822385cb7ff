/** A dose program record as far as its order goes: when it took effect, when it was recorded, its id. */
export interface RecordedProgram {
  effectiveFrom: Date | string;
  /** Breaks ties between programs with the same `effectiveFrom` (uuid v7 ids are time-ordered too). */
  createdAt?: Date | string | undefined;
  id?: string | undefined;
}

function instantMs(value: Date | string): number {
  const ms = value instanceof Date ? value.getTime() : new Date(value).getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${String(value)}`);
  return ms;
}

/**
 * Programs in the order they took effect, and those with the same `effectiveFrom` in the order they were
 * recorded (then by id): the engine takes the last of equal start times as the one in force, so neither
 * the database's row order nor an API's newest-first listing may decide which program a pump is
 * projected with. The API (packages/db) and the browser's live previews both call this.
 */
export function inRecordedOrder<T extends RecordedProgram>(programs: readonly T[]): T[] {
  const key = (program: T): [number, number] => [
    instantMs(program.effectiveFrom),
    program.createdAt === undefined ? 0 : instantMs(program.createdAt),
  ];
  return [...programs].sort((a, b) => {
    const [aFrom, aCreated] = key(a);
    const [bFrom, bCreated] = key(b);
    return aFrom - bFrom || aCreated - bCreated || (a.id ?? '').localeCompare(b.id ?? '');
  });
}
