import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database } from './database-factory.ts';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestSite,
  createTestUser,
} from './testing/clinic-factories.ts';
import { createTestDatabase } from './testing/test-database.ts';

// The database itself refuses physically impossible values and changes to append-only history, so
// no code path can store them. Each case builds its own rows and expects the database to say no.
describe('database constraints', () => {
  let db: Database;
  let fixture: { patientId: string; pumpId: string; userId: string; siteId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    const site = await createTestSite(db.prisma);
    const user = await createTestUser(db.prisma, [site.id]);
    const patient = await createTestPatient(db.prisma, { siteId: site.id });
    const model = await createTestPumpModel(db.prisma, 20);
    const pump = await createTestPump(db.prisma, { patientId: patient.id, modelId: model.id });
    fixture = { patientId: patient.id, pumpId: pump.id, userId: user.id, siteId: site.id };
  });
  afterAll(async () => {
    await db.close();
  });

  const program = (overrides: Record<string, unknown> = {}) => ({
    pumpId: fixture.pumpId,
    effectiveFrom: new Date('2026-01-10T10:00:00Z'),
    concentrationMcgPerMl: 500,
    mode: 'simple_continuous' as const,
    continuousDoseMcgPerDay: 300,
    dailyDoseMcg: 300,
    programmedById: fixture.userId,
    reason: 'Initial program',
    ...overrides,
  });

  const refill = (overrides: Record<string, unknown> = {}) => ({
    pumpId: fixture.pumpId,
    performedAt: new Date('2026-02-01T10:00:00Z'),
    performedById: fixture.userId,
    location: 'clinic' as const,
    expectedResidualMl: 3,
    withdrawnVolumeMl: 3,
    concentrationMcgPerMl: 500,
    volumeFilledMl: 20,
    reservoirVolumeAfterMl: 20,
    ...overrides,
  });

  it('accepts a valid program and refill', async () => {
    await db.prisma.doseProgram.create({ data: program() });
    await db.prisma.refill.create({ data: refill() });
  });

  it.each([
    ['a zero concentration', { concentrationMcgPerMl: 0, continuousDoseMcgPerDay: 300 }],
    ['a negative daily dose', { dailyDoseMcg: -1 }],
    ['a continuous program without its dose', { continuousDoseMcgPerDay: null }],
    ['half the patient-bolus settings', { ptmBolusDoseMcg: 25 }],
    ['a titration override without a reason', { titrationOverride: true }],
  ])('refuses a dose program with %s', async (_case, overrides) => {
    await expect(db.prisma.doseProgram.create({ data: program(overrides) })).rejects.toThrow();
  });

  it('refuses a refill above the reservoir of the pump model', async () => {
    await expect(db.prisma.refill.create({ data: refill({ reservoirVolumeAfterMl: 20.5 }) })).rejects.toThrow(
      /reservoir/,
    );
  });

  it('refuses negative volumes', async () => {
    await expect(db.prisma.refill.create({ data: refill({ withdrawnVolumeMl: -0.5 }) })).rejects.toThrow();
  });

  it('keeps dose programs append-only', async () => {
    const created = await db.prisma.doseProgram.create({
      data: program({ effectiveFrom: new Date('2026-03-01T09:00:00Z') }),
    });
    await expect(
      db.prisma.doseProgram.update({ where: { id: created.id }, data: { reason: 'rewritten' } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.doseProgram.delete({ where: { id: created.id } })).rejects.toThrow(/append-only/);
  });

  it('keeps audit events append-only', async () => {
    const event = await db.prisma.auditEvent.create({
      data: {
        action: 'patient.read',
        entityType: 'patient',
        entityId: fixture.patientId,
        outcome: 'success',
      },
    });
    await expect(
      db.prisma.auditEvent.update({ where: { id: event.id }, data: { outcome: 'failure' } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
  });

  it('allows at most one implanted pump per patient', async () => {
    const model = await createTestPumpModel(db.prisma, 40);
    await expect(
      createTestPump(db.prisma, { patientId: fixture.patientId, modelId: model.id }),
    ).rejects.toThrow();
  });

  it.each([
    ['a Penn severity with frequency 0', { pennFrequency: 0, pennSeverity: 2 }],
    ['a Penn frequency of 5', { pennFrequency: 5, pennSeverity: 1 }],
    ['a Penn frequency without severity', { pennFrequency: 2, pennSeverity: null }],
  ])('refuses a visit with %s', async (_case, scores) => {
    await expect(
      db.prisma.followUpVisit.create({
        data: {
          patientId: fixture.patientId,
          visitDate: new Date('2026-02-01'),
          type: 'review',
          clinicianId: fixture.userId,
          ...scores,
        },
      }),
    ).rejects.toThrow();
  });

  it('refuses an injury level that is not a spinal level, and one on a non-SCI diagnosis', async () => {
    await expect(
      db.prisma.patient.update({
        where: { id: fixture.patientId },
        data: { diagnosis: 'spinal_cord_injury', injuryLevel: 'T13' },
      }),
    ).rejects.toThrow();
    await expect(
      db.prisma.patient.update({
        where: { id: fixture.patientId },
        data: { diagnosis: 'stroke', injuryLevel: 'T4' },
      }),
    ).rejects.toThrow();
    await db.prisma.patient.update({
      where: { id: fixture.patientId },
      data: { diagnosis: 'spinal_cord_injury', injuryLevel: 'T4' },
    });
  });

  it('refuses an explant date before the implant date', async () => {
    await expect(
      db.prisma.pump.update({
        where: { id: fixture.pumpId },
        data: { status: 'explanted', explantDate: new Date('2020-01-01'), explantReason: 'infection' },
      }),
    ).rejects.toThrow();
  });
});
