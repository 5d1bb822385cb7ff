/**
 * Which state each active, implanted patient should be in TODAY. Chosen by the patient's position
 * among active implanted patients, on fixed cycles, so every state the dashboard flags is present at
 * any clinic size of 50 patients or more (rather than hoping chance produces them), and the mix stays
 * believable: most patients are fine.
 */
export type RefillScenario = 'past_alarm' | 'empty' | 'overdue' | 'due_this_week' | 'due_8_to_30' | 'ok';
export type BatteryScenario = 'normal' | 'approaching' | 'in_window' | 'replacement_overdue' | 'eri';
export type FollowUpScenario = 'normal' | 'overdue' | 'never_reviewed' | 'first_review_due';

export interface TodayScenario {
  refill: RefillScenario;
  battery: BatteryScenario;
  followUp: FollowUpScenario;
  /** Leave the refill unbooked (or booked after the due date). */
  noAppointmentBeforeDue: boolean;
  /** Make this patient high-risk (explicit flag), so the flagged lists have high-risk patients. */
  highRisk: boolean;
}

const REFILL_CYCLE_LENGTH = 40;
const refillSlots: Record<number, RefillScenario> = {
  0: 'past_alarm',
  1: 'overdue',
  2: 'due_this_week',
  3: 'due_8_to_30',
  8: 'due_8_to_30',
  11: 'empty',
  14: 'due_this_week',
  16: 'due_8_to_30',
  21: 'overdue',
  25: 'due_this_week',
  28: 'due_8_to_30',
  30: 'due_8_to_30',
  33: 'due_this_week',
  36: 'due_8_to_30',
};

const BATTERY_CYCLE_LENGTH = 30;
const batterySlots: Record<number, BatteryScenario> = {
  4: 'approaching',
  9: 'in_window',
  14: 'replacement_overdue',
  19: 'in_window',
  24: 'eri',
  29: 'approaching',
};

const FOLLOW_UP_CYCLE_LENGTH = 25;
const followUpSlots: Record<number, FollowUpScenario> = {
  6: 'overdue',
  12: 'never_reviewed',
  18: 'overdue',
  22: 'first_review_due',
};

/** The scenario of the `position`-th active implanted patient (0-based). */
export function scenarioFor(position: number): TodayScenario {
  const refill = refillSlots[position % REFILL_CYCLE_LENGTH] ?? 'ok';
  const battery = batterySlots[position % BATTERY_CYCLE_LENGTH] ?? 'normal';
  let followUp = followUpSlots[position % FOLLOW_UP_CYCLE_LENGTH] ?? 'normal';
  // A pump implanted weeks ago cannot also be years into its battery life.
  if (followUp === 'first_review_due' && battery !== 'normal') followUp = 'normal';
  const unbookedCandidates: RefillScenario[] = ['due_this_week', 'due_8_to_30', 'overdue', 'past_alarm'];
  return {
    refill: followUp === 'first_review_due' ? 'ok' : refill,
    battery,
    followUp,
    // Some flagged patients have no appointment booked before the due date (the rest are booked).
    noAppointmentBeforeDue: unbookedCandidates.includes(refill) && position % 4 === 0,
    highRisk: refill === 'past_alarm' || (refill === 'overdue' && position % 4 === 1),
  };
}
