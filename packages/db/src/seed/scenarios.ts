// The situations the dashboard must show on the day the demo is loaded. Chance alone would leave some
// of them empty in a small clinic, so specific patients (chosen by index, deterministically) are built
// to be in each one; every other patient is drawn at random.

/** A deliberately placed patient. */
export type Scenario =
  | 'refill_overdue'
  | 'refill_overdue_high_risk'
  | 'refill_overdue_booked'
  | 'past_alarm_high_cord_injury'
  | 'past_alarm_cannot_communicate'
  | 'reservoir_empty'
  | 'due_this_week_booked'
  | 'due_this_week_not_booked'
  | 'due_in_month_booked'
  | 'due_in_month_not_booked'
  | 'battery_approaching'
  | 'battery_in_window'
  | 'battery_overdue'
  | 'eri_reported'
  | 'follow_up_overdue'
  | 'never_reviewed'
  | 'first_review_due'
  | 'status_candidate'
  | 'status_trial'
  | 'status_inactive'
  | 'status_explanted'
  | 'status_deceased'
  | 'status_transferred'
  | 'soft_deleted';

/**
 * How many patients each scenario gets: at least one, more in a larger clinic (share of patients).
 * The shares are small: random patients add their own overdue refills and reviews on top.
 * Listed by priority: a clinic too small for all of them keeps the first ones.
 */
const SCENARIO_SHARES: readonly (readonly [Scenario, number])[] = [
  ['refill_overdue_high_risk', 0.003],
  ['past_alarm_high_cord_injury', 0.002],
  ['reservoir_empty', 0.001],
  ['refill_overdue', 0.008],
  ['past_alarm_cannot_communicate', 0.002],
  ['due_this_week_not_booked', 0.004],
  ['due_in_month_not_booked', 0.004],
  ['due_this_week_booked', 0],
  ['due_in_month_booked', 0],
  ['refill_overdue_booked', 0.002],
  ['eri_reported', 0.002],
  ['battery_overdue', 0.001],
  ['battery_in_window', 0.003],
  ['battery_approaching', 0.004],
  ['follow_up_overdue', 0.006],
  ['never_reviewed', 0.002],
  ['first_review_due', 0.003],
  ['status_candidate', 0],
  ['status_trial', 0],
  ['status_inactive', 0],
  ['status_explanted', 0],
  ['status_deceased', 0],
  ['status_transferred', 0],
  ['soft_deleted', 0.006],
];

/** Every scenario, in priority order. */
export const ALL_SCENARIOS: readonly Scenario[] = SCENARIO_SHARES.map(([scenario]) => scenario);

/**
 * Which patient index is placed in which scenario: slots spread evenly over the indexes, so a batch
 * of patients never holds all of one kind. Size O(number of scenario patients), not O(patients).
 */
export function scenarioSlots(patients: number): Map<number, Scenario> {
  const list: Scenario[] = [];
  for (const [scenario, share] of SCENARIO_SHARES) {
    const count = Math.max(1, Math.round(patients * share));
    for (let i = 0; i < count; i++) list.push(scenario);
  }
  // Round-robin by scenario so that truncation (tiny clinics) keeps one of each first.
  const ordered = roundRobin(list).slice(0, patients);
  const slots = new Map<number, Scenario>();
  ordered.forEach((scenario, k) => {
    slots.set(Math.floor(((k + 0.5) * patients) / ordered.length), scenario);
  });
  return slots;
}

function roundRobin(list: readonly Scenario[]): Scenario[] {
  const queues = new Map<Scenario, number>();
  for (const scenario of list) queues.set(scenario, (queues.get(scenario) ?? 0) + 1);
  const result: Scenario[] = [];
  while (result.length < list.length) {
    for (const [scenario, remaining] of queues) {
      if (remaining === 0) continue;
      result.push(scenario);
      queues.set(scenario, remaining - 1);
    }
  }
  return result;
}
