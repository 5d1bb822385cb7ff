import { type CalendarDate, compareCalendarDates } from './calendar-date.ts';
import { type BatteryAssessment } from './battery.ts';
import { type FollowUpStatus } from './follow-up.ts';
import { type RefillStatus } from './refill-status.ts';

// Worklist order (docs/domain.md, "Risks"): critical first; high-risk patients before others of the
// same urgency; then by date, earliest first. One ordering for every worklist (refills, batteries,
// reviews), so "who comes first" never differs between screens.

/** How urgent an entry is, most urgent first. */
export const URGENCY_ORDER = ['critical', 'unknown', 'overdue', 'due_soon', 'upcoming', 'ok'] as const;
export type Urgency = (typeof URGENCY_ORDER)[number];

export interface WorklistKey {
  urgency: Urgency;
  highRisk: boolean;
  /** The date that orders entries of the same urgency (due date, alarm date); null sorts last. */
  date: CalendarDate | null;
  /** A stable last resort (patient id, name) so equal entries keep one order. */
  tiebreak?: string;
}

/** Negative when `a` comes before `b` in a worklist. */
export function compareWorklistPriority(a: WorklistKey, b: WorklistKey): number {
  const urgency = URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency);
  if (urgency !== 0) return urgency;
  if (a.highRisk !== b.highRisk) return a.highRisk ? -1 : 1;
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return compareCalendarDates(a.date, b.date);
  }
  return (a.tiebreak ?? '').localeCompare(b.tiebreak ?? '');
}

/** A refill status is already an urgency. */
export function refillUrgency(status: RefillStatus): Urgency {
  return status;
}

/**
 * Battery: ERI is critical (the pump stops 90 days later), and so is a pump past the maker's longest
 * battery life (SynchroMed II "never beyond 7 years": it may stop without warning); past the recommended
 * date is overdue.
 */
export function batteryUrgency(battery: Pick<BatteryAssessment, 'status' | 'pastEstimatedEnd'>): Urgency {
  switch (battery.status) {
    case 'eri_reported':
      return 'critical';
    case 'replacement_overdue':
      return battery.pastEstimatedEnd ? 'critical' : 'overdue';
    case 'in_window':
      return 'due_soon';
    case 'approaching':
      return 'upcoming';
    case 'ok':
      return 'ok';
  }
}

/** Follow-up: never reviewed and overdue are overdue. */
export function followUpUrgency(status: FollowUpStatus): Urgency {
  switch (status) {
    case 'never_reviewed':
    case 'overdue':
      return 'overdue';
    case 'due_soon':
      return 'due_soon';
    case 'ok':
      return 'ok';
  }
}
