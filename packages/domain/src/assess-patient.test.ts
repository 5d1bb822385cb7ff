import { describe, expect, it } from 'vitest';
import {
  alarmVolumeOf,
  assessPatient,
  type ImplantedPumpFacts,
  isReviewVisit,
  type PatientAssessmentInput,
} from './assess-patient.ts';
import { parseCalendarDate } from './calendar-date.ts';
import { DEFAULT_CLINIC_SETTINGS } from './settings.ts';
import { compareWorklistPriority } from './priority.ts';
import { simpleProgram, stoppedProgram } from './testing/programs.ts';

const zone = 'Europe/London';
const synchroMed20 = {
  reservoirMl: 20,
  defaultAlarmVolumeMl: 2,
  batteryLifeMinYears: 5,
  batteryLifeMaxYears: 7,
  eriToEndOfServiceDays: 90,
};

/** 20 mL at 500 mcg/mL and 300 mcg/day from 10 Jan 2027 10:00: alarm 9 Feb, due 5 Feb (domain doc). */
function pump(overrides: Partial<ImplantedPumpFacts> = {}): ImplantedPumpFacts {
  return {
    implantDate: parseCalendarDate('2024-06-03'),
    model: synchroMed20,
    alarmVolumeOverrideMl: null,
    eriReportedDate: null,
    lastRefill: { at: new Date('2027-01-10T10:00:00Z'), volumeAfterMl: 20 },
    programs: [simpleProgram(300, 500, '2026-06-01T09:00:00Z')],
    latestInterrogation: null,
    ...overrides,
  };
}

function input(overrides: Partial<PatientAssessmentInput> = {}): PatientAssessmentInput {
  return {
    now: new Date('2027-01-20T12:00:00Z'),
    timeZone: zone,
    settings: DEFAULT_CLINIC_SETTINGS,
    patient: { highRisk: false, injuryAtOrAboveT6: false, cannotCommunicate: false },
    pump: pump(),
    reviewDates: [parseCalendarDate('2026-12-01')],
    appointments: [],
    ...overrides,
  };
}

describe('assessPatient', () => {
  it('puts the refill, battery and follow-up of one patient together, dated in the clinic zone', () => {
    const result = assessPatient(input());
    expect(result.today).toBe('2027-01-20');
    expect(result.refill?.due?.dueDate).toBe('2027-02-05');
    expect(result.refill?.status).toBe('upcoming');
    expect(result.battery?.status).toBe('ok');
    expect(result.followUp?.nextReviewDue).toBe('2027-06-01');
    expect(result.risk.highRisk).toBe(false);
    // Due in 16 days and nothing booked: the one finding, and the refill leads the worklist key.
    expect(result.findings.map((finding) => finding.code)).toEqual(['NO_APPOINTMENT_BY_DUE_DATE']);
    expect(result.priority).toEqual({ urgency: 'upcoming', highRisk: false, date: '2027-02-05' });
  });

  it('gives high-risk patients the larger margin and marks their worklist key', () => {
    const result = assessPatient(
      input({ patient: { highRisk: false, injuryAtOrAboveT6: true, cannotCommunicate: false } }),
    );
    expect(result.refill?.due?.dueDate).toBe('2027-02-02');
    expect(result.refill?.due?.marginDays).toBe(7);
    expect(result.risk.reasons).toEqual(['injury_at_or_above_t6']);
    expect(result.priority.highRisk).toBe(true);
  });

  it("uses the pump's alarm override instead of the model's default", () => {
    const overridden = pump({ alarmVolumeOverrideMl: 4 });
    expect(alarmVolumeOf(overridden)).toBe(4);
    // (20 − 4) / 0.6 = 26⅔ days after 10 Jan 10:00: alarm 6 Feb 2027 02:00, due 2 Feb.
    const result = assessPatient(input({ pump: overridden }));
    expect(result.refill?.projection).toMatchObject({ alarmAt: new Date('2027-02-06T02:00:00Z') });
    expect(result.refill?.due?.alarmDate).toBe('2027-02-06');
    expect(result.refill?.due?.dueDate).toBe('2027-02-02');
  });

  it('orders by the most urgent aspect: an ERI outranks a refill that is merely upcoming', () => {
    const result = assessPatient(input({ pump: pump({ eriReportedDate: parseCalendarDate('2027-01-15') }) }));
    expect(result.battery?.status).toBe('eri_reported');
    expect(result.priority.urgency).toBe('critical');
    expect(result.findings[0]?.code).toBe('ERI_REPORTED');
  });

  it('is critical past the alarm and lists that finding first', () => {
    const result = assessPatient(input({ now: new Date('2027-02-10T12:00:00Z') }));
    expect(result.refill?.status).toBe('critical');
    expect(result.findings[0]?.code).toBe('PAST_ALARM');
    expect(result.priority).toMatchObject({ urgency: 'critical', date: '2027-02-09' });
  });

  it('has no refill or battery assessment without a pump, and no follow-up without any review', () => {
    const candidate = assessPatient(input({ pump: null, reviewDates: [] }));
    expect(candidate.refill).toBeNull();
    expect(candidate.battery).toBeNull();
    expect(candidate.followUp).toBeNull();
    expect(candidate.findings).toEqual([]);
    expect(candidate.priority).toEqual({ urgency: 'ok', highRisk: false, date: null });
  });

  it('reports an unknown reservoir when no refill is on record', () => {
    const result = assessPatient(input({ pump: pump({ lastRefill: null }) }));
    expect(result.refill?.status).toBe('unknown');
    expect(result.priority.urgency).toBe('unknown');
    expect(result.findings.map((finding) => finding.code)).toContain('NO_REFILL_ON_RECORD');
  });
});

describe('assessPatient: order among critical patients', () => {
  it('dates a stopped pump by its stop, an ERI by its end of service, a past alarm by the alarm', () => {
    const now = new Date('2027-03-10T12:00:00Z');
    const lastRefill = { at: new Date('2027-03-01T10:00:00Z'), volumeAfterMl: 20 };
    const stopped = assessPatient(
      input({
        now,
        pump: pump({
          lastRefill,
          programs: [
            simpleProgram(300, 500, '2026-06-01T09:00:00Z'),
            stoppedProgram(500, '2027-03-09T09:00:00Z'),
          ],
        }),
      }),
    );
    expect(stopped.priority).toMatchObject({ urgency: 'critical', date: '2027-03-09' });
    const eri = assessPatient(
      input({ now, pump: pump({ lastRefill, eriReportedDate: parseCalendarDate('2027-03-01') }) }),
    );
    expect(eri.priority).toMatchObject({ urgency: 'critical', date: '2027-05-30' });
    const pastAlarm = assessPatient(
      input({ now, pump: pump({ lastRefill: { at: new Date('2027-02-06T10:00:00Z'), volumeAfterMl: 20 } }) }),
    );
    expect(pastAlarm.priority).toMatchObject({ urgency: 'critical', date: '2027-03-08' });
    const order = [eri, stopped, pastAlarm].map((a) => a.priority).sort(compareWorklistPriority);
    expect(order.map((key) => key.date)).toEqual(['2027-03-08', '2027-03-09', '2027-05-30']);
  });
});

describe('isReviewVisit', () => {
  it('counts every visit but an emergency as a review', () => {
    expect(isReviewVisit('review')).toBe(true);
    expect(isReviewVisit('refill_and_review')).toBe(true);
    expect(isReviewVisit('titration')).toBe(true);
    expect(isReviewVisit('post_implant')).toBe(true);
    expect(isReviewVisit('emergency')).toBe(false);
  });
});
