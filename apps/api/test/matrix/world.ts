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
import { randomUUID } from 'node:crypto';
import { DAY_MS } from '../clinical-fixtures.ts';

// The authorisation matrix's world: two sites, A (where every signed-in test user works) and B (where
// none does), each with one patient and everything recorded about them. Patients get values found
// nowhere else (names, birth dates, MRN prefixes), so a response body can be searched for them.

type Prisma = Database['prisma'];

export type SiteKey = 'A' | 'B';

/** The identifying values of a site's patients: a refusal body must contain none of them. */
export interface PatientMarkers {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  /** Every MRN of the site's patients the matrix created (fresh records add to it). */
  mrns: string[];
}

const MARKERS: Record<SiteKey, Omit<PatientMarkers, 'mrns'>> = {
  A: { givenName: 'Alvena', familyName: 'Brightmoor', dateOfBirth: '1941-02-17' },
  B: { givenName: 'Zorabel', familyName: 'Quixwright', dateOfBirth: '1937-07-23' },
};

/** One patient at a site with a pump, a program, a refill 25 days ago, a visit, a trial and an appointment. */
export interface ClinicalRecords {
  patientId: string;
  pumpId: string;
  refillId: string;
  visitId: string;
  trialId: string;
  appointmentId: string;
}

export interface SiteWorld extends ClinicalRecords {
  key: SiteKey;
  siteId: string;
  /** A physician working at this site only: programs, refills and feeds name them. */
  clinicianId: string;
  /** A 20 mL model; fresh pumps and implants use it. */
  modelId: string;
  markers: PatientMarkers;
}

export interface MatrixWorld {
  /** Unique per run: the names and emails of what admin routes would create carry it. */
  runId: string;
  A: SiteWorld;
  B: SiteWorld;
}

export async function buildWorld(prisma: Prisma): Promise<MatrixWorld> {
  const runId = randomUUID().slice(0, 8);
  const [A, B] = await Promise.all([siteWorld(prisma, 'A', runId), siteWorld(prisma, 'B', runId)]);
  return { runId, A, B };
}

async function siteWorld(prisma: Prisma, key: SiteKey, runId: string): Promise<SiteWorld> {
  const site = await createTestSite(prisma, {
    name: `Matrix ${runId} site ${key}`,
    timeZone: 'Europe/London',
  });
  const clinician = await createTestUser(prisma, [site.id], { name: `Dr Matrix ${key} ${runId}` });
  const model = await createTestPumpModel(prisma, 20);
  const partial = { key, siteId: site.id, clinicianId: clinician.id, modelId: model.id };
  const markers: PatientMarkers = { ...MARKERS[key], mrns: [] };
  const records = await freshRecords(prisma, { ...partial, markers });
  return { ...partial, markers, ...records };
}

type SiteRef = Pick<SiteWorld, 'key' | 'siteId' | 'clinicianId' | 'modelId' | 'markers'>;

/** A new patient of the site (with the site's marker values), without a pump. */
export async function freshPatient(prisma: Prisma, site: SiteRef): Promise<string> {
  const mrn = `MX${site.key}${randomUUID().slice(0, 8).toUpperCase()}`;
  site.markers.mrns.push(mrn);
  const patient = await createTestPatient(prisma, {
    siteId: site.siteId,
    mrn,
    givenName: site.markers.givenName,
    familyName: site.markers.familyName,
    dateOfBirth: site.markers.dateOfBirth,
    responsiblePhysicianId: site.clinicianId,
  });
  return patient.id;
}

/**
 * A new patient on maintenance (the domain doc's second worked example: 300 mcg/day at 500 mcg/mL in
 * a 20 mL pump, refilled to 20 mL 25 days ago, so 5 mL are expected left: refill-fixtures' body fits),
 * with a review visit, a responder trial and a booked appointment.
 */
export async function freshRecords(prisma: Prisma, site: SiteRef): Promise<ClinicalRecords> {
  const patientId = await freshPatient(prisma, site);
  const pump = await createTestPump(prisma, { patientId, modelId: site.modelId, implantDate: '2025-06-02' });
  const now = Date.now();
  await createTestSimpleProgram(prisma, {
    pumpId: pump.id,
    programmedById: site.clinicianId,
    effectiveFrom: new Date(now - 200 * DAY_MS),
    doseMcgPerDay: 300,
    concentrationMcgPerMl: 500,
  });
  const refill = await createTestRefill(prisma, {
    pumpId: pump.id,
    performedById: site.clinicianId,
    performedAt: new Date(now - 25 * DAY_MS),
    volumeAfterMl: 20,
    concentrationMcgPerMl: 500,
  });
  const visit = await prisma.followUpVisit.create({
    data: {
      patientId,
      clinicianId: site.clinicianId,
      visitDate: new Date(now - 30 * DAY_MS),
      type: 'review',
    },
  });
  const trial = await prisma.trial.create({
    data: {
      patientId,
      trialDate: new Date(now - 400 * DAY_MS),
      bolusMcg: 50,
      performedById: site.clinicianId,
      outcome: 'responder',
    },
  });
  const appointment = await prisma.appointment.create({
    // With the site's clinician: their feed (.ics) then lists it, so a feed that leaked it would show.
    data: {
      patientId,
      siteId: site.siteId,
      clinicianId: site.clinicianId,
      kind: 'refill',
      startsAt: nextSlot(),
    },
  });
  await refreshPumpSchedules(prisma, [patientId]);
  return {
    patientId,
    pumpId: pump.id,
    refillId: refill.id,
    visitId: visit.id,
    trialId: trial.id,
    appointmentId: appointment.id,
  };
}

/** An implanted pump of a new patient of the site (with its program and refill), for a write that consumes it. */
export async function freshPump(
  prisma: Prisma,
  site: SiteRef,
): Promise<{ patientId: string; pumpId: string }> {
  const { patientId, pumpId } = await freshRecords(prisma, site);
  return { patientId, pumpId };
}

/** A booked appointment of the site's patient, for a close (cancel, complete, no-show). */
export async function freshAppointment(prisma: Prisma, site: SiteWorld): Promise<string> {
  const appointment = await prisma.appointment.create({
    data: { patientId: site.patientId, siteId: site.siteId, kind: 'follow_up', startsAt: nextSlot() },
  });
  return appointment.id;
}

let slotIndex = 0;
/**
 * A start no other appointment of the matrix uses (a day of its own, 10:00 UTC, 10 days ahead and
 * on), so a booking or a move never overlaps another appointment of the same patient.
 */
export function nextSlot(): Date {
  slotIndex += 1;
  const day = new Date(Date.now() + (10 + slotIndex) * DAY_MS);
  day.setUTCHours(10, 0, 0, 0);
  return day;
}
