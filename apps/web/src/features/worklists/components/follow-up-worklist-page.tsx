import { type FollowUpWorklistEntry } from '@pumpdesk/contracts';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { daysLeftText, followUpStatusLabels } from '../utils/labels.ts';
import { PatientAndPumpCells } from './patient-cell.tsx';
import { type WorklistSitesProps, WorklistTablePage } from './worklist-table-page.tsx';

const COLUMNS = [
  'Patient',
  'MRN',
  'Pump',
  'Responsible physician',
  'Status',
  'Last review',
  'Next review due',
  'Days left',
] as const;

/** Patients whose follow-up review is due: never reviewed and overdue first. */
export function FollowUpWorklistPage(props: WorklistSitesProps) {
  return (
    <WorklistTablePage
      {...props}
      kind="follow-ups"
      title="Follow-ups"
      subtitle="Reviews due: never reviewed and overdue first."
      what="follow-up worklist"
      emptyTitle="No reviews due: every patient is OK."
      emptyFilteredTitle="No patients match these filters."
      caption="Patients by follow-up review priority"
      columns={COLUMNS}
      row={(entry) => <FollowUpRow key={entry.pump.id} entry={entry} />}
    />
  );
}

function FollowUpRow({ entry }: { entry: FollowUpWorklistEntry }) {
  return (
    <tr>
      <PatientAndPumpCells entry={entry} />
      <td>{entry.responsiblePhysician?.name ?? <span className="muted">Not assigned</span>}</td>
      <td className="worklist__due">
        <SeverityBadge level={entry.urgency} label={followUpStatusLabels[entry.status]} />
        <span className="worklist__message">{entry.message}</span>
      </td>
      <td>
        <CalendarDateText date={entry.lastReview} today={entry.today} empty="Never" />
      </td>
      <td>
        <CalendarDateText date={entry.nextReviewDue} today={entry.today} />
      </td>
      <td className="nowrap">{daysLeftText(entry.daysUntilDue)}</td>
    </tr>
  );
}
