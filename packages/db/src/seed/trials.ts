import { type Prisma, type TrialOutcome } from '../generated/prisma/client.ts';
import { aPhysician, idAt, type RenderContext } from './render-context.ts';
import { ASHWORTH } from './visits.ts';

// Screening tests (domain doc, "Trial"): a 50 mcg bolus; without a response in 4–8 hours, 75 then 100
// mcg on the following days (25 mcg first for small children). A responder shows at least a 2-point
// drop in Ashworth or spasm score for 4 hours.

export type TrialCourse = 'before_implant' | 'in_progress' | 'non_responder' | 'inconclusive';

/** Trial rows ending `daysBefore` days before relative day 0 (the implant, or today). */
export function renderTrials(
  context: RenderContext,
  course: TrialCourse,
  daysBefore: number,
): Prisma.TrialCreateManyInput[] {
  const doses = trialDoses(context, course);
  const firstDay = -daysBefore - (doses.length - 1);
  return doses.map(([bolus, outcome], i) => trialRow(context, firstDay + i, bolus, outcome));
}

function trialDoses(context: RenderContext, course: TrialCourse): [number, TrialOutcome][] {
  const { random, profile } = context;
  const small = profile.ageGroup === 'child' && profile.ageYears <= 7;
  const first = small ? 25 : 50;
  const second = small ? 50 : 75;
  switch (course) {
    case 'non_responder':
      return [
        [first, 'non_responder'],
        [second, 'non_responder'],
        [100, 'non_responder'],
      ];
    case 'inconclusive':
      return [[first, 'inconclusive']];
    case 'in_progress':
      return random.chance(0.5)
        ? [[first, 'inconclusive']]
        : [
            [first, 'non_responder'],
            [second, 'responder'],
          ];
    case 'before_implant': {
      const roll = random.next();
      if (roll < 0.7) return [[first, 'responder']];
      if (roll < 0.92)
        return [
          [first, 'non_responder'],
          [second, 'responder'],
        ];
      return [
        [first, 'non_responder'],
        [second, 'non_responder'],
        [100, 'responder'],
      ];
    }
  }
}

function trialRow(
  context: RenderContext,
  day: number,
  bolusMcg: number,
  outcome: TrialOutcome,
): Prisma.TrialCreateManyInput {
  const { random, clock } = context;
  const at = clock.instant(day, 9 * 60);
  const before = random.int(4, 5);
  const drop = outcome === 'responder' ? random.int(2, 3) : outcome === 'inconclusive' ? 1 : random.int(0, 1);
  const pennBefore = random.int(3, 4);
  return {
    id: idAt(context, at),
    patientId: context.patientId,
    trialDate: clock.dbDate(day),
    bolusMcg: bolusMcg.toFixed(2),
    performedById: aPhysician(context),
    ashworthBefore: ASHWORTH[before] ?? 'mas_4',
    ashworthAfter: ASHWORTH[before - drop] ?? 'mas_2',
    pennBefore,
    pennAfter: Math.max(0, pennBefore - (outcome === 'responder' ? random.int(2, 3) : random.int(0, 1))),
    outcome,
    notes: `Lumbar puncture bolus ${bolusMcg} mcg; assessed at 4 and 8 hours`,
    createdAt: at,
    updatedAt: at,
  };
}
