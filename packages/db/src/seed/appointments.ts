import { type AppointmentKind, type AppointmentStatus, type Prisma } from '../generated/prisma/client.ts';
import { aNurse, aPhysician, idAt, type RenderContext } from './render-context.ts';
import { weekdayIndex } from './site-clock.ts';

// The diary: the last year's appointments (mostly done, some cancelled or missed) and what is booked
// from today on, at times inside the site's opening hours in the site's own zone.

export type RefillBooking = 'natural' | 'before_due' | 'none' | 'after_due';

export interface AppointmentPlan {
  todayDay: number;
  /** Past refills and visits, relative days and minutes. */
  refills: readonly { day: number; minute: number; home: boolean }[];
  visits: readonly { day: number; minute: number }[];
  /** Current pump's due date (relative day), null without a pump. */
  dueDay: number | null;
  refillBooking: RefillBooking;
  nextReviewDay: number | null;
  /** Other bookings ahead: a replacement consultation, surgery, an assessment. */
  extra: { kind: AppointmentKind; inDays: number } | null;
}

const DURATIONS: Record<AppointmentKind, number> = {
  refill: 30,
  follow_up: 45,
  replacement_consult: 30,
  surgery: 120,
};

export function renderAppointments(
  context: RenderContext,
  plan: AppointmentPlan,
): Prisma.AppointmentCreateManyInput[] {
  const rows: Prisma.AppointmentCreateManyInput[] = [];
  const since = plan.todayDay - 365;
  for (const refill of plan.refills.filter((r) => r.day >= since && r.day < plan.todayDay)) {
    rows.push(...pastAppointments(context, 'refill', refill.day, refill.minute, refill.home));
  }
  for (const visit of plan.visits.filter((v) => v.day >= since && v.day < plan.todayDay)) {
    rows.push(...pastAppointments(context, 'follow_up', visit.day, visit.minute, false));
  }
  const refillDay = bookedRefillDay(context, plan);
  if (refillDay !== null)
    rows.push(appointment(context, 'refill', refillDay, slot(context), 'booked', false));
  const reviewDay = bookedReviewDay(context, plan);
  if (reviewDay !== null)
    rows.push(appointment(context, 'follow_up', reviewDay, slot(context), 'booked', false));
  if (plan.extra) {
    const day = weekdayAfter(context, plan.todayDay + plan.extra.inDays);
    rows.push(appointment(context, plan.extra.kind, day, slot(context), 'booked', false));
  }
  return rows;
}

/** The appointment that happened, sometimes preceded by one cancelled or missed a few days earlier. */
function pastAppointments(
  context: RenderContext,
  kind: AppointmentKind,
  day: number,
  minute: number,
  home: boolean,
): Prisma.AppointmentCreateManyInput[] {
  const rows = [appointment(context, kind, day, minute, 'done', home)];
  const roll = context.random.next();
  if (roll < 0.09) {
    const status: AppointmentStatus = roll < 0.06 ? 'cancelled' : 'no_show';
    rows.unshift(
      appointment(
        context,
        kind,
        weekdayBefore(context, day - context.random.int(2, 7)),
        minute,
        status,
        home,
      ),
    );
  }
  return rows;
}

function bookedRefillDay(context: RenderContext, plan: AppointmentPlan): number | null {
  const { random } = context;
  const today = plan.todayDay;
  if (plan.dueDay === null || plan.refillBooking === 'none') return null;
  if (plan.refillBooking === 'after_due') return weekdayAfter(context, today + random.int(1, 3));
  if (plan.refillBooking === 'before_due')
    return latestWeekdayIn(context, today, plan.dueDay, random.int(0, 3));
  const daysToDue = plan.dueDay - today;
  if (daysToDue < 0) return random.chance(0.5) ? weekdayAfter(context, today + random.int(1, 4)) : null;
  if (daysToDue <= 45)
    return random.chance(0.75) ? latestWeekdayIn(context, today, plan.dueDay, random.int(0, 5)) : null;
  return random.chance(0.3) ? latestWeekdayIn(context, today, plan.dueDay, random.int(2, 6)) : null;
}

function bookedReviewDay(context: RenderContext, plan: AppointmentPlan): number | null {
  if (plan.nextReviewDay === null || plan.nextReviewDay > plan.todayDay + 60) return null;
  if (!context.random.chance(0.6)) return null;
  return weekdayAfter(context, Math.max(plan.todayDay + 1, plan.nextReviewDay - context.random.int(0, 10)));
}

/** A weekday in [from, to], preferably `back` days before `to` and after today; null if none. */
function latestWeekdayIn(context: RenderContext, from: number, to: number, back: number): number | null {
  for (let day = Math.max(from + 1, to - back); day <= to; day++) if (!isWeekend(context, day)) return day;
  for (let day = to; day >= from; day--) if (!isWeekend(context, day)) return day;
  return null;
}

function isWeekend(context: RenderContext, day: number): boolean {
  return weekdayIndex(context.clock.date(day)) >= 5;
}

function weekdayAfter(context: RenderContext, day: number): number {
  let result = day;
  while (isWeekend(context, result)) result++;
  return result;
}

function weekdayBefore(context: RenderContext, day: number): number {
  let result = day;
  while (isWeekend(context, result)) result--;
  return result;
}

/** A half-hour slot inside the site's opening hours, leaving time for the appointment to finish. */
function slot(context: RenderContext): number {
  const { opensAtMinute, closesAtMinute } = context.profile.site;
  return context.random.int(opensAtMinute / 30, (closesAtMinute - 120) / 30) * 30;
}

function appointment(
  context: RenderContext,
  kind: AppointmentKind,
  day: number,
  minute: number,
  status: AppointmentStatus,
  atHome: boolean,
): Prisma.AppointmentCreateManyInput {
  const startsAt = context.clock.instant(day, minute);
  const created = context.clock.instant(day - context.random.int(7, 40), 12 * 60);
  return {
    id: idAt(context, created),
    patientId: context.patientId,
    kind,
    startsAt,
    durationMinutes: DURATIONS[kind],
    siteId: context.profile.site.id,
    clinicianId: kind === 'refill' ? aNurse(context) : aPhysician(context),
    status,
    atHome,
    notes: atHome ? 'Home refill' : null,
    createdAt: created,
    updatedAt: created,
  };
}
