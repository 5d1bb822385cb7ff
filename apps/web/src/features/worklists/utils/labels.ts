import {
  type BatteryWorklistEntry,
  type FollowUpWorklistEntry,
  type RefillWorklistEntry,
} from '@pumpdesk/contracts';

export const refillStatusLabels: Record<RefillWorklistEntry['status'], string> = {
  critical: 'Critical',
  unknown: 'Unknown',
  overdue: 'Overdue',
  due_soon: 'Due this week',
  upcoming: 'Upcoming',
  ok: 'Not due yet',
};

export const batteryStatusLabels: Record<BatteryWorklistEntry['status'], string> = {
  eri_reported: 'ERI reported',
  replacement_overdue: 'Replacement overdue',
  in_window: 'In replacement window',
  approaching: 'Approaching window',
  ok: 'OK',
};

export const followUpStatusLabels: Record<FollowUpWorklistEntry['status'], string> = {
  never_reviewed: 'Never reviewed',
  overdue: 'Review overdue',
  due_soon: 'Review due soon',
  ok: 'OK',
};

/** What set the due date: the first of the three limits to be reached. */
export const dueDateReasons: Record<NonNullable<RefillWorklistEntry['dueDateBoundBy']>, string> = {
  alarm_margin: 'Set by the low-reservoir alarm and its safety margin',
  drug_stability: 'Set by the drug’s stability in the pump',
  max_interval: 'Set by the longest interval between refills',
};

/** "3 days", "Due today", "2 days overdue", "—": the days column, in words rather than a signed number. */
export function daysLeftText(days: number | null): string {
  if (days === null) return '—';
  if (days === 0) return 'Due today';
  if (days > 0) return days === 1 ? '1 day' : `${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}

export function patientName(patient: { givenName: string; familyName: string }): string {
  return `${patient.familyName}, ${patient.givenName}`;
}
