import {
  addDays,
  assessPatient,
  calendarDateToUtcDate,
  fromDayNumber,
  type PatientAssessment,
  parseCalendarDate,
  startOfDayInZone,
  toDayNumber,
} from '@pumpdesk/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPatientAssessmentInput } from '../assessment/engine-inputs.ts';
import { PatientStatus } from '../generated/prisma/client.ts';
import { type ClinicPlan, DEMO_CLINIC_SETTINGS } from './clinic-plan.ts';
import { generateDemoBatches, planDemoClinic, summariseDemoClinic } from './demo-clinic.ts';
import { patientViolations } from './demo-invariants.ts';
import { type PatientRecords } from './records.ts';
import { ALL_SCENARIOS, scenarioSlots } from './scenarios.ts';
import { demoNow } from './site-clock.ts';
import { TODAY_STATES } from './today-states.ts';

const today = parseCalendarDate('2026-11-25');

function allPatients(plan: ClinicPlan): PatientRecords[] {
  return [...generateDemoBatches(plan)].flatMap((batch) => batch.records);
}

describe('the demo clinic generator', () => {
  it('is deterministic: the same seed and day give identical rows', () => {
    const first = JSON.stringify(allPatients(planDemoClinic({ patients: 60, seed: 7, today })));
    const second = JSON.stringify(allPatients(planDemoClinic({ patients: 60, seed: 7, today })));
    expect(second).toBe(first);
  });

  it('gives a different clinic for a different seed', () => {
    const a = allPatients(planDemoClinic({ patients: 60, seed: 7, today }));
    const b = allPatients(planDemoClinic({ patients: 60, seed: 8, today }));
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(b.map((p) => p.patients[0]?.familyName)).not.toEqual(a.map((p) => p.patients[0]?.familyName));
  });

  it('generates a patient the same way whatever the batch size (streaming does not change data)', () => {
    const plan = planDemoClinic({ patients: 60, seed: 3, today });
    const small = [...generateDemoBatches(plan, 7)].flatMap((batch) => batch.records);
    expect(JSON.stringify(small)).toBe(JSON.stringify(allPatients(plan)));
  });

  it.each([250, 60, 50])('puts patients in every flagged state at %i patients', (patients) => {
    const summary = summariseDemoClinic(planDemoClinic({ patients, today }));
    for (const state of TODAY_STATES) expect(summary.states[state], state).toBeGreaterThan(0);
    for (const status of Object.values(PatientStatus))
      expect(summary.patientsByStatus[status], status).toBeGreaterThan(0);
    expect(summary.softDeletedPatients).toBeGreaterThan(0);
    expect(summary.patients).toBe(patients);
  });

  it('keeps the default clinic mostly active, with history', () => {
    const summary = summariseDemoClinic(planDemoClinic({ today }));
    expect(summary.patients).toBe(250);
    expect(summary.patientsByStatus.active / summary.patients).toBeGreaterThan(0.55);
    expect(summary.refills / summary.pumps).toBeGreaterThan(10);
    expect(summary.pumps).toBeGreaterThan(summary.pumpsImplanted);
  });

  it('places one scenario per slot, spread over the patients, one of each even in a small clinic', () => {
    const slots = scenarioSlots(60);
    expect(new Set(slots.values())).toEqual(new Set(ALL_SCENARIOS));
    expect([...slots.keys()].every((index) => index >= 0 && index < 60)).toBe(true);
  });

  it('refuses sizes outside 1–100,000', () => {
    expect(() => planDemoClinic({ patients: 0, today })).toThrow(RangeError);
    expect(() => planDemoClinic({ patients: 100_001, today })).toThrow(RangeError);
  });
});

describe('internal consistency of every generated patient', () => {
  it('holds for the default clinic', () => {
    const plan = planDemoClinic({ today });
    const problems = allPatients(plan).flatMap((records) => patientViolations(plan, records));
    expect(problems).toEqual([]);
  });

  it('gives unique MRNs, ids and pump serial numbers', () => {
    const patients = allPatients(planDemoClinic({ patients: 250, today }));
    const mrns = patients.map((p) => p.patients[0]?.mrn);
    expect(new Set(mrns).size).toBe(mrns.length);
    expect(mrns.every((mrn) => /^PD\d{6}$/.test(mrn ?? ''))).toBe(true);
    const ids = patients.flatMap((p) =>
      Object.values(p).flatMap((rows: { id?: string }[]) => rows.map((row) => row.id)),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const serials = patients.flatMap((p) => p.pumps.map((pump) => `${pump.modelId}/${pump.serialNumber}`));
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('property: holds, with every state present, for any seed, size ≥ 50 and day', () => {
    const day = fc.integer({
      min: toDayNumber(parseCalendarDate('2024-01-01')),
      max: toDayNumber(parseCalendarDate('2032-12-31')),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 50, max: 90 }),
        day,
        (seed, patients, dayNumber) => {
          const plan = planDemoClinic({ patients, seed, today: fromDayNumber(dayNumber) });
          const records = allPatients(plan);
          expect(records.flatMap((patient) => patientViolations(plan, patient))).toEqual([]);
          const summary = summariseDemoClinic(plan);
          for (const state of TODAY_STATES) expect(summary.states[state], state).toBeGreaterThan(0);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('builds history before today and bookings from today on, in each site’s calendar', () => {
    const plan = planDemoClinic({ patients: 120, today: addDays(today, 40) });
    for (const patient of allPatients(plan)) {
      const zone = plan.sites.find((site) => site.id === patient.patients[0]?.siteId)?.timeZone ?? 'UTC';
      const startOfToday = startOfDayInZone(plan.today, zone).getTime();
      for (const refill of patient.refills)
        expect((refill.performedAt as Date).getTime()).toBeLessThan(startOfToday);
      for (const visit of patient.followUpVisits)
        expect((visit.visitDate as Date).getTime()).toBeLessThan(startOfToday);
      for (const row of patient.appointments) {
        const starts = (row.startsAt as Date).getTime();
        if (row.status === 'booked') expect(starts).toBeGreaterThanOrEqual(startOfToday);
        else expect(starts).toBeLessThan(startOfToday);
      }
    }
  });
});

/**
 * The engine's view of every active patient of a clinic, from the rows alone (the test joins the tables
 * itself and goes through the API's row mappers), with the patient's implanted pump row.
 */
function assessActivePatients(
  plan: ClinicPlan,
): { records: PatientRecords; pump: PatientRecords['pumps'][number]; assessment: PatientAssessment }[] {
  return allPatients(plan).flatMap((records) => {
    const patient = records.patients[0];
    const pump = records.pumps.find((row) => row.status === 'implanted');
    if (!patient || patient.deletedAt || patient.status !== 'active' || !pump) return [];
    const model = plan.pumpModels.get(pump.modelId);
    if (!model) throw new Error(`unknown model ${pump.modelId}`);
    const timeZone = plan.sites.find((site) => site.id === patient.siteId)?.timeZone ?? 'UTC';
    const dosePrograms = records.dosePrograms
      .filter((program) => program.pumpId === pump.id)
      .map((program) => ({
        ...program,
        steps: records.doseProgramSteps.filter((step) => step.programId === program.id),
        boluses: records.doseProgramBoluses.filter((bolus) => bolus.programId === program.id),
      }));
    const refills = records.refills.filter((refill) => refill.pumpId === pump.id);
    const input = toPatientAssessmentInput(
      {
        patient,
        pump: { ...pump, model, dosePrograms, refills },
        followUpVisits: records.followUpVisits,
        appointments: records.appointments,
      },
      { now: demoNow(plan.today, timeZone), timeZone, settings: DEMO_CLINIC_SETTINGS },
    );
    return [{ records, pump, assessment: assessPatient(input) }];
  });
}

const time = (value: Date | string | null | undefined): number | null =>
  value === null || value === undefined ? null : new Date(value).getTime();

describe('the scheduling engine over the default demo clinic (250 patients)', () => {
  let cached: ReturnType<typeof assessActivePatients> | undefined;
  const activePatients = () => (cached ??= assessActivePatients(planDemoClinic({ today })));

  it('finds every refill status, finding, battery and follow-up state among the active patients', () => {
    const assessed = activePatients();
    const refillStatuses = new Set(assessed.map(({ assessment }) => assessment.refill?.status));
    const codes = new Set(
      assessed.flatMap(({ assessment }) => assessment.findings.map((finding) => finding.code)),
    );
    const critical = (code: string) =>
      assessed.some(
        ({ assessment }) =>
          assessment.refill?.status === 'critical' &&
          assessment.refill.findings.some((finding) => finding.code === code),
      );
    expect(critical('PAST_ALARM'), 'critical via PAST_ALARM').toBe(true);
    expect(critical('RESERVOIR_EMPTY'), 'critical via RESERVOIR_EMPTY').toBe(true);
    for (const status of ['overdue', 'due_soon', 'upcoming'] as const)
      expect(refillStatuses.has(status), `refill ${status}`).toBe(true);
    expect(codes.has('NO_APPOINTMENT_BY_DUE_DATE')).toBe(true);
    const batteries = new Set(assessed.map(({ assessment }) => assessment.battery?.status));
    for (const status of ['approaching', 'in_window', 'replacement_overdue', 'eri_reported'] as const)
      expect(batteries.has(status), `battery ${status}`).toBe(true);
    const followUps = new Set(assessed.map(({ assessment }) => assessment.followUp?.status));
    for (const status of ['overdue', 'never_reviewed'] as const)
      expect(followUps.has(status), `follow-up ${status}`).toBe(true);
    const highRiskLate = assessed.filter(
      ({ assessment }) =>
        assessment.risk.highRisk &&
        (assessment.refill?.status === 'critical' || assessment.refill?.status === 'overdue'),
    );
    expect(highRiskLate.length).toBeGreaterThan(0);
    // Every active pump has a refill and a program on record, and none is stopped.
    expect(refillStatuses.has('unknown')).toBe(false);
    expect(codes.has('PUMP_STOPPED')).toBe(false);
  });

  it('stores with the last refill of every active pump the dates the engine computes from its rows', () => {
    const assessed = activePatients();
    expect(assessed.length).toBeGreaterThan(100);
    for (const { records, pump, assessment } of assessed) {
      const { refill } = assessment;
      const projection = refill?.projection.kind === 'projected' ? refill.projection : null;
      const label = records.patients[0]?.mrn;
      expect(projection, label).not.toBeNull();
      const last = records.refills
        .filter((row) => row.pumpId === pump.id)
        .sort((a, b) => (time(a.performedAt) ?? 0) - (time(b.performedAt) ?? 0))
        .at(-1);
      expect(time(last?.alarmAtSnapshot), label).toBe(time(projection?.alarmAt));
      expect(time(last?.emptyAtSnapshot), label).toBe(time(projection?.emptyAt));
      expect(time(last?.dueDateSnapshot), label).toBe(
        refill?.due ? calendarDateToUtcDate(refill.due.dueDate).getTime() : null,
      );
    }
  });
});
