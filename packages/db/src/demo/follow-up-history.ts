import {
  addDays,
  type CalendarDate,
  calendarDateToUtcDate,
  compareCalendarDates,
  daysBetween,
} from '@pumpdesk/domain';
import { type AshworthScore, type Prisma } from '../generated/prisma/client.ts';
import { seededUuid } from './ids.ts';
import { type Prng } from './prng.ts';
import { type FollowUpScenario } from './today-scenarios.ts';

const ASHWORTH: readonly AshworthScore[] = ['mas_0', 'mas_1', 'mas_1_plus', 'mas_2', 'mas_3', 'mas_4'];

/** Modified Ashworth by its rank (0 = 0 … 5 = 4), clamped to the scale. */
export function ashworthAt(rank: number): AshworthScore {
  return ASHWORTH[Math.max(0, Math.min(ASHWORTH.length - 1, Math.round(rank)))] ?? 'mas_2';
}

/** Penn spasm frequency 0–4 with severity 1–3, none when there are no spasms. */
export function pennScore(
  random: Prng,
  frequency: number,
): { pennFrequency: number; pennSeverity: number | null } {
  const f = Math.max(0, Math.min(4, Math.round(frequency)));
  return { pennFrequency: f, pennSeverity: f === 0 ? null : Math.max(1, Math.min(3, f - random.int(0, 1))) };
}

/**
 * Reviews from the first implant: a post-implant review at 2–6 weeks, then one every five to six
 * months. An overdue patient's reviews stopped more than 182 days ago; "never reviewed" and "first
 * review due" patients have none.
 */
export function planVisits(
  random: Prng,
  input: {
    patientId: string;
    firstImplant: CalendarDate;
    lastDay: CalendarDate;
    today: CalendarDate;
    scenario: FollowUpScenario;
    physicianId: string;
    baselineAshworthRank: number;
  },
): Prisma.FollowUpVisitCreateManyInput[] {
  if (input.scenario === 'never_reviewed' || input.scenario === 'first_review_due') return [];
  const stopAfter =
    input.scenario === 'overdue' ? addDays(input.today, -random.int(190, 260)) : input.lastDay;
  const visits: Prisma.FollowUpVisitCreateManyInput[] = [];
  let date = addDays(input.firstImplant, random.int(14, 42));
  let first = true;
  while (compareCalendarDates(date, stopAfter) <= 0) {
    const monthsOn = daysBetween(input.firstImplant, date) / 30;
    const improvement = Math.min(2, monthsOn / 3);
    visits.push({
      id: seededUuid(random),
      patientId: input.patientId,
      visitDate: calendarDateToUtcDate(date),
      type: first
        ? 'post_implant'
        : random.chance(0.15)
          ? 'titration'
          : random.chance(0.3)
            ? 'refill_and_review'
            : 'review',
      clinicianId: input.physicianId,
      ashworth: ashworthAt(input.baselineAshworthRank - improvement + random.float(-0.6, 0.6)),
      ...pennScore(random, 3.2 - improvement * 1.2 + random.float(-0.8, 0.8)),
      notes: first ? 'Wound healed; pump pocket clean; dose tolerated.' : null,
      billingCodes: [random.chance(0.4) ? '62368' : '62367'],
    });
    first = false;
    date = addDays(date, random.int(150, 178));
  }
  return visits;
}
