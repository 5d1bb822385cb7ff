import {
  type ClinicSettingsResponse,
  type DoseProgramRecord,
  type FindingDto,
  type PatientDetail,
  type RefillPreview,
  type RefillWriteResult,
} from '@pumpdesk/contracts';
import { addDays, type CalendarDate, calendarDateInZone, clinicSettingsSchema } from '@pumpdesk/domain';

// Builders for the refill form's component tests. The clinic is the domain doc's worked example: a
// 20 mL reservoir (alarm at 2 mL), 500 mcg/mL at 300 mcg/day (0.6 mL/day), at a site on UTC so the
// expected dates need no DST arithmetic.

export const REFILL_TIME_ZONE = 'UTC';

/** Today in the test site's calendar (the real clock: the form's default refill time is now). */
export function refillToday(): CalendarDate {
  return calendarDateInZone(new Date(), REFILL_TIME_ZONE);
}

/** `YYYY-MM-DD` `days` from today on the test site's calendar. */
export function dayFromToday(days: number): CalendarDate {
  return addDays(refillToday(), days);
}

export function aRefillProgram(
  pumpId: string,
  overrides: Partial<DoseProgramRecord> = {},
): DoseProgramRecord {
  const effectiveFrom = `${dayFromToday(-200)}T09:00:00.000Z`;
  return {
    id: crypto.randomUUID(),
    pumpId,
    effectiveFrom,
    concentrationMcgPerMl: 500,
    mode: 'simple_continuous',
    continuousDoseMcgPerDay: 300,
    steps: [],
    boluses: [],
    patientBolus: null,
    dailyDoseMcg: 300,
    programmedBy: { id: crypto.randomUUID(), name: 'Dr Amara Nwosu' },
    reason: 'Maintenance dose',
    titrationOverride: false,
    titrationOverrideReason: null,
    createdAt: effectiveFrom,
    ...overrides,
  };
}

/** A patient with an implanted 20 mL pump, last refilled 21 days ago with 20 mL, running `program`. */
export function aRefillPatient(program: DoseProgramRecord): PatientDetail {
  const lastRefillAt = `${dayFromToday(-21)}T10:00:00.000Z`;
  return {
    id: crypto.randomUUID(),
    mrn: 'MRN0042',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1980-03-14',
    sex: 'female',
    diagnosis: 'multiple_sclerosis',
    injuryLevel: null,
    diagnosisNote: null,
    spasticityOrigin: 'spinal',
    ageGroup: 'adult',
    injuryAtOrAboveT6: false,
    cannotCommunicate: false,
    highRisk: false,
    highRiskReason: null,
    status: 'active',
    site: { id: crypto.randomUUID(), name: 'Northside Clinic', timeZone: REFILL_TIME_ZONE },
    responsiblePhysician: { id: crypto.randomUUID(), name: 'Dr Amara Nwosu' },
    version: 1,
    createdAt: '2024-01-01T10:00:00.000Z',
    updatedAt: '2024-01-01T10:00:00.000Z',
    risk: { highRisk: false, reasons: [], message: null },
    currentPump: {
      id: program.pumpId,
      manufacturer: 'Medtronic',
      model: 'SynchroMed II',
      reservoirMl: 20,
      serialNumber: 'NGP100001',
      implantDate: '2024-05-02',
      alarmVolumeMl: 2,
      eriReportedDate: null,
      programInForce: {
        id: program.id,
        effectiveFrom: program.effectiveFrom,
        mode: program.mode,
        concentrationMcgPerMl: program.concentrationMcgPerMl,
        dailyDoseMcg: program.dailyDoseMcg,
        reason: program.reason,
      },
      lastRefill: {
        id: crypto.randomUUID(),
        performedAt: lastRefillAt,
        location: 'clinic',
        concentrationMcgPerMl: program.concentrationMcgPerMl,
        volumeFilledMl: 20,
        reservoirVolumeAfterMl: 20,
      },
    },
    assessment: {
      today: refillToday(),
      urgency: 'overdue',
      refill: null,
      battery: null,
      followUp: null,
      findings: [],
    },
  };
}

/** GET /api/settings with every default (the engine's own schema fills them). */
export function defaultSettingsResponse(): ClinicSettingsResponse {
  return { version: 1, updatedAt: '2026-01-01T00:00:00.000Z', settings: clinicSettingsSchema.parse({}) };
}

export function aRefillPreview(overrides: Partial<RefillPreview> = {}): RefillPreview {
  return {
    allowed: true,
    blocking: [],
    findings: [],
    programComparison: null,
    alarmAt: null,
    emptyAt: null,
    alarmDate: dayFromToday(29),
    dueDate: dayFromToday(25),
    dueDateBoundBy: 'alarm_margin',
    dueMessage: 'Due with the 4-day margin.',
    ...overrides,
  };
}

export function aRefillWriteResult(
  pumpId: string,
  overrides: { findings?: FindingDto[]; alarmDate?: string; dueDate?: string } = {},
): RefillWriteResult {
  const performedAt = `${dayFromToday(-1)}T10:00:00.000Z`;
  return {
    refill: {
      id: crypto.randomUUID(),
      pumpId,
      performedAt,
      performedBy: { id: crypto.randomUUID(), name: 'Rosa Lind' },
      location: 'clinic',
      expectedResidualMl: 7.4,
      withdrawnVolumeMl: 7.5,
      concentrationMcgPerMl: 500,
      volumeFilledMl: 20,
      reservoirVolumeAfterMl: 20,
      drugLot: null,
      drugExpiry: null,
      notes: null,
      complications: null,
      billingCodes: [],
      findings: overrides.findings ?? [],
      alarmAtSnapshot: null,
      emptyAtSnapshot: null,
      dueDateSnapshot: overrides.dueDate ?? dayFromToday(25),
      dueDateReasonSnapshot: 'alarm_margin',
      amendedAt: null,
      amendmentReason: null,
      version: 1,
      createdAt: performedAt,
    },
    doseProgram: null,
    findings: overrides.findings ?? [],
    alarmAt: null,
    emptyAt: null,
    alarmDate: overrides.alarmDate ?? dayFromToday(29),
    dueDate: overrides.dueDate ?? dayFromToday(25),
    dueDateBoundBy: 'alarm_margin',
    dueMessage: 'Due with the 4-day margin.',
  };
}
