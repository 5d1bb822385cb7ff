import {
  type DoseProgramPreview,
  type DoseProgramRecord,
  type FindingDto,
  type PatientDetail,
} from '@pumpdesk/contracts';

// Builders for the dose program editor's and the physician home's component tests.

export function aDoseProgramRecord(overrides: Partial<DoseProgramRecord> = {}): DoseProgramRecord {
  return {
    id: crypto.randomUUID(),
    pumpId: crypto.randomUUID(),
    effectiveFrom: '2026-10-01T09:00:00.000Z',
    concentrationMcgPerMl: 500,
    mode: 'simple_continuous',
    continuousDoseMcgPerDay: 300,
    steps: [],
    boluses: [],
    patientBolus: null,
    dailyDoseMcg: 300,
    programmedBy: { id: crypto.randomUUID(), name: 'Dr Amara Nwosu' },
    reason: 'Spasms at night',
    titrationOverride: false,
    titrationOverrideReason: null,
    createdAt: '2026-10-01T09:00:00.000Z',
    ...overrides,
  };
}

/** A patient with an implanted pump running `program` (refilled with the same drug). */
export function aPatientDetail(program: DoseProgramRecord | null): PatientDetail {
  const siteId = crypto.randomUUID();
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
    site: { id: siteId, name: 'Northside Clinic', timeZone: 'Europe/London' },
    responsiblePhysician: { id: crypto.randomUUID(), name: 'Dr Amara Nwosu' },
    version: 1,
    createdAt: '2024-01-01T10:00:00.000Z',
    updatedAt: '2024-01-01T10:00:00.000Z',
    risk: { highRisk: false, reasons: [], message: null },
    currentPump: {
      id: program?.pumpId ?? crypto.randomUUID(),
      manufacturer: 'Medtronic',
      model: 'SynchroMed II',
      reservoirMl: 40,
      serialNumber: 'NGP100001',
      implantDate: '2024-05-02',
      alarmVolumeMl: 2,
      eriReportedDate: null,
      programInForce: program && {
        id: program.id,
        effectiveFrom: program.effectiveFrom,
        mode: program.mode,
        concentrationMcgPerMl: program.concentrationMcgPerMl,
        dailyDoseMcg: program.dailyDoseMcg,
        reason: program.reason,
      },
      lastRefill: {
        id: crypto.randomUUID(),
        performedAt: '2026-11-10T10:00:00.000Z',
        location: 'clinic',
        concentrationMcgPerMl: program?.concentrationMcgPerMl ?? 500,
        volumeFilledMl: 20,
        reservoirVolumeAfterMl: 20,
      },
    },
    assessment: {
      today: '2026-11-25',
      urgency: 'ok',
      refill: {
        status: 'ok',
        message: 'Refill due on 3 Jan 2027.',
        refillDate: '2026-11-10',
        alarmAt: '2027-01-10T10:00:00.000Z',
        emptyAt: '2027-01-14T10:00:00.000Z',
        alarmDate: '2027-01-10',
        emptyDate: '2027-01-14',
        dueDate: '2027-01-03',
        dueDateBoundBy: 'alarm_margin',
        marginDays: 7,
        volumeNowMl: 15,
        daysUntilDue: 39,
        nextBookedRefill: null,
      },
      battery: null,
      followUp: null,
      findings: [],
    },
  };
}

/** A preview of `newDoseMcg` against `previousDoseMcg`, with the findings given (blocking ones derived). */
export function aPreview(
  previousDoseMcg: number,
  newDoseMcg: number,
  findings: FindingDto[] = [],
  dueDate = '2026-12-28',
): DoseProgramPreview {
  const blocking = findings.filter((f) => f.severity === 'refusal' || f.severity === 'override_required');
  return {
    previous: {
      effectiveFrom: '2026-10-01T09:00:00.000Z',
      concentrationMcgPerMl: 500,
      dailyDoseMcg: previousDoseMcg,
    },
    proposed: {
      dailyDoseMcg: newDoseMcg,
      averageDailyDoseMcg: newDoseMcg,
      byWeekdayMcg: Array(7).fill(newDoseMcg) as number[],
    },
    changePercent: ((newDoseMcg - previousDoseMcg) / previousDoseMcg) * 100,
    allowed: blocking.length === 0,
    blocking,
    findings,
    alarmAt: '2027-01-04T10:00:00.000Z',
    emptyAt: '2027-01-08T10:00:00.000Z',
    alarmDate: '2027-01-04',
    dueDate,
    dueDateBoundBy: 'alarm_margin',
    dueMessage: null,
  };
}

export const titrationFinding: FindingDto = {
  code: 'TITRATION_LIMIT_EXCEEDED',
  severity: 'override_required',
  message:
    '+50% in 24 h (300 → 450 mcg/day) exceeds the 30% limit for adults with spinal-origin spasticity; a physician override with a reason is needed.',
};

export const unitSlipFinding: FindingDto = {
  code: 'LIKELY_UNIT_SLIP',
  severity: 'refusal',
  message:
    'The new dose of 7200 mcg/day is 24 times the previous 300 mcg/day, which looks like a unit slip (a per-day value typed as per-hour?), so it cannot be recorded; re-enter the dose in mcg/day.',
};

export const stopsPumpFinding: FindingDto = {
  code: 'PROGRAM_STOPS_PUMP',
  severity: 'override_required',
  message:
    'The new program sets the dose to 0 mcg/day, which stops the pump and causes withdrawal unless intended (before explant, or emptying a Prometra for MRI); a physician override with a reason is needed.',
};
