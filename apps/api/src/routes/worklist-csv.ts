import {
  type BatteryWorklistEntry,
  type FollowUpWorklistEntry,
  type RefillWorklistEntry,
} from '@pumpdesk/contracts';
import { type CsvColumn } from '../http/csv.ts';

// The columns of each worklist download: what a nurse or manager needs on paper or in a spreadsheet,
// the same fields as the JSON entry.

type Entry = RefillWorklistEntry | BatteryWorklistEntry | FollowUpWorklistEntry;

function common<T extends Entry>(): CsvColumn<T>[] {
  return [
    { header: 'MRN', value: (e) => e.patient.mrn },
    { header: 'Family name', value: (e) => e.patient.familyName },
    { header: 'Given name', value: (e) => e.patient.givenName },
    { header: 'Site', value: (e) => e.site.name },
    { header: 'Responsible physician', value: (e) => e.responsiblePhysician?.name ?? null },
    { header: 'Pump', value: (e) => `${e.pump.manufacturer} ${e.pump.model} (${e.pump.serialNumber})` },
    { header: 'Status', value: (e) => e.status },
    { header: 'Urgency', value: (e) => e.urgency },
    { header: 'High risk', value: (e) => (e.highRisk ? 'yes' : 'no') },
  ];
}

export const refillCsvColumns: CsvColumn<RefillWorklistEntry>[] = [
  ...common<RefillWorklistEntry>(),
  { header: 'Due date', value: (e) => e.dueDate },
  { header: 'Days until due', value: (e) => e.daysUntilDue },
  { header: 'Due date set by', value: (e) => e.dueDateBoundBy },
  { header: 'Alarm date', value: (e) => e.alarmDate },
  { header: 'Empty date', value: (e) => e.emptyDate },
  { header: 'Critical since', value: (e) => e.criticalSince },
  { header: 'Next booked refill', value: (e) => e.nextBookedRefill },
  { header: 'No refill booked by due date', value: (e) => (e.noAppointmentByDueDate ? 'yes' : 'no') },
  { header: 'Explanation', value: (e) => e.message },
];

export const batteryCsvColumns: CsvColumn<BatteryWorklistEntry>[] = [
  ...common<BatteryWorklistEntry>(),
  { header: 'Window start', value: (e) => e.windowStart },
  { header: 'Recommended replacement', value: (e) => e.recommendedReplacement },
  { header: 'Days to recommended', value: (e) => e.daysToRecommended },
  { header: 'Estimated end of life', value: (e) => e.estimatedEnd },
  { header: 'ERI reported', value: (e) => e.eriReportedDate },
  { header: 'End of service', value: (e) => e.endOfService },
  { header: 'Explanation', value: (e) => e.message },
];

export const followUpCsvColumns: CsvColumn<FollowUpWorklistEntry>[] = [
  ...common<FollowUpWorklistEntry>(),
  { header: 'Last review', value: (e) => e.lastReview },
  { header: 'Next review due', value: (e) => e.nextReviewDue },
  { header: 'Days until due', value: (e) => e.daysUntilDue },
  { header: 'Explanation', value: (e) => e.message },
];
