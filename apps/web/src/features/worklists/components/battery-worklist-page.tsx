import { type BatteryWorklistEntry } from '@pumpdesk/contracts';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { batteryStatusLabels } from '../utils/labels.ts';
import { PatientAndPumpCells } from './patient-cell.tsx';
import { type WorklistSitesProps, WorklistTablePage } from './worklist-table-page.tsx';

const COLUMNS = [
  'Patient',
  'MRN',
  'Pump',
  'Status',
  'Replacement window opens',
  'Recommended replacement',
  'Estimated end of battery',
  'ERI reported',
] as const;

/** Pumps whose battery needs replacing soonest: ERI reported and overdue first. */
export function BatteryWorklistPage(props: WorklistSitesProps) {
  return (
    <WorklistTablePage
      {...props}
      kind="batteries"
      title="Batteries"
      subtitle="Pump replacements: ERI reported and overdue first."
      what="battery worklist"
      emptyTitle="No battery needs attention: every pump is OK."
      emptyFilteredTitle="No pumps match these filters."
      caption="Pumps by battery replacement priority"
      columns={COLUMNS}
      row={(entry) => <BatteryRow key={entry.pump.id} entry={entry} />}
    />
  );
}

function BatteryRow({ entry }: { entry: BatteryWorklistEntry }) {
  return (
    <tr>
      <PatientAndPumpCells entry={entry} />
      <td className="worklist__due">
        <SeverityBadge level={entry.urgency} label={batteryStatusLabels[entry.status]} />
        <span className="worklist__message">{entry.message}</span>
      </td>
      <td>
        <CalendarDateText date={entry.windowStart} today={entry.today} />
      </td>
      <td>
        <CalendarDateText date={entry.recommendedReplacement} today={entry.today} />
      </td>
      <td>
        <CalendarDateText date={entry.estimatedEnd} today={entry.today} />
        {entry.endOfService ? (
          <span className="worklist__secondary">
            End of service <CalendarDateText date={entry.endOfService} today={entry.today} />
          </span>
        ) : null}
      </td>
      <td>
        <CalendarDateText date={entry.eriReportedDate} today={entry.today} empty="Not reported" />
      </td>
    </tr>
  );
}
