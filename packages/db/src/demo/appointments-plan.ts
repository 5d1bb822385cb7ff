import {
  addDays,
  type CalendarDate,
  calendarDateInZone,
  compareCalendarDates,
  daysBetween,
  startOfDayInZone,
  toCalendarDate,
} from '@pumpdesk/domain';
import { type Prisma } from '../generated/prisma/client.ts';
import { seededUuid } from './ids.ts';
import { type PatientContext, type PatientRecords } from './patient-records.ts';
import { type Prng } from './prng.ts';

type Appointment = Prisma.AppointmentCreateManyInput;

/**
 * Past refill appointments of the last year (mostly done, some cancelled or missed), the next refill
 * booked on or before the due date (except where the scenario says nobody booked it), reviews coming
 * up, and replacement consults or surgery for pumps near the end of their battery.
 */
export function planAppointments(
  random: Prng,
  input: { ctx: PatientContext; records: PatientRecords; homeRefills: boolean },
): Appointment[] {
  const { ctx, records } = input;
  const nurse = () => random.pick(ctx.nurseIds);
  const at = (date: CalendarDate, hourOffset: number): Date =>
    new Date(
      startOfDayInZone(date, ctx.site.timeZone).getTime() + (ctx.site.opensAtHour + hourOffset) * 3_600_000,
    );
  const make = (
    kind: Appointment['kind'],
    date: CalendarDate,
    status: Appointment['status'],
    clinicianId: string,
  ): Appointment => ({
    id: seededUuid(random),
    patientId: records.patient.id ?? '',
    kind,
    startsAt: at(date, random.int(0, 7)),
    durationMinutes: kind === 'surgery' ? 120 : kind === 'refill' ? 30 : 45,
    siteId: ctx.site.id,
    clinicianId,
    status,
    atHome: kind === 'refill' && input.homeRefills,
  });

  const appointments: Appointment[] = [];
  const yearAgo = addDays(ctx.today, -365);
  for (const refill of records.refills) {
    const day = calendarDateInZone(new Date(refill.performedAt), ctx.site.timeZone);
    if (compareCalendarDates(day, yearAgo) < 0 || compareCalendarDates(day, ctx.today) >= 0) continue;
    if (random.chance(0.05))
      appointments.push(make('refill', addDays(day, -random.int(2, 5)), 'cancelled', nurse()));
    if (random.chance(0.03)) appointments.push(make('refill', addDays(day, -1), 'no_show', nurse()));
    appointments.push({
      ...make('refill', day, 'done', refill.performedById),
      startsAt: new Date(refill.performedAt),
    });
  }

  const pump = records.pumps.find((p) => p.status === 'implanted');
  if (ctx.status !== 'active' || !pump?.refillDueDate) return appointments;
  const due = toCalendarDate(new Date(pump.refillDueDate));
  const scenario = ctx.scenario;
  if (scenario?.noAppointmentBeforeDue) {
    // Half have nothing booked; half are booked too late, after the due date.
    if (random.chance(0.5))
      appointments.push(
        make('refill', laterOf(addDays(due, random.int(3, 10)), ctx.today), 'booked', nurse()),
      );
  } else {
    const earliest = laterOf(addDays(due, -5), ctx.today);
    const day =
      compareCalendarDates(earliest, due) > 0
        ? earliest
        : addDays(earliest, random.int(0, Math.max(0, daysBetween(earliest, due))));
    appointments.push(make('refill', day, 'booked', nurse()));
  }
  if (
    pump.batteryReplaceBy &&
    scenario &&
    scenario.battery !== 'normal' &&
    scenario.battery !== 'approaching'
  ) {
    appointments.push(
      make('replacement_consult', addDays(ctx.today, random.int(3, 30)), 'booked', ctx.physicianId),
    );
    if (scenario.battery === 'eri')
      appointments.push(make('surgery', addDays(ctx.today, random.int(14, 40)), 'booked', ctx.physicianId));
  }
  const review = records.patient.nextReviewDue
    ? toCalendarDate(new Date(records.patient.nextReviewDue))
    : null;
  if (
    review &&
    scenario?.followUp === 'normal' &&
    compareCalendarDates(review, addDays(ctx.today, 45)) <= 0 &&
    random.chance(0.6)
  ) {
    appointments.push(
      make('follow_up', laterOf(addDays(review, -random.int(0, 10)), ctx.today), 'booked', ctx.physicianId),
    );
  }
  return appointments;
}

function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareCalendarDates(a, b) >= 0 ? a : b;
}
