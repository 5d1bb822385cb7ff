import {
  type AppointmentDto,
  type DoseProgramRecord,
  type PatientDetail,
  type Pump,
  type RefillRecord,
  type Visit,
} from '@pumpdesk/contracts';

// Builders for the patient record's API answers (GET /api/patients/:id and the lists around it).

const physician = { id: crypto.randomUUID(), name: 'Dr Grace Hopper' };
const nurse = { id: crypto.randomUUID(), name: 'Rosa Lind' };
const site = { id: crypto.randomUUID(), name: 'Northside Clinic', timeZone: 'Europe/London' };

type CurrentPump = NonNullable<PatientDetail['currentPump']>;

export function aCurrentPump(overrides: Partial<CurrentPump> = {}): CurrentPump {
  return {
    id: crypto.randomUUID(),
    manufacturer: 'Medtronic',
    model: 'SynchroMed II',
    reservoirMl: 20,
    serialNumber: 'NGP100001',
    implantDate: '2022-09-14',
    alarmVolumeMl: 2,
    eriReportedDate: null,
    programInForce: {
      id: crypto.randomUUID(),
      effectiveFrom: '2026-10-01T09:00:00.000Z',
      mode: 'simple_continuous',
      concentrationMcgPerMl: 500,
      dailyDoseMcg: 300,
      reason: 'Maintenance dose',
    },
    lastRefill: {
      id: crypto.randomUUID(),
      performedAt: '2026-11-10T10:00:00.000Z',
      location: 'clinic',
      concentrationMcgPerMl: 500,
      volumeFilledMl: 20,
      reservoirVolumeAfterMl: 20,
    },
    ...overrides,
  };
}

export function aPatientDetail(overrides: Partial<PatientDetail> = {}): PatientDetail {
  return {
    id: crypto.randomUUID(),
    mrn: 'MRN0042',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1980-03-14',
    sex: 'female',
    diagnosis: 'spinal_cord_injury',
    injuryLevel: 'T4',
    diagnosisNote: null,
    spasticityOrigin: 'spinal',
    ageGroup: 'adult',
    injuryAtOrAboveT6: true,
    cannotCommunicate: false,
    highRisk: false,
    highRiskReason: null,
    status: 'active',
    site,
    responsiblePhysician: physician,
    version: 3,
    createdAt: '2022-01-10T09:00:00.000Z',
    updatedAt: '2026-11-10T10:00:00.000Z',
    risk: {
      highRisk: true,
      reasons: ['injury_at_or_above_t6'],
      message: 'Injury at T4: a larger margin before the alarm date.',
    },
    currentPump: aCurrentPump(),
    assessment: {
      today: '2026-11-25',
      urgency: 'upcoming',
      refill: {
        status: 'upcoming',
        message: 'Refill due 3 Dec 2026 (alarm 10 Dec 2026, 7-day margin).',
        refillDate: '2026-11-10',
        alarmAt: '2026-12-10T10:00:00.000Z',
        emptyAt: '2026-12-17T10:00:00.000Z',
        alarmDate: '2026-12-10',
        emptyDate: '2026-12-17',
        dueDate: '2026-12-03',
        dueDateBoundBy: 'alarm_margin',
        marginDays: 7,
        volumeNowMl: 11,
        daysUntilDue: 8,
        nextBookedRefill: '2026-12-01',
      },
      battery: {
        status: 'ok',
        message: 'Battery replacement window opens 14 Sep 2027; replace by 14 Mar 2029.',
        windowStart: '2027-09-14',
        recommendedReplacement: '2029-03-14',
        estimatedEnd: '2029-09-14',
        endOfService: null,
        pastEstimatedEnd: false,
      },
      followUp: {
        status: 'ok',
        message: 'Next review due 10 Apr 2027.',
        lastReview: '2026-10-10',
        nextReviewDue: '2027-04-10',
        daysUntilDue: 136,
      },
      findings: [
        {
          code: 'NO_APPOINTMENT_BY_DUE_DATE',
          severity: 'warning',
          message: 'No refill booked on or before the due date 3 Dec 2026.',
        },
      ],
    },
    ...overrides,
  };
}

export function aPumpRecord(
  current: Pick<CurrentPump, 'id' | 'serialNumber' | 'implantDate'>,
  patientId: string,
  overrides: Partial<Pump> = {},
): Pump {
  return {
    id: current.id,
    patientId,
    status: 'implanted',
    serialNumber: current.serialNumber,
    implantDate: current.implantDate,
    explantDate: null,
    explantReason: null,
    explantNote: null,
    alarmVolumeOverrideMl: null,
    alarmVolumeMl: 2,
    eriReportedDate: null,
    model: {
      id: crypto.randomUUID(),
      manufacturer: 'Medtronic',
      model: 'SynchroMed II',
      reservoirMl: 20,
      defaultAlarmVolumeMl: 2,
      batteryLifeMinYears: 5,
      batteryLifeMaxYears: 7,
      eriToEndOfServiceDays: 90,
    },
    catheter: null,
    version: 1,
    createdAt: '2022-09-14T09:00:00.000Z',
    updatedAt: '2022-09-14T09:00:00.000Z',
    ...overrides,
  };
}

export function aDoseProgram(
  pumpId: string,
  overrides: Partial<DoseProgramRecord> & { effectiveFrom: string; dailyDoseMcg: number },
): DoseProgramRecord {
  return {
    id: crypto.randomUUID(),
    pumpId,
    concentrationMcgPerMl: 500,
    mode: 'simple_continuous',
    continuousDoseMcgPerDay: overrides.dailyDoseMcg,
    steps: [],
    boluses: [],
    patientBolus: null,
    programmedBy: physician,
    reason: 'Titration',
    titrationOverride: false,
    titrationOverrideReason: null,
    createdAt: overrides.effectiveFrom,
    ...overrides,
  };
}

export function aRefill(
  pumpId: string,
  overrides: Partial<RefillRecord> & { performedAt: string },
): RefillRecord {
  return {
    id: crypto.randomUUID(),
    pumpId,
    performedBy: nurse,
    location: 'clinic',
    expectedResidualMl: 2.5,
    withdrawnVolumeMl: 2.4,
    concentrationMcgPerMl: 500,
    volumeFilledMl: 20,
    reservoirVolumeAfterMl: 20,
    drugLot: null,
    drugExpiry: null,
    notes: null,
    complications: null,
    billingCodes: [],
    findings: [],
    alarmAtSnapshot: null,
    emptyAtSnapshot: null,
    dueDateSnapshot: null,
    dueDateReasonSnapshot: null,
    amendedAt: null,
    amendmentReason: null,
    version: 1,
    createdAt: overrides.performedAt,
    ...overrides,
  };
}

export function aVisit(patientId: string, overrides: Partial<Visit> & { visitDate: string }): Visit {
  return {
    id: crypto.randomUUID(),
    patientId,
    type: 'review',
    clinician: physician,
    ashworth: null,
    pennFrequency: null,
    pennSeverity: null,
    notes: null,
    billingCodes: [],
    version: 1,
    createdAt: `${overrides.visitDate}T10:00:00.000Z`,
    updatedAt: `${overrides.visitDate}T10:00:00.000Z`,
    ...overrides,
  };
}

export function anAppointment(
  patient: Pick<PatientDetail, 'id' | 'mrn' | 'givenName' | 'familyName' | 'site'>,
  overrides: Partial<AppointmentDto> & { startsAt: string },
): AppointmentDto {
  const endsAt = new Date(Date.parse(overrides.startsAt) + 30 * 60_000).toISOString();
  return {
    id: crypto.randomUUID(),
    kind: 'refill',
    status: 'booked',
    endsAt,
    durationMinutes: 30,
    patient: {
      id: patient.id,
      mrn: patient.mrn,
      givenName: patient.givenName,
      familyName: patient.familyName,
    },
    site: patient.site,
    clinician: nurse,
    atHome: false,
    notes: null,
    version: 1,
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}
