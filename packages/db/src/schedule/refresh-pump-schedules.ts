import { type Prisma } from '../generated/prisma/client.ts';

/**
 * Recomputes the worklist row (pump_schedules) of each of these patients from their records, inside
 * the caller's transaction: every clinical write that can move a date (refill, program, pump,
 * interrogation, visit, appointment, patient risk flags, soft delete) calls it after writing.
 */
export async function refreshPumpSchedules(
  _tx: Prisma.TransactionClient,
  _patientIds: readonly string[],
): Promise<void> {
  // Implemented with the pump_schedules table (in progress in this session).
}
