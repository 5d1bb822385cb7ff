import {
  type AppointmentDto,
  appointmentKindLabels,
  type DoseProgramRecord,
  type RefillRecord,
  type Visit,
} from '@pumpdesk/contracts';
import { formatConcentration, formatMcgPerDay, formatMl } from '@pumpdesk/domain';
import { type ReactNode, useId } from 'react';
import { EmptyState } from '../../../components/page-states.tsx';
import { formatCalendarDate, formatInstant } from '../../../lib/format.ts';
import {
  appointmentStatusLabels,
  doseModeLabels,
  refillLocationLabels,
  visitTypeLabels,
} from '../utils/labels.ts';
import { TableScroll } from './table-scroll.tsx';

/** A titled table of the record, or a sentence when it has no rows. */
function RecordTable({
  title,
  columns,
  emptyText,
  rowCount,
  note,
  children,
}: {
  title: string;
  columns: readonly string[];
  emptyText: string;
  rowCount: number;
  note?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className="record-section" aria-labelledby={id}>
      <h2 id={id} className="record-section__title">
        {title}
      </h2>
      {rowCount === 0 ? (
        <EmptyState title={emptyText} />
      ) : (
        <TableScroll label={`${title} table`}>
          <table className="data-table" aria-labelledby={id}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </TableScroll>
      )}
      {note}
    </section>
  );
}

function newestFirst<T>(items: readonly T[], at: (item: T) => string): T[] {
  return [...items].sort((a, b) => Date.parse(at(b)) - Date.parse(at(a)));
}

interface RefillsTableProps {
  refills: readonly RefillRecord[];
  serials: ReadonlyMap<string, string>;
  timeZone: string;
  /** Some pump has more refills than were loaded. */
  truncated: boolean;
}

export function RefillsTable({ refills, serials, timeZone, truncated }: RefillsTableProps) {
  return (
    <RecordTable
      title="Refills"
      emptyText="No refills on record."
      rowCount={refills.length}
      columns={[
        'Performed',
        'Where',
        'Concentration',
        'Expected / withdrawn',
        'Filled',
        'Reservoir after',
        'Due date then',
        'By',
        'Pump',
        'Findings',
      ]}
      note={
        truncated ? <p className="muted">Only the 200 most recent refills of each pump are shown.</p> : null
      }
    >
      {newestFirst(refills, (refill) => refill.performedAt).map((refill) => (
        <tr key={refill.id}>
          <th scope="row" className="nowrap">
            {formatInstant(refill.performedAt, timeZone)}
            {refill.amendedAt ? <span className="muted"> (amended)</span> : null}
          </th>
          <td>{refillLocationLabels[refill.location]}</td>
          <td className="nowrap">{formatConcentration(refill.concentrationMcgPerMl)}</td>
          <td className="nowrap">
            {formatMl(refill.expectedResidualMl)} / {formatMl(refill.withdrawnVolumeMl)}
          </td>
          <td className="nowrap">{formatMl(refill.volumeFilledMl)}</td>
          <td className="nowrap">{formatMl(refill.reservoirVolumeAfterMl)}</td>
          <td className="nowrap">
            {refill.dueDateSnapshot ? formatCalendarDate(refill.dueDateSnapshot) : '—'}
          </td>
          <td>{refill.performedBy.name}</td>
          <td className="nowrap">{serials.get(refill.pumpId) ?? '—'}</td>
          <td>
            {refill.findings.length === 0
              ? 'None'
              : refill.findings.map((finding) => finding.message).join(' ')}
          </td>
        </tr>
      ))}
    </RecordTable>
  );
}

interface ProgramsTableProps {
  programs: readonly DoseProgramRecord[];
  serials: ReadonlyMap<string, string>;
  timeZone: string;
}

export function ProgramsTable({ programs, serials, timeZone }: ProgramsTableProps) {
  return (
    <RecordTable
      title="Dose programs"
      emptyText="No dose programs on record."
      rowCount={programs.length}
      columns={['Effective from', 'Mode', 'Daily dose', 'Concentration', 'Reason', 'Programmed by', 'Pump']}
    >
      {newestFirst(programs, (program) => program.effectiveFrom).map((program) => (
        <tr key={program.id}>
          <th scope="row" className="nowrap">
            {formatInstant(program.effectiveFrom, timeZone)}
          </th>
          <td>{doseModeLabels[program.mode]}</td>
          <td className="nowrap">{formatMcgPerDay(program.dailyDoseMcg)}</td>
          <td className="nowrap">{formatConcentration(program.concentrationMcgPerMl)}</td>
          <td>
            {program.reason}
            {program.titrationOverride ? (
              <span className="record-override">
                {' '}
                Titration override: {program.titrationOverrideReason ?? 'no reason given'}
              </span>
            ) : null}
          </td>
          <td>{program.programmedBy.name}</td>
          <td className="nowrap">{serials.get(program.pumpId) ?? '—'}</td>
        </tr>
      ))}
    </RecordTable>
  );
}

export function VisitsTable({ visits, truncated }: { visits: readonly Visit[]; truncated: boolean }) {
  return (
    <RecordTable
      title="Visits"
      emptyText="No visits on record."
      rowCount={visits.length}
      columns={['Date', 'Type', 'Clinician', 'Modified Ashworth', 'Penn frequency', 'Penn severity', 'Notes']}
      note={truncated ? <p className="muted">Only the 200 most recent visits are shown.</p> : null}
    >
      {[...visits]
        .sort((a, b) => b.visitDate.localeCompare(a.visitDate))
        .map((visit) => (
          <tr key={visit.id}>
            <th scope="row" className="nowrap">
              {formatCalendarDate(visit.visitDate)}
            </th>
            <td>{visitTypeLabels[visit.type]}</td>
            <td>{visit.clinician.name}</td>
            <td>{visit.ashworth ?? '—'}</td>
            <td>{visit.pennFrequency ?? '—'}</td>
            <td>{visit.pennSeverity ?? '—'}</td>
            <td>{visit.notes ?? ''}</td>
          </tr>
        ))}
    </RecordTable>
  );
}

export function AppointmentsTable({ appointments }: { appointments: readonly AppointmentDto[] }) {
  return (
    <RecordTable
      title="Appointments"
      emptyText="No appointments on record."
      rowCount={appointments.length}
      columns={['Starts', 'Kind', 'Status', 'Where', 'Clinician', 'Duration']}
    >
      {newestFirst(appointments, (appointment) => appointment.startsAt).map((appointment) => (
        <tr key={appointment.id}>
          <th scope="row" className="nowrap">
            {formatInstant(appointment.startsAt, appointment.site.timeZone)}
          </th>
          <td>{appointmentKindLabels[appointment.kind]}</td>
          <td>{appointmentStatusLabels[appointment.status]}</td>
          <td>{appointment.atHome ? `Home (${appointment.site.name})` : appointment.site.name}</td>
          <td>{appointment.clinician?.name ?? <span className="muted">Not assigned</span>}</td>
          <td className="nowrap">{appointment.durationMinutes} min</td>
        </tr>
      ))}
    </RecordTable>
  );
}
