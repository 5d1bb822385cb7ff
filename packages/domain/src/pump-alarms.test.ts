import { describe, expect, it } from 'vitest';
import { assessPatient, type ImplantedPumpFacts, type PatientAssessmentInput } from './assess-patient.ts';
import { assessBattery } from './battery.ts';
import { parseCalendarDate } from './calendar-date.ts';
import { criticalPeriodsOf, mergePeriods } from './critical-periods.ts';
import { formatDateTime } from './explain.ts';
import {
  describeStoppingAlarms,
  endOfServiceReportedOn,
  type InterrogationFacts,
  pumpAlarmInForce,
  pumpAlarmMessage,
} from './pump-alarms.ts';
import { pumpSchedule, scheduleStatusOn } from './pump-schedule.ts';
import { DEFAULT_CLINIC_SETTINGS } from './settings.ts';
import { workedExamplePatient, workedExamplePump } from './testing/patients.ts';
import { simpleProgram, stoppedProgram } from './testing/programs.ts';
import { refillEntryMessage } from './worklist-messages.ts';

const zone = 'Australia/Sydney';
const refillAt = new Date('2027-01-10T00:00:00Z');
/** 21 Jan 2027 in Sydney (evening of 20 Jan in UTC): the site's day, not UTC's, dates the alarm. */
const interrogatedAt = new Date('2027-01-20T22:00:00Z');

function interrogation(overrides: Partial<InterrogationFacts> = {}): InterrogationFacts {
  return { at: interrogatedAt, batteryStatus: 'ok', alarms: [], ...overrides };
}

/** 20 mL at 500 mcg/mL and 300 mcg/day: alarm 30 days after the fill, nothing critical on 25 Jan. */
const pump = (overrides: Partial<ImplantedPumpFacts> = {}) => workedExamplePump(overrides, refillAt);
const input = (overrides: Partial<PatientAssessmentInput> = {}): PatientAssessmentInput =>
  workedExamplePatient({ now: new Date('2027-01-25T01:00:00Z'), timeZone: zone, pump: pump(), ...overrides });

function scheduleOf(patientInput: PatientAssessmentInput) {
  if (!patientInput.pump) throw new Error('a pump is needed');
  return pumpSchedule({ ...patientInput, pump: patientInput.pump });
}

describe('pumpAlarmInForce', () => {
  it('keeps the stopping alarms in a fixed order and ignores the others', () => {
    const alarm = pumpAlarmInForce(
      interrogation({ alarms: ['low_reservoir', 'empty_reservoir', 'other', 'motor_stall'] }),
      null,
    );
    expect(alarm).toEqual({ at: interrogatedAt, alarms: ['motor_stall', 'empty_reservoir'] });
    expect(
      pumpAlarmInForce(interrogation({ alarms: ['low_reservoir', 'elective_replacement'] }), null),
    ).toBeNull();
    expect(pumpAlarmInForce(null, null)).toBeNull();
    expect(
      pumpAlarmInForce(interrogation({ at: new Date(Number.NaN), alarms: ['motor_stall'] }), null),
    ).toBeNull();
  });

  it('counts end of service shown as the battery status or as the alarm', () => {
    expect(pumpAlarmInForce(interrogation({ batteryStatus: 'end_of_service' }), null)?.alarms).toEqual([
      'end_of_service',
    ]);
    expect(pumpAlarmInForce(interrogation({ alarms: ['end_of_service'] }), null)?.alarms).toEqual([
      'end_of_service',
    ]);
  });

  it('clears an empty reservoir by a refill at or after the interrogation, but not a motor stall', () => {
    const refill = { at: interrogatedAt, volumeAfterMl: 20 };
    expect(pumpAlarmInForce(interrogation({ alarms: ['empty_reservoir'] }), refill)).toBeNull();
    expect(
      pumpAlarmInForce(interrogation({ alarms: ['empty_reservoir', 'critical_error'] }), refill)?.alarms,
    ).toEqual(['critical_error']);
  });

  it('dates end of service in the site’s calendar', () => {
    expect(endOfServiceReportedOn(interrogation({ batteryStatus: 'end_of_service' }), zone)).toBe(
      '2027-01-21',
    );
    expect(endOfServiceReportedOn(interrogation({ batteryStatus: 'end_of_service' }), 'UTC')).toBe(
      '2027-01-20',
    );
    expect(endOfServiceReportedOn(interrogation(), zone)).toBeNull();
    expect(endOfServiceReportedOn(null, zone)).toBeNull();
  });

  it('writes one sentence naming the alarms, the day and what to do', () => {
    expect(describeStoppingAlarms(['motor_stall'])).toBe('motor stall');
    expect(describeStoppingAlarms(['motor_stall', 'critical_error', 'end_of_service'])).toBe(
      'motor stall, critical error and end of service',
    );
    const day = parseCalendarDate('2027-01-21');
    expect(pumpAlarmMessage(['empty_reservoir'], day)).toBe(
      'The interrogation on 21 Jan 2027 showed empty reservoir: the pump no longer delivers drug (withdrawal risk); refill now and find out why it ran empty.',
    );
    expect(pumpAlarmMessage(['motor_stall'], day)).toContain('check the pump and catheter now.');
    expect(pumpAlarmMessage(['motor_stall', 'end_of_service'], day)).toContain('replace the pump now.');
  });
});

describe('assessPatient with a stopping alarm at the latest interrogation', () => {
  it('makes the refill critical with PUMP_ALARM dated in the site’s zone, and orders by the interrogation day', () => {
    const quiet = assessPatient(input());
    expect(quiet.refill?.status).not.toBe('critical');
    const stalled = assessPatient(
      input({ pump: pump({ latestInterrogation: interrogation({ alarms: ['motor_stall'] }) }) }),
    );
    expect(stalled.refill?.status).toBe('critical');
    expect(stalled.findings[0]).toMatchObject({
      code: 'PUMP_ALARM',
      severity: 'critical',
      facts: { reportedOn: '2027-01-21', alarms: 'motor_stall' },
    });
    expect(stalled.findings[0]?.message).toContain('on 21 Jan 2027 showed motor stall');
    expect(stalled.refill?.message).toBe(stalled.findings[0]?.message);
    expect(stalled.priority).toMatchObject({ urgency: 'critical', date: '2027-01-21' });
  });

  it('is not critical before the interrogation’s instant (a clock a few minutes ahead)', () => {
    const ahead = assessPatient(
      input({
        now: new Date(interrogatedAt.getTime() - 60_000),
        pump: pump({ latestInterrogation: interrogation({ alarms: ['motor_stall'] }) }),
      }),
    );
    expect(ahead.findings.map((finding) => finding.code)).not.toContain('PUMP_ALARM');
  });

  it('is cleared by a later interrogation without the alarm', () => {
    const later = assessPatient(
      input({ pump: pump({ latestInterrogation: interrogation({ at: new Date('2027-01-22T00:00:00Z') }) }) }),
    );
    expect(later.findings.map((finding) => finding.code)).not.toContain('PUMP_ALARM');
  });

  it('makes a pump that cannot be projected critical too, with both findings', () => {
    const result = assessPatient(
      input({
        pump: pump({ lastRefill: null, latestInterrogation: interrogation({ alarms: ['critical_error'] }) }),
      }),
    );
    expect(result.refill?.status).toBe('critical');
    expect(result.refill?.findings.map((finding) => finding.code)).toEqual([
      'PUMP_ALARM',
      'NO_REFILL_ON_RECORD',
    ]);
    expect(result.refill?.message).toContain('critical error');
    expect(result.priority).toMatchObject({ urgency: 'critical' });
    const schedule = scheduleOf(
      input({
        pump: pump({ lastRefill: null, latestInterrogation: interrogation({ alarms: ['critical_error'] }) }),
      }),
    );
    expect(schedule.refill.state).toBe('no_refill');
    expect(scheduleStatusOn(schedule, input().now, zone)).toMatchObject({
      refill: 'critical',
      refillOrderDate: '2027-01-21',
    });
    expect(scheduleStatusOn(schedule, new Date(interrogatedAt.getTime() - 1), zone).refill).toBe('unknown');
  });

  it('reads end of service as ERI shown, the pump stopped on that day', () => {
    const result = assessPatient(
      input({ pump: pump({ latestInterrogation: interrogation({ batteryStatus: 'end_of_service' }) }) }),
    );
    expect(result.battery).toMatchObject({
      status: 'eri_reported',
      eriReportedDate: '2027-01-21',
      endOfService: '2027-01-21',
    });
    expect(result.battery?.message).toBe(
      'End of service reported on 21 Jan 2027: the pump has stopped and no longer delivers drug (withdrawal risk); replace it now.',
    );
    expect(result.refill?.status).toBe('critical');
    const schedule = scheduleOf(
      input({ pump: pump({ latestInterrogation: interrogation({ batteryStatus: 'end_of_service' }) }) }),
    );
    expect(schedule.battery).toMatchObject({ eriReportedDate: '2027-01-21', endOfService: '2027-01-21' });
    expect(schedule.pumpAlarm?.alarms).toEqual(['end_of_service']);
  });
});

describe('assessBattery with end of service reported', () => {
  const base = {
    implantDate: parseCalendarDate('2020-03-15'),
    batteryLifeMinYears: 5,
    batteryLifeMaxYears: 7,
    eriToEndOfServiceDays: 90,
    today: parseCalendarDate('2025-03-01'),
    settings: DEFAULT_CLINIC_SETTINGS.battery,
  };

  it('keeps an earlier ERI and the earlier of the expected end and the reported one', () => {
    const early = assessBattery({
      ...base,
      eriReportedDate: parseCalendarDate('2024-10-01'),
      endOfServiceReportedDate: parseCalendarDate('2025-02-01'),
    });
    // ERI + 90 days = 30 Dec 2024, before the interrogation that found it stopped.
    expect(early).toMatchObject({ eriReportedDate: '2024-10-01', endOfService: '2024-12-30' });
    const late = assessBattery({
      ...base,
      eriReportedDate: parseCalendarDate('2025-01-20'),
      endOfServiceReportedDate: parseCalendarDate('2025-02-01'),
    });
    expect(late).toMatchObject({ eriReportedDate: '2025-01-20', endOfService: '2025-02-01' });
    expect(late.findings[0]?.facts).toMatchObject({ endOfServiceReportedDate: '2025-02-01' });
  });
});

describe('critical periods', () => {
  it('merge a stopping alarm with a stop in force, and keep a stop that ended apart', () => {
    const stop = new Date('2027-01-12T00:00:00Z');
    const restart = new Date('2027-01-14T00:00:00Z');
    const facts = pump({
      programs: [
        simpleProgram(300, 500, '2026-06-01T09:00:00Z'),
        stoppedProgram(500, stop),
        simpleProgram(300, 500, restart),
      ],
      latestInterrogation: interrogation({ at: new Date('2027-01-13T00:00:00Z'), alarms: ['motor_stall'] }),
    });
    const schedule = scheduleOf(input({ pump: facts }));
    expect(schedule.refill.criticalPeriods).toEqual([{ from: stop, to: null }]);
    const engine = assessPatient(input({ pump: facts }));
    // The stretch in force began with the stop: the engine and the table order the patient alike.
    expect(engine.priority.date).toBe(scheduleStatusOn(schedule, input().now, zone).refillOrderDate);
    expect(engine.priority.date).toBe('2027-01-12');
    expect(
      mergePeriods([
        { from: stop, to: restart },
        { from: restart, to: null },
      ]),
    ).toEqual([{ from: stop, to: null }]);
    expect(criticalPeriodsOf({ kind: 'unknown', reason: 'no_program' }, null)).toEqual([]);
  });
});

describe('refillEntryMessage for a stopping alarm', () => {
  it('names the alarms and the interrogation day, and what cannot be projected', () => {
    const facts = {
      status: 'critical' as const,
      today: parseCalendarDate('2027-01-25'),
      dueDate: null,
      alarmDate: null,
      emptyDate: null,
      nextBookedRefill: null,
      noAppointmentByDueDate: false,
      critical: {
        cause: 'pump_alarm' as const,
        since: parseCalendarDate('2027-01-12'),
        alarms: ['motor_stall' as const],
        reportedOn: parseCalendarDate('2027-01-21'),
      },
    };
    expect(refillEntryMessage({ ...facts, projection: 'projected' })).toBe(
      'The interrogation on 21 Jan 2027 showed motor stall: the pump no longer delivers drug (withdrawal risk); check the pump and catheter now.',
    );
    expect(refillEntryMessage({ ...facts, projection: 'no_refill' })).toContain('No refill is on record');
  });
});

describe('formatDateTime', () => {
  it('shows the site’s wall clock, across a DST change', () => {
    expect(formatDateTime(new Date('2027-01-20T22:05:00Z'), zone)).toBe('21 Jan 2027 09:05');
    expect(formatDateTime(new Date('2027-07-01T12:00:00Z'), 'Europe/London')).toBe('1 Jul 2027 13:00');
    expect(formatDateTime(new Date('2027-01-01T12:00:00Z'), 'Europe/London')).toBe('1 Jan 2027 12:00');
  });
});
