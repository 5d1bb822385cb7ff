import { randomUUID } from 'node:crypto';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';

// Builders for the rows a test needs. Every value that must be unique is random, so tests never
// collide with each other or with demo data, whatever order they run in.

const unique = (): string => randomUUID().slice(0, 8);
const day = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);

export async function createTestSite(prisma: PrismaClient, overrides: Partial<Prisma.SiteCreateInput> = {}) {
  return prisma.site.create({
    data: { name: `Test site ${unique()}`, timeZone: 'Europe/London', ...overrides },
  });
}

export async function createTestUser(
  prisma: PrismaClient,
  siteIds: readonly string[],
  overrides: Partial<Omit<Prisma.UserCreateInput, 'sites'>> = {},
) {
  return prisma.user.create({
    data: {
      name: `Dr Test ${unique()}`,
      email: `user-${unique()}@example.org`,
      role: 'physician',
      ...overrides,
      sites: { create: siteIds.map((siteId) => ({ siteId })) },
    },
  });
}

export interface TestPatientInput {
  siteId: string;
  givenName?: string;
  familyName?: string;
  mrn?: string;
  dateOfBirth?: string;
  status?: Prisma.PatientCreateManyInput['status'];
  diagnosis?: Prisma.PatientCreateManyInput['diagnosis'];
  responsiblePhysicianId?: string | null;
  highRisk?: boolean;
  deletedAt?: Date | null;
}

export async function createTestPatient(prisma: PrismaClient, input: TestPatientInput) {
  return prisma.patient.create({
    data: {
      siteId: input.siteId,
      mrn: input.mrn ?? `T${unique()}`,
      givenName: input.givenName ?? 'Alex',
      familyName: input.familyName ?? `Testpatient${unique()}`,
      dateOfBirth: day(input.dateOfBirth ?? '1970-01-01'),
      sex: 'unknown',
      diagnosis: input.diagnosis ?? 'multiple_sclerosis',
      spasticityOrigin: input.diagnosis === 'cerebral_palsy' ? 'cerebral' : 'spinal',
      ageGroup: 'adult',
      status: input.status ?? 'active',
      responsiblePhysicianId: input.responsiblePhysicianId ?? null,
      highRisk: input.highRisk ?? false,
      deletedAt: input.deletedAt ?? null,
    },
  });
}

/** A pump model of the test's own (unique name), so tests never depend on the seeded catalogue. */
export async function createTestPumpModel(prisma: PrismaClient, reservoirMl = 40) {
  return prisma.pumpModel.create({
    data: {
      manufacturer: 'Testco',
      model: `TP-${unique()}`,
      reservoirMl,
      defaultAlarmVolumeMl: 2,
      batteryLifeMinYears: 5,
      batteryLifeMaxYears: 7,
      eriToEndOfServiceDays: 90,
    },
  });
}

export async function createTestPump(
  prisma: PrismaClient,
  input: { patientId: string; modelId: string; implantDate?: string },
) {
  return prisma.pump.create({
    data: {
      patientId: input.patientId,
      modelId: input.modelId,
      serialNumber: `SN${unique()}`,
      implantDate: day(input.implantDate ?? '2024-01-15'),
    },
  });
}

/** A simple continuous program (mcg/day) on a pump, as a physician would record it. */
export async function createTestSimpleProgram(
  prisma: PrismaClient,
  input: {
    pumpId: string;
    programmedById: string;
    effectiveFrom: Date;
    doseMcgPerDay: number;
    concentrationMcgPerMl: number;
  },
) {
  return prisma.doseProgram.create({
    data: {
      pumpId: input.pumpId,
      effectiveFrom: input.effectiveFrom,
      concentrationMcgPerMl: input.concentrationMcgPerMl,
      mode: 'simple_continuous',
      continuousDoseMcgPerDay: input.doseMcgPerDay,
      dailyDoseMcg: input.doseMcgPerDay,
      programmedById: input.programmedById,
      reason: 'Maintenance dose',
    },
  });
}

/** An "empty and fill" refill leaving `volumeAfterMl` in the reservoir. */
export async function createTestRefill(
  prisma: PrismaClient,
  input: {
    pumpId: string;
    performedById: string;
    performedAt: Date;
    volumeAfterMl: number;
    concentrationMcgPerMl: number;
  },
) {
  return prisma.refill.create({
    data: {
      pumpId: input.pumpId,
      performedAt: input.performedAt,
      performedById: input.performedById,
      location: 'clinic',
      expectedResidualMl: 2.5,
      withdrawnVolumeMl: 2.4,
      concentrationMcgPerMl: input.concentrationMcgPerMl,
      volumeFilledMl: input.volumeAfterMl,
      reservoirVolumeAfterMl: input.volumeAfterMl,
    },
  });
}
