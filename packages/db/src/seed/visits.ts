import { type AshworthScore, type Prisma, type VisitType } from '../generated/prisma/client.ts';
import { DEMO_CLINIC_SETTINGS } from './clinic-plan.ts';
import { aPhysician, idAt, type RenderContext } from './render-context.ts';
import { weekdayIndex } from './site-clock.ts';

// Follow-up visits: the first review 2–6 weeks after implant (after a replacement implant too),
// titration visits while the dose is being found, then a review about every 6 months (the clinic's
// rule: the demo clinic's settings, DEMO_CLINIC_SETTINGS.followUp). The scores improve
// after implant and then stay roughly level, with the noise real scores have.

export const ASHWORTH: readonly AshworthScore[] = ['mas_0', 'mas_1', 'mas_1_plus', 'mas_2', 'mas_3', 'mas_4'];

export interface VisitPlan {
  /** Relative days of titration top-ups (each one is a titration visit). */
  titrationDays: readonly number[];
  /** Relative implant days of replacement pumps (each gets its own post-implant review). */
  replacementDays: readonly number[];
  /** Relative days with a refill (a review that day is a refill-and-review). */
  refillDays: ReadonlySet<number>;
  /** Last day of the timeline (today, or the end of care). */
  endDay: number;
  /** Days between the last regular review and endDay; null: no visit at all yet. */
  lastReviewBeforeEnd: number | null;
}

/** Visit rows, and the relative day and minute of each (the pump is interrogated at every visit). */
export function renderVisits(
  context: RenderContext,
  visitPlan: VisitPlan,
): { rows: Prisma.FollowUpVisitCreateManyInput[]; visits: { day: number; minute: number }[] } {
  if (visitPlan.lastReviewBeforeEnd === null) return { rows: [], visits: [] };
  const { random } = context;
  const {
    firstReviewMinDays: firstMin,
    firstReviewMaxDays: firstMax,
    intervalDays,
  } = DEMO_CLINIC_SETTINGS.followUp;
  const early = visitPlan.titrationDays.filter((day) => day <= visitPlan.endDay);
  const days = new Map<number, VisitType>(
    early.map((day) => [day, day <= firstMax ? 'post_implant' : 'titration']),
  );
  if (!early.some((day) => day <= firstMax))
    days.set(weekday(context, random.int(firstMin, firstMax)), 'post_implant');
  const firstRegular = Math.max(60, (early.at(-1) ?? 0) + 45);
  const lastRegular = weekday(context, visitPlan.endDay - visitPlan.lastReviewBeforeEnd);
  for (let day = lastRegular; day >= firstRegular; day = weekday(context, day - random.int(165, 195))) {
    days.set(day, visitPlan.refillDays.has(day) ? 'refill_and_review' : 'review');
  }
  // A patient kept overdue on purpose (no review for longer than the interval) missed this one too.
  const overdue = visitPlan.lastReviewBeforeEnd > intervalDays;
  for (const implantDay of visitPlan.replacementDays) {
    const day = weekday(context, implantDay + random.int(firstMin + 2, firstMax));
    if (!overdue || day <= lastRegular) days.set(day, 'post_implant');
  }
  const outcome = patientResponse(context);
  const sorted = [...days.entries()].filter(([day]) => day < visitPlan.endDay).sort(([a], [b]) => a - b);
  const visits = sorted.map(([day]) => ({ day, minute: random.int(36, 60) * 15 }));
  const rows = sorted.map(([day, type], i) =>
    visitRow(context, day, visits[i]?.minute ?? 600, type, outcome),
  );
  return { rows, visits };
}

/** Moves a relative day back to a weekday of the site's calendar (clinics see patients Monday–Friday). */
function weekday(context: RenderContext, day: number): number {
  const index = weekdayIndex(context.clock.date(day));
  return index >= 5 ? day - (index - 4) : day;
}

interface Response {
  ashworthAfter: number;
  pennAfter: number;
}

function patientResponse(context: RenderContext): Response {
  return { ashworthAfter: context.random.int(1, 3), pennAfter: context.random.int(0, 2) };
}

function visitRow(
  context: RenderContext,
  day: number,
  minute: number,
  type: VisitType,
  response: Response,
): Prisma.FollowUpVisitCreateManyInput {
  const { random, clock } = context;
  const at = clock.instant(day, minute);
  // Tone falls over the first three months after implant, then stays near the patient's level.
  const settle = Math.min(1, day / 90);
  const ashworth = clampScore(Math.round(4 - (4 - response.ashworthAfter) * settle) + noise(context), 0, 5);
  const frequency = clampScore(Math.round(3 - (3 - response.pennAfter) * settle) + noise(context), 0, 4);
  return {
    id: idAt(context, at),
    patientId: context.patientId,
    visitDate: clock.dbDate(day),
    type,
    clinicianId: aPhysician(context),
    ashworth: ASHWORTH[ashworth] ?? 'mas_2',
    pennFrequency: frequency,
    // Penn severity is recorded only when spasms occur (frequency > 0).
    pennSeverity: frequency === 0 ? null : random.int(1, Math.min(3, frequency + 1)),
    notes: visitNote(context, type),
    billingCodes: type === 'titration' || type === 'refill_and_review' ? ['62369'] : ['62367'],
    createdAt: at,
    updatedAt: at,
  };
}

function noise(context: RenderContext): number {
  const roll = context.random.next();
  return roll < 0.15 ? -1 : roll > 0.85 ? 1 : 0;
}

function clampScore(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function visitNote(context: RenderContext, type: VisitType): string {
  switch (type) {
    case 'post_implant':
      return 'Wound healed; pump site comfortable. Tone reduced since implant.';
    case 'titration':
      return 'Titration visit: dose increased, top-up refill done.';
    case 'refill_and_review':
      return (
        'Review with refill. ' + context.random.pick(['Stable on current program.', 'Goals met; no change.'])
      );
    case 'review':
      return context.random.pick([
        'Stable on current program; transfers independent.',
        'Good tone control; mild night-time spasms.',
        'Review with physiotherapy: range of motion maintained.',
        'Stable. Discussed battery life and next replacement.',
      ]);
    case 'emergency':
      return 'Seen urgently.';
  }
}
