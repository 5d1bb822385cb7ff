import { type Database } from '@pumpdesk/db';
import { createTestPumpModel } from '@pumpdesk/db/testing';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';

// What the dose-program tests (record, history, preview) set up the same way.

type Prisma = Database['prisma'];

/** An adult with spinal-origin spasticity on 300 mcg/day at 500 mcg/mL, refilled to 20 mL 10 days ago. */
export const createPumpOnMaintenance = (prisma: Prisma) =>
  createPatientOnMaintenance(prisma, { refillDaysAgo: 10 });

/** A simple continuous program at 500 mcg/mL; `extra` changes or adds fields. */
export const simpleProgram = (dose: number, extra: Record<string, unknown> = {}) => ({
  concentrationMcgPerMl: 500,
  mode: 'simple_continuous',
  continuousDoseMcgPerDay: dose,
  reason: 'Spasms at night',
  ...extra,
});

/** An earlier pump of the patient, explanted (battery) in 2023: it takes no new program or refill. */
export async function createExplantedPump(prisma: Prisma, patientId: string, serialNumber: string) {
  const model = await createTestPumpModel(prisma, 20);
  return prisma.pump.create({
    data: {
      patientId,
      modelId: model.id,
      serialNumber,
      implantDate: new Date('2018-01-01T00:00:00Z'),
      explantDate: new Date('2023-01-01T00:00:00Z'),
      explantReason: 'battery_end_of_life',
      status: 'explanted',
    },
  });
}
