import { type Database, refreshPumpSchedules } from '@pumpdesk/db';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
  createTestUser,
} from '@pumpdesk/db/testing';

export const DAY_MS = 86_400_000;

/**
 * The domain doc's second worked example, placed relative to now: a patient with a 20 mL pump on
 * 300 mcg/day at 500 mcg/mL (programmed 200 days ago), refilled to 20 mL `refillDaysAgo` days ago, so
 * the 2 mL alarm comes 30 days after the refill. Every row is the test's own (a new site).
 */
export async function createPatientOnMaintenance(
  prisma: Database['prisma'],
  options: { refillDaysAgo: number; highRisk?: boolean; timeZone?: string },
) {
  const site = await createTestSite(prisma, { timeZone: options.timeZone ?? 'Europe/London' });
  const physician = await createTestUser(prisma, [site.id], { name: 'Dr Rosa Lind' });
  const nurse = await createTestUser(prisma, [site.id], { role: 'nurse' });
  const model = await createTestPumpModel(prisma, 20);
  const patient = await createTestPatient(prisma, {
    siteId: site.id,
    responsiblePhysicianId: physician.id,
    highRisk: options.highRisk ?? false,
  });
  const pump = await createTestPump(prisma, {
    patientId: patient.id,
    modelId: model.id,
    implantDate: '2025-06-02',
  });
  const now = Date.now();
  await createTestSimpleProgram(prisma, {
    pumpId: pump.id,
    programmedById: physician.id,
    effectiveFrom: new Date(now - 200 * DAY_MS),
    doseMcgPerDay: 300,
    concentrationMcgPerMl: 500,
  });
  const refillAt = new Date(now - options.refillDaysAgo * DAY_MS);
  await createTestRefill(prisma, {
    pumpId: pump.id,
    performedById: nurse.id,
    performedAt: refillAt,
    volumeAfterMl: 20,
    concentrationMcgPerMl: 500,
  });
  // The factories write rows directly; the worklist table follows them as it follows every API write.
  await refreshPumpSchedules(prisma, [patient.id]);
  return { site, physician, nurse, model, patient, pump, refillAt, now };
}
