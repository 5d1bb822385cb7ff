import {
  type CalendarDate,
  calendarDateInZone,
  compareCalendarDates,
  dailyDose,
  daysBetween,
  toCalendarDate,
} from '@pumpdesk/domain';
import { toDoseProgram } from '../assessment/engine-inputs.ts';
import { type ClinicPlan } from './clinic-plan.ts';
import { type PatientRecords } from './records.ts';

// The rules every generated patient must obey, written as checks over the rows (used by the tests;
// each returns the list of broken rules, empty when the patient is consistent).

const asDate = (value: Date | string | number): Date => (value instanceof Date ? value : new Date(value));
const num = (value: unknown): number => Number(value);
const RESERVOIR_BY_MODEL_ID = (plan: ClinicPlan): Map<string, number> => {
  const byKey = new Map([...plan.modelIds].map(([key, id]) => [id, Number(key.split('|')[2])]));
  return byKey;
};

export function patientViolations(plan: ClinicPlan, records: PatientRecords): string[] {
  const patient = records.patients[0];
  if (!patient) return ['no patient row'];
  const zone = plan.sites.find((site) => site.id === patient.siteId)?.timeZone;
  if (!zone) return ['unknown site'];
  const problems: string[] = [];
  const say = (message: string) => problems.push(`${patient.mrn}: ${message}`);
  checkProfile(records, say);
  checkPumps(records, zone, say);
  checkPrograms(records, say);
  checkRefills(plan, records, zone, say);
  checkVisits(records, say);
  checkAppointments(plan, records, zone, say);
  return problems;
}

type Say = (message: string) => void;

function checkProfile(records: PatientRecords, say: Say): void {
  const patient = records.patients[0];
  if (!patient) return;
  if (
    (patient.injuryLevel !== null && patient.injuryLevel !== undefined) !==
    (patient.diagnosis === 'spinal_cord_injury')
  )
    say('injury level iff spinal cord injury');
  const level = patient.injuryLevel ?? '';
  const high = /^C/.test(level) || /^T[1-6]$/.test(level);
  if (Boolean(patient.injuryAtOrAboveT6) !== high) say(`T6 flag inconsistent with level ${level}`);
  const cerebral = ['cerebral_palsy', 'stroke', 'brain_injury'].includes(patient.diagnosis);
  const spinal = ['multiple_sclerosis', 'spinal_cord_injury'].includes(patient.diagnosis);
  if (
    (cerebral && patient.spasticityOrigin !== 'cerebral') ||
    (spinal && patient.spasticityOrigin !== 'spinal')
  )
    say('origin does not fit the diagnosis');
  if (patient.highRisk && !patient.highRiskReason) say('high risk without a reason');
  const active = patient.status === 'active' && !patient.deletedAt;
  const implanted = records.pumps.filter((pump) => pump.status === 'implanted').length;
  if (implanted > 1) say('more than one implanted pump');
  if (active && implanted !== 1) say('an active patient without an implanted pump');
}

function checkPumps(records: PatientRecords, zone: string, say: Say): void {
  for (const pump of records.pumps) {
    const implant = toCalendarDate(asDate(pump.implantDate));
    const explant = pump.explantDate ? toCalendarDate(asDate(pump.explantDate)) : null;
    if ((pump.status === 'explanted') !== (explant !== null)) say('pump status and explant date disagree');
    if (explant && compareCalendarDates(explant, implant) < 0) say('explant before implant');
    if (pump.status === 'implanted' && pump.explantReason) say('implanted pump with an explant reason');
    const refills = sortedRefills(records, pump.id ?? '');
    for (const refill of refills) {
      const day = calendarDateInZone(asDate(refill.performedAt), zone);
      if (compareCalendarDates(day, implant) < 0 || (explant && compareCalendarDates(day, explant) > 0))
        say('refill outside the pump’s life');
    }
  }
}

function checkPrograms(records: PatientRecords, say: Say): void {
  for (const program of records.dosePrograms) {
    const steps = records.doseProgramSteps.filter((step) => step.programId === program.id);
    const boluses = records.doseProgramBoluses.filter((bolus) => bolus.programId === program.id);
    let expected: number;
    try {
      // The domain's daily dose of the program as read back from its rows.
      expected = dailyDose(toDoseProgram(program, steps, boluses)).totalMcg;
    } catch (error) {
      say(`program the engine cannot read: ${String(error)}`);
      continue;
    }
    if (Math.abs(expected - num(program.dailyDoseMcg)) > 0.0015)
      say(`daily dose ${num(program.dailyDoseMcg)} is not the domain's daily dose (${expected})`);
    if (![500, 1000, 2000].includes(num(program.concentrationMcgPerMl))) say('non-standard concentration');
    if (program.mode === 'simple_continuous' ? steps.length > 0 : steps.length === 0)
      say('steps do not fit the mode');
  }
  checkTitration(records, say);
}

/** Rises between consecutive programs of a pump stay within practice unless overridden. */
function checkTitration(records: PatientRecords, say: Say): void {
  const patient = records.patients[0];
  const limit = patient?.spasticityOrigin === 'spinal' && patient.ageGroup === 'adult' ? 0.3 : 0.15;
  const programs = [...records.dosePrograms].sort(
    (a, b) => asDate(a.effectiveFrom).getTime() - asDate(b.effectiveFrom).getTime(),
  );
  for (let i = 1; i < programs.length; i++) {
    const before = num(programs[i - 1]?.dailyDoseMcg);
    const after = programs[i];
    if (!after || after.titrationOverride) continue;
    if (num(after.dailyDoseMcg) > before * (1 + limit) + 0.01)
      say(`rise ${before} → ${num(after.dailyDoseMcg)} beyond ${limit * 100}% without override`);
  }
}

function sortedRefills(records: PatientRecords, pumpId: string): PatientRecords['refills'] {
  return records.refills
    .filter((refill) => refill.pumpId === pumpId)
    .sort((a, b) => asDate(a.performedAt).getTime() - asDate(b.performedAt).getTime());
}

function checkRefills(plan: ClinicPlan, records: PatientRecords, zone: string, say: Say): void {
  const reservoirs = RESERVOIR_BY_MODEL_ID(plan);
  for (const pump of records.pumps) {
    const reservoir = reservoirs.get(pump.modelId) ?? 0;
    const programs = records.dosePrograms.filter((program) => program.pumpId === pump.id);
    let previous: CalendarDate | null = null;
    for (const refill of sortedRefills(records, pump.id ?? '')) {
      const at = asDate(refill.performedAt).getTime();
      const day = calendarDateInZone(asDate(refill.performedAt), zone);
      if (previous && daysBetween(previous, day) > 180)
        say(`refill interval ${daysBetween(previous, day)} days > 180`);
      previous = day;
      if (num(refill.reservoirVolumeAfterMl) > reservoir || num(refill.volumeFilledMl) > reservoir)
        say('refill above the reservoir');
      const inForce = programs
        .filter((program) => asDate(program.effectiveFrom).getTime() <= at)
        .sort((a, b) => asDate(a.effectiveFrom).getTime() - asDate(b.effectiveFrom).getTime())
        .at(-1);
      if (!inForce || num(inForce.concentrationMcgPerMl) !== num(refill.concentrationMcgPerMl))
        say('refill concentration differs from the program in force');
    }
  }
}

function checkVisits(records: PatientRecords, say: Say): void {
  for (const visit of records.followUpVisits) {
    const frequency = visit.pennFrequency ?? null;
    const severity = visit.pennSeverity ?? null;
    if ((frequency === 0 || frequency === null) !== (severity === null))
      say('Penn severity must be null exactly when the frequency is 0');
  }
}

/** Booked appointments: on a weekday, inside opening hours, in the site's zone. */
function checkAppointments(plan: ClinicPlan, records: PatientRecords, zone: string, say: Say): void {
  const site = plan.sites.find((candidate) => candidate.timeZone === zone);
  if (!site) return;
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  });
  for (const appointment of records.appointments) {
    const parts = Object.fromEntries(
      clock.formatToParts(asDate(appointment.startsAt)).map((part) => [part.type, part.value]),
    );
    const minute = Number(parts['hour']) * 60 + Number(parts['minute']);
    if (minute < site.opensAtMinute || minute + (appointment.durationMinutes ?? 30) > site.closesAtMinute)
      say(`appointment at ${parts['hour']}:${parts['minute']} outside opening hours`);
    if (appointment.status === 'booked' && (parts['weekday'] === 'Sat' || parts['weekday'] === 'Sun'))
      say('booked at a weekend');
  }
}
