import { assessFollowUp, calendarDateToUtcDate } from '@pumpdesk/domain';
import { latestRefill, reviewDatesOf, toDateColumn } from '../assessment/engine-inputs.ts';
import { type Prisma } from '../generated/prisma/client.ts';
import { type AppointmentPlan, type RefillBooking, renderAppointments } from './appointments.ts';
import { type ClinicPlan, DEMO_CLINIC_SETTINGS } from './clinic-plan.ts';
import { seededUuidV7 } from './ids.ts';
import {
  batteryTherapy,
  clockFor,
  endedTherapy,
  fitTherapy,
  patientRandom,
  type PlacedTherapy,
} from './patient-history.ts';
import { drawProfile, type PatientProfile } from './patient-profile.ts';
import { type Prng } from './prng.ts';
import { emptyRecords, type PatientRecords } from './records.ts';
import { type RenderContext } from './render-context.ts';
import { renderPumps } from './render-pumps.ts';
import { type Scenario } from './scenarios.ts';
import { classifyPatient, satisfiesScenario } from './today-states.ts';
import { renderTrials } from './trials.ts';
import { renderVisits } from './visits.ts';

// One patient, all rows. Each patient draws from a generator seeded by (clinic seed, patient index),
// so a patient's data does not depend on the patients before it: the clinic can be generated in
// batches and streamed into the database.

/** Every row of patient `index`. Patients with a scenario are redrawn until they are in it. */
export function generatePatient(plan: ClinicPlan, index: number): PatientRecords {
  const scenario = plan.scenarios.get(index) ?? null;
  const base = patientRandom(plan, index);
  if (scenario === null) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const records = buildPatient(plan, index, null, attempt === 0 ? base : base.fork(attempt));
      if (records) return records;
    }
    throw new Error(`Could not place patient ${index}`);
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    const records = buildPatient(plan, index, scenario, base.fork(attempt));
    const patient = records?.patients[0];
    if (!records || !patient) continue;
    const zone = plan.sites.find((site) => site.id === patient.siteId)?.timeZone ?? 'UTC';
    const states = classifyPatient(records, { timeZone: zone, today: plan.today, models: plan.pumpModels });
    if (satisfiesScenario(scenario, states, records)) return records;
  }
  throw new Error(`Could not build patient ${index} in scenario ${scenario}`);
}

function buildPatient(
  plan: ClinicPlan,
  index: number,
  scenario: Scenario | null,
  random: Prng,
): PatientRecords | null {
  const profile = drawProfile(random, plan, index, scenario);
  const therapy = placeTherapy(random, plan, profile, scenario);
  if (therapy === undefined) return null;
  const day0 = therapy?.day0 ?? plan.today;
  const context: RenderContext = {
    plan,
    profile,
    patientId: '',
    clock: clockFor(profile, day0),
    random,
    ids: random.fork(0x1d5),
  };
  const referralDay = referralDayOf(random, profile, therapy);
  context.patientId = seededUuidV7(context.clock.instant(referralDay, 10 * 60).getTime(), context.ids);
  const records = emptyRecords();
  records.trials.push(...trialsFor(context, therapy));
  const visitInfo: TherapyInfo = therapy
    ? renderTherapy(context, therapy, scenario, records)
    : { nextReviewDay: null, dueDay: null, visits: [] };
  records.appointments.push(
    ...renderAppointments(context, appointmentPlan(context, therapy, scenario, visitInfo)),
  );
  records.patients.push(patientRow(context, referralDay));
  return records;
}

/** undefined: this draw could not be placed (try again); null: no pump therapy (candidate, trial...). */
function placeTherapy(
  random: Prng,
  plan: ClinicPlan,
  profile: PatientProfile,
  scenario: Scenario | null,
): PlacedTherapy | null | undefined {
  if (profile.softDeleted) return null;
  switch (profile.status) {
    case 'candidate':
    case 'trial':
    case 'inactive':
      return null;
    case 'explanted':
    case 'deceased':
    case 'transferred':
      return endedTherapy(random, plan, profile, profile.status);
    case 'active':
      if (scenario === 'eri_reported' || scenario?.startsWith('battery_'))
        return batteryTherapy(random, plan, profile, scenario);
      return fitTherapy(random, plan, profile, scenario) ?? undefined;
  }
}

interface TherapyInfo {
  nextReviewDay: number | null;
  dueDay: number | null;
  visits: { day: number; minute: number }[];
}

/** Pumps, programs, refills, interrogations and visits of an implanted patient. */
function renderTherapy(
  context: RenderContext,
  therapy: PlacedTherapy,
  scenario: Scenario | null,
  records: PatientRecords,
): TherapyInfo {
  const { random } = context;
  const titrationDays = therapy.pumps[0]?.refills.filter((r) => r.titration).map((r) => r.day) ?? [];
  const refillDays = new Set(therapy.pumps.flatMap((pump) => pump.refills.map((r) => r.day)));
  const noVisits = scenario === 'never_reviewed' || scenario === 'first_review_due';
  const lastReviewBeforeEnd = noVisits ? null : lastReviewGap(random, scenario, therapy);
  const visits = renderVisits(context, {
    titrationDays,
    replacementDays: therapy.pumps.slice(1).map((pump) => pump.implantDay),
    refillDays,
    endDay: therapy.endDay,
    lastReviewBeforeEnd,
  });
  records.followUpVisits.push(...visits.rows);
  const explantReason = random.pick([
    'infection',
    'therapy_stopped',
    'patient_request',
    'catheter_complication',
  ] as const);
  const ending = { endDay: therapy.endDay, outcome: therapy.outcome, explantReason };
  const rows = renderPumps(
    context,
    therapy.pumps,
    ending,
    visits.visits.map((v) => v.day),
  );
  records.catheters.push(...rows.catheters);
  records.catheterRevisions.push(...rows.catheterRevisions);
  records.pumps.push(...rows.pumps);
  records.dosePrograms.push(...rows.dosePrograms);
  records.doseProgramSteps.push(...rows.doseProgramSteps);
  records.doseProgramBoluses.push(...rows.doseProgramBoluses);
  records.refills.push(...rows.refills);
  records.interrogations.push(...rows.interrogations);
  const continuing = therapy.outcome === 'continuing';
  const current = rows.pumps.find((pump) => pump.status === 'implanted');
  const { clock } = context;
  // The next review as the engine dates it (after the last review, or the first review after implant).
  const followUp =
    continuing && current
      ? assessFollowUp({
          implantDate: toDateColumn(current.implantDate),
          reviewDates: reviewDatesOf(visits.rows),
          today: clock.date(therapy.todayDay),
          settings: DEMO_CLINIC_SETTINGS.followUp,
        })
      : null;
  return {
    nextReviewDay: followUp ? clock.dayOf(followUp.nextReviewDue) : null,
    dueDay: continuing && current ? dueDayOf(rows.refills, current.id, clock) : null,
    visits: visits.visits,
  };
}

/**
 * Days between the last review and the end of the timeline: mostly within the clinic's review
 * interval, some beyond it (overdue), all of a follow-up-overdue scenario's.
 */
function lastReviewGap(random: Prng, scenario: Scenario | null, therapy: PlacedTherapy): number {
  const interval = DEMO_CLINIC_SETTINGS.followUp.intervalDays;
  if (scenario === 'follow_up_overdue') return random.int(interval + 18, interval + 148);
  if (therapy.outcome !== 'continuing') return random.int(10, interval - 12);
  return random.chance(0.93) ? random.int(1, interval - 7) : random.int(interval + 1, interval + 148);
}

function trialsFor(context: RenderContext, therapy: PlacedTherapy | null): Prisma.TrialCreateManyInput[] {
  const { random, profile } = context;
  if (profile.softDeleted) return [];
  // Most candidates are still being assessed; some had a first test that was inconclusive.
  if (profile.status === 'candidate')
    return random.chance(0.25) ? renderTrials(context, 'inconclusive', random.int(3, 30)) : [];
  if (profile.status === 'trial') return renderTrials(context, 'in_progress', random.int(1, 20));
  if (profile.status === 'inactive') return renderTrials(context, 'non_responder', random.int(120, 1200));
  // Patients implanted long ago may have had their screening test elsewhere.
  if (!therapy || random.chance(0.12)) return [];
  return renderTrials(context, 'before_implant', random.int(20, 120));
}

/** Referral: some months before the first trial or implant, or recently for a candidate. */
function referralDayOf(random: Prng, profile: PatientProfile, therapy: PlacedTherapy | null): number {
  if (therapy) return -random.int(150, 400);
  if (profile.status === 'candidate') return -random.int(35, 150);
  if (profile.status === 'trial') return -random.int(40, 150);
  return -random.int(1300, 1800);
}

/** The current pump's due date: its last refill's snapshot (what the engine computed at that refill). */
function dueDayOf(
  refills: readonly Prisma.RefillCreateManyInput[],
  pumpId: string | undefined,
  clock: RenderContext['clock'],
): number | null {
  const last = latestRefill(refills.filter((refill) => refill.pumpId === pumpId));
  return last?.dueDateSnapshot ? clock.dayOf(toDateColumn(last.dueDateSnapshot)) : null;
}

function patientRow(context: RenderContext, referralDay: number): Prisma.PatientCreateManyInput {
  const { profile, clock, random } = context;
  const referred = clock.instant(referralDay, 10 * 60);
  return {
    id: context.patientId,
    mrn: profile.mrn,
    givenName: profile.givenName,
    familyName: profile.familyName,
    dateOfBirth: calendarDateToUtcDate(profile.dateOfBirth),
    sex: profile.sex,
    diagnosis: profile.diagnosis,
    injuryLevel: profile.injuryLevel,
    diagnosisNote: profile.diagnosisNote,
    spasticityOrigin: profile.origin,
    ageGroup: profile.ageGroup,
    injuryAtOrAboveT6: profile.injuryAtOrAboveT6,
    cannotCommunicate: profile.cannotCommunicate,
    highRisk: profile.highRisk,
    highRiskReason: profile.highRiskReason,
    status: profile.status,
    siteId: profile.site.id,
    responsiblePhysicianId: profile.physicianId,
    // A duplicate registration, removed a few days later: hidden from lists, kept for the audit trail.
    deletedAt: profile.softDeleted ? clock.instant(referralDay + random.int(1, 20), 15 * 60) : null,
    createdAt: referred,
    updatedAt: referred,
  };
}

function appointmentPlan(
  context: RenderContext,
  therapy: PlacedTherapy | null,
  scenario: Scenario | null,
  info: TherapyInfo,
): AppointmentPlan {
  // Past refills of the patient's own care only: after a transfer or explant there are none.
  const refills = therapy ? therapy.pumps.flatMap((pump) => pump.refills.filter((r) => !r.implantFill)) : [];
  return {
    todayDay: therapy?.todayDay ?? 0,
    refills,
    visits: info.visits,
    dueDay: info.dueDay,
    refillBooking: bookingFor(scenario),
    nextReviewDay: info.nextReviewDay,
    extra: extraBooking(context, scenario),
  };
}

function bookingFor(scenario: Scenario | null): RefillBooking {
  switch (scenario) {
    case 'due_this_week_booked':
    case 'due_in_month_booked':
      return 'before_due';
    case 'refill_overdue_booked':
      return 'after_due';
    case 'due_this_week_not_booked':
    case 'due_in_month_not_booked':
    case 'refill_overdue':
    case 'refill_overdue_high_risk':
    case 'past_alarm_high_cord_injury':
    case 'past_alarm_cannot_communicate':
    case 'reservoir_empty':
      return 'none';
    default:
      return 'natural';
  }
}

function extraBooking(context: RenderContext, scenario: Scenario | null): AppointmentPlan['extra'] {
  const { random, profile } = context;
  if (scenario === 'battery_in_window') return { kind: 'replacement_consult', inDays: random.int(7, 30) };
  if (scenario === 'eri_reported') return { kind: 'surgery', inDays: random.int(14, 45) };
  if (profile.softDeleted) return null;
  if (profile.status === 'candidate' && random.chance(0.7))
    return { kind: 'follow_up', inDays: random.int(7, 42) };
  if (profile.status === 'trial' && random.chance(0.6))
    return { kind: 'surgery', inDays: random.int(14, 56) };
  return null;
}
