import { alarmVolumeOf, assessPatient, DEFAULT_CLINIC_SETTINGS, parseCalendarDate } from '@pumpdesk/domain';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import {
  decimalToNumber,
  inRecordedOrder,
  latestRefill,
  reviewDatesOf,
  toAppointmentSlot,
  toDateColumn,
  toDoseProgram,
  toImplantedPumpFacts,
  toInstant,
  toPatientAssessmentInput,
  toPumpModelFacts,
  type PatientAssessmentRows,
} from './engine-inputs.ts';

const synchroMed40 = {
  reservoirMl: new Prisma.Decimal('40.00'),
  defaultAlarmVolumeMl: new Prisma.Decimal('2.00'),
  batteryLifeMinYears: new Prisma.Decimal('5.0'),
  batteryLifeMaxYears: new Prisma.Decimal('7.0'),
  eriToEndOfServiceDays: 90,
};

describe('column readers', () => {
  it('reads a decimal as a number, string, Prisma.Decimal or Decimal.js-like value', () => {
    expect(decimalToNumber(2.5)).toBe(2.5);
    expect(decimalToNumber('412.500')).toBe(412.5);
    expect(decimalToNumber(new Prisma.Decimal('0.0417'))).toBe(0.0417);
    const decimalJsLike: Prisma.DecimalJsLike = { d: [12, 2500000], e: 1, s: 1, toFixed: () => '12.25' };
    expect(decimalToNumber(decimalJsLike)).toBe(12.25);
  });

  it('refuses a decimal that is not a finite number', () => {
    expect(() => decimalToNumber('')).toThrow(RangeError);
    expect(() => decimalToNumber('12 mL')).toThrow(RangeError);
    expect(() => decimalToNumber(Number.NaN)).toThrow(RangeError);
  });

  it('reads a @db.Date column as a calendar date from a UTC-midnight Date or text', () => {
    expect(toDateColumn(new Date('2027-03-14T00:00:00Z'))).toBe('2027-03-14');
    expect(toDateColumn('2027-03-14')).toBe('2027-03-14');
    expect(toDateColumn('2027-03-14T00:00:00.000Z')).toBe('2027-03-14');
  });

  it('refuses a date column carrying a time of day, or an impossible date', () => {
    expect(() => toDateColumn(new Date('2027-03-14T09:30:00Z'))).toThrow(RangeError);
    expect(() => toDateColumn('2027-03-14T09:30:00Z')).toThrow(RangeError);
    expect(() => toDateColumn('2027-02-30')).toThrow(RangeError);
  });

  it('reads a timestamp as a Date and refuses an unreadable one', () => {
    expect(toInstant('2027-03-14T09:30:00.000Z').toISOString()).toBe('2027-03-14T09:30:00.000Z');
    const at = new Date('2027-03-14T09:30:00Z');
    expect(toInstant(at)).toBe(at);
    expect(() => toInstant('yesterday')).toThrow(RangeError);
  });
});

describe('toDoseProgram', () => {
  const effectiveFrom = new Date('2027-01-04T10:00:00Z');

  it('maps a simple continuous program with patient-activated boluses', () => {
    const program = toDoseProgram(
      {
        effectiveFrom,
        concentrationMcgPerMl: new Prisma.Decimal('500.00'),
        mode: 'simple_continuous',
        continuousDoseMcgPerDay: new Prisma.Decimal('250.000'),
        ptmBolusDoseMcg: '10.000',
        ptmMaxPerDay: 3,
        ptmLockoutMinutes: 180,
      },
      [],
      [],
    );
    expect(program).toEqual({
      effectiveFrom,
      concentrationMcgPerMl: 500,
      mode: 'simple_continuous',
      continuousDoseMcgPerDay: 250,
      steps: [],
      boluses: [],
      patientBolus: { doseMcg: 10, maxPerDay: 3, lockoutMinutes: 180 },
    });
  });

  it('maps flex steps and periodic boluses, weekdays as read or in Prisma’s write form', () => {
    const flex = toDoseProgram(
      { effectiveFrom: effectiveFrom.toISOString(), concentrationMcgPerMl: '1000.00', mode: 'flex' },
      [
        { startMinute: 0, rateMcgPerHour: '10.0000', weekdays: [] },
        { startMinute: 1320, rateMcgPerHour: new Prisma.Decimal('14.5000'), weekdays: { set: [6, 7] } },
      ],
      [],
    );
    expect(flex.effectiveFrom).toEqual(effectiveFrom);
    expect(flex.steps).toEqual([
      { startMinute: 0, rateMcgPerHour: 10, weekdays: [] },
      { startMinute: 1320, rateMcgPerHour: 14.5, weekdays: [6, 7] },
    ]);
    expect(flex.patientBolus).toBeNull();
    const periodic = toDoseProgram(
      { effectiveFrom, concentrationMcgPerMl: 500, mode: 'periodic_bolus', continuousDoseMcgPerDay: null },
      [{ startMinute: 0, rateMcgPerHour: 5 }],
      [{ startMinute: 360, doseMcg: '25.000', durationMinutes: 15, weekdays: null }],
    );
    expect(periodic.boluses).toEqual([{ startMinute: 360, doseMcg: 25, durationMinutes: 15, weekdays: [] }]);
  });

  it('fails loudly on a row the engine cannot project from', () => {
    // A simple program without its dose per day.
    expect(() =>
      toDoseProgram({ effectiveFrom, concentrationMcgPerMl: 500, mode: 'simple_continuous' }, [], []),
    ).toThrow(ZodError);
    // Patient boluses half recorded.
    expect(() =>
      toDoseProgram(
        {
          effectiveFrom,
          concentrationMcgPerMl: 500,
          mode: 'simple_continuous',
          continuousDoseMcgPerDay: 200,
          ptmBolusDoseMcg: 10,
        },
        [],
        [],
      ),
    ).toThrow(ZodError);
    // A flex program with no steps.
    expect(() => toDoseProgram({ effectiveFrom, concentrationMcgPerMl: 500, mode: 'flex' }, [], [])).toThrow(
      ZodError,
    );
  });
});

describe('inRecordedOrder', () => {
  it('orders programs by effectiveFrom, then by when they were recorded, then by id', () => {
    const row = (id: string, effectiveFrom: string, createdAt?: string) => ({
      id,
      effectiveFrom,
      createdAt,
      concentrationMcgPerMl: 500,
      mode: 'simple_continuous' as const,
    });
    const programs = [
      row('c', '2027-03-05T10:00:00Z', '2027-03-05T10:02:00Z'),
      row('a', '2027-03-05T10:00:00Z', '2027-03-05T10:01:00Z'),
      row('z', '2027-01-01T00:00:00Z'),
      row('b', '2027-03-05T10:00:00Z', '2027-03-05T10:01:00Z'),
    ];
    expect(inRecordedOrder(programs).map((program) => program.id)).toEqual(['z', 'a', 'b', 'c']);
    expect(inRecordedOrder([...programs].reverse()).map((program) => program.id)).toEqual([
      'z',
      'a',
      'b',
      'c',
    ]);
  });
});

describe('pump, model, refill, visit and appointment rows', () => {
  it('maps the catalogue row', () => {
    expect(toPumpModelFacts(synchroMed40)).toEqual({
      reservoirMl: 40,
      defaultAlarmVolumeMl: 2,
      batteryLifeMinYears: 5,
      batteryLifeMaxYears: 7,
      eriToEndOfServiceDays: 90,
    });
    expect(
      toPumpModelFacts({ ...synchroMed40, eriToEndOfServiceDays: undefined }).eriToEndOfServiceDays,
    ).toBeNull();
  });

  it('maps the implanted pump, with its alarm override, ERI date and last refill', () => {
    const refill = { performedAt: new Date('2027-01-04T10:00:00Z'), reservoirVolumeAfterMl: '40.00' };
    const plain = toImplantedPumpFacts(
      { implantDate: new Date('2022-05-10T00:00:00Z') },
      synchroMed40,
      [],
      refill,
    );
    expect(plain.implantDate).toBe('2022-05-10');
    expect(plain.alarmVolumeOverrideMl).toBeNull();
    expect(alarmVolumeOf(plain)).toBe(2);
    expect(plain.eriReportedDate).toBeNull();
    expect(plain.lastRefill).toEqual({ at: refill.performedAt, volumeAfterMl: 40 });
    const flagged = toImplantedPumpFacts(
      {
        implantDate: '2022-05-10',
        alarmVolumeOverrideMl: new Prisma.Decimal('4.00'),
        eriReportedDate: new Date('2027-02-01T00:00:00Z'),
      },
      synchroMed40,
      [],
      null,
    );
    expect(alarmVolumeOf(flagged)).toBe(4);
    expect(flagged.eriReportedDate).toBe('2027-02-01');
    expect(flagged.lastRefill).toBeNull();
  });

  it('picks the latest refill by when it was performed', () => {
    const refills = [
      { performedAt: '2026-09-01T10:00:00Z', reservoirVolumeAfterMl: 40 },
      { performedAt: new Date('2026-12-01T10:00:00Z'), reservoirVolumeAfterMl: 38.5 },
      { performedAt: '2026-10-15T10:00:00Z', reservoirVolumeAfterMl: 40 },
    ];
    expect(latestRefill(refills)).toBe(refills[1]);
    expect(latestRefill([])).toBeNull();
  });

  it('counts every visit type but emergency as a review', () => {
    expect(
      reviewDatesOf([
        { visitDate: new Date('2026-06-01T00:00:00Z'), type: 'review' },
        { visitDate: '2026-07-01', type: 'emergency' },
        { visitDate: '2026-08-03', type: 'refill_and_review' },
        { visitDate: '2026-09-07', type: 'post_implant' },
        { visitDate: '2026-10-05', type: 'titration' },
      ]),
    ).toEqual(['2026-06-01', '2026-08-03', '2026-09-07', '2026-10-05']);
  });

  it('reads an appointment, a row to be written without status being booked', () => {
    expect(toAppointmentSlot({ kind: 'refill', startsAt: '2027-03-10T09:00:00Z' })).toEqual({
      kind: 'refill',
      status: 'booked',
      startsAt: new Date('2027-03-10T09:00:00Z'),
    });
    expect(toAppointmentSlot({ kind: 'follow_up', status: 'cancelled', startsAt: new Date(0) }).status).toBe(
      'cancelled',
    );
  });
});

describe('toPatientAssessmentInput', () => {
  // 40 mL SynchroMed II filled to 40 mL on 4 Jan 2027 at 10:00 (London, GMT) with 500 mcg/mL at 250
  // mcg/day: 0.5 mL/day, so the 2 mL alarm comes 76 days later, on 21 Mar 2027; due 4 days before.
  const read: PatientAssessmentRows = {
    patient: { highRisk: false, injuryAtOrAboveT6: false, cannotCommunicate: false },
    pump: {
      implantDate: new Date('2022-05-10T00:00:00Z'),
      alarmVolumeOverrideMl: null,
      eriReportedDate: null,
      model: synchroMed40,
      dosePrograms: [
        {
          effectiveFrom: new Date('2026-06-01T09:00:00Z'),
          concentrationMcgPerMl: new Prisma.Decimal('500'),
          mode: 'simple_continuous',
          continuousDoseMcgPerDay: new Prisma.Decimal('250'),
          ptmBolusDoseMcg: null,
          ptmMaxPerDay: null,
          ptmLockoutMinutes: null,
          steps: [],
          boluses: [],
        },
      ],
      refills: [
        { performedAt: new Date('2026-10-19T10:00:00Z'), reservoirVolumeAfterMl: new Prisma.Decimal('40') },
        { performedAt: new Date('2027-01-04T10:00:00Z'), reservoirVolumeAfterMl: new Prisma.Decimal('40') },
      ],
    },
    followUpVisits: [{ visitDate: new Date('2026-12-07T00:00:00Z'), type: 'review' }],
    appointments: [
      { kind: 'refill', status: 'booked', startsAt: new Date('2027-03-15T10:00:00Z') },
      { kind: 'refill', status: 'cancelled', startsAt: new Date('2027-03-12T10:00:00Z') },
    ],
  };
  // The same patient as rows about to be written (`CreateManyInput`): text decimals and timestamps.
  const written: PatientAssessmentRows = {
    patient: {},
    pump: {
      implantDate: '2022-05-10T00:00:00.000Z',
      model: { ...synchroMed40, reservoirMl: 40, defaultAlarmVolumeMl: '2.00' },
      dosePrograms: [
        {
          effectiveFrom: '2026-06-01T09:00:00.000Z',
          concentrationMcgPerMl: '500.00',
          mode: 'simple_continuous',
          continuousDoseMcgPerDay: '250.000',
          steps: [],
          boluses: [],
        },
      ],
      refills: [
        { performedAt: '2027-01-04T10:00:00.000Z', reservoirVolumeAfterMl: '40.00' },
        { performedAt: '2026-10-19T10:00:00.000Z', reservoirVolumeAfterMl: '40.00' },
      ],
    },
    followUpVisits: [{ visitDate: '2026-12-07', type: 'review' }],
    appointments: [
      { kind: 'refill', startsAt: '2027-03-15T10:00:00.000Z' },
      { kind: 'refill', status: 'cancelled', startsAt: '2027-03-12T10:00:00.000Z' },
    ],
  };
  const context = {
    now: new Date('2027-03-10T12:00:00Z'),
    timeZone: 'Europe/London',
    settings: DEFAULT_CLINIC_SETTINGS,
  };

  it('gives the engine the same input from rows read and rows to be written', () => {
    const fromRead = toPatientAssessmentInput(read, context);
    expect(toPatientAssessmentInput(written, context)).toEqual(fromRead);
    expect(fromRead.pump?.lastRefill?.at).toEqual(new Date('2027-01-04T10:00:00Z'));
    expect(fromRead.reviewDates).toEqual(['2026-12-07']);
  });

  it('lets assessPatient date the refill, with the high-risk margin for a high-risk patient', () => {
    const assessment = assessPatient(toPatientAssessmentInput(read, context));
    expect(assessment.refill?.due?.alarmDate).toBe(parseCalendarDate('2027-03-21'));
    expect(assessment.refill?.due?.dueDate).toBe(parseCalendarDate('2027-03-17'));
    expect(assessment.refill?.status).toBe('due_soon');
    // Booked on 15 Mar, before the due date: no finding about the appointment.
    expect(assessment.findings.map((finding) => finding.code)).not.toContain('NO_APPOINTMENT_BY_DUE_DATE');
    const highRisk = assessPatient(
      toPatientAssessmentInput({ ...read, patient: { ...read.patient, injuryAtOrAboveT6: true } }, context),
    );
    expect(highRisk.refill?.due?.dueDate).toBe(parseCalendarDate('2027-03-14'));
    expect(highRisk.findings.map((finding) => finding.code)).toContain('NO_APPOINTMENT_BY_DUE_DATE');
  });

  it('gives no pump facts for a patient without an implanted pump', () => {
    const input = toPatientAssessmentInput({ ...read, pump: null }, context);
    expect(input.pump).toBeNull();
    expect(assessPatient(input).refill).toBeNull();
  });
});
