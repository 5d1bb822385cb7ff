import { type AppointmentDto, type RefillWorklistEntry, type SiteSummary } from '@pumpdesk/contracts';
import { compareCalendarDates, parseCalendarDate, startOfDayInZone } from '@pumpdesk/domain';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { formatInstant } from '../../../lib/format.ts';
import { patientBookedQueryOptions } from '../api/get-patient-appointments.ts';
import { type BookedRefills } from '../hooks/use-booked-refills.ts';
import { daysLeftText, dueDateReasons, patientName, refillStatusLabels } from '../utils/labels.ts';
import { AppointmentForm } from './appointment-form.tsx';
import { AppointmentStatus } from './appointment-status.tsx';
import { PatientCell } from './patient-cell.tsx';

export const REFILL_COLUMNS = [
  'Patient',
  'MRN',
  'Pump',
  'Due date and reason',
  'Alarm',
  'Days left',
  'Appointment',
  'Actions',
] as const;

interface RefillRowProps {
  entry: RefillWorklistEntry;
  /** The entry's site with its time zone; undefined when the site list could not be loaded. */
  site: SiteSummary | undefined;
  booked: BookedRefills;
  canBook: boolean;
  canRecordRefill: boolean;
  onSaved: (message: string) => void;
}

export function RefillRow({ entry, site, booked, canBook, canRecordRefill, onSaved }: RefillRowProps) {
  const [formOpen, setFormOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const { appointment, pending: waitingForAppointment } = useBookedAppointment(entry, site, booked);
  const name = patientName(entry.patient);

  function closeForm(): void {
    setFormOpen(false);
    // Back to the button that opened the form (after React has put it back in the page).
    window.setTimeout(() => {
      trigger.current?.focus();
    }, 0);
  }

  return (
    <>
      <tr className={formOpen ? 'worklist-row worklist-row--open' : 'worklist-row'}>
        <PatientCell patient={entry.patient} highRisk={entry.highRisk} />
        <td className="nowrap">{entry.patient.mrn}</td>
        <td>
          {entry.pump.model}
          <span className="worklist__secondary muted">{entry.pump.serialNumber}</span>
        </td>
        <td className="worklist__due">
          <SeverityBadge level={entry.status} label={refillStatusLabels[entry.status]} />{' '}
          <CalendarDateText date={entry.dueDate} today={entry.today} empty="No due date" />
          {entry.dueDateBoundBy ? (
            <span className="worklist__secondary muted">{dueDateReasons[entry.dueDateBoundBy]}</span>
          ) : null}
          <span className="worklist__message">{entry.message}</span>
        </td>
        <td>
          <CalendarDateText date={entry.alarmDate} today={entry.today} />
        </td>
        <td className="nowrap">{daysLeftText(entry.daysUntilDue)}</td>
        <td>
          <AppointmentStatus entry={entry} appointment={appointment} />
        </td>
        <td>
          <div className="worklist__actions">
            {canBook ? (
              <button
                ref={trigger}
                type="button"
                className="button button--secondary button--small"
                aria-expanded={formOpen}
                // aria-disabled, not disabled: the button keeps focus while the booked time loads.
                aria-disabled={!site || waitingForAppointment}
                onClick={() => {
                  if (site && !waitingForAppointment) setFormOpen((open) => !open);
                }}
              >
                {appointment ? 'Move' : 'Book'}{' '}
                <span className="visually-hidden">refill appointment for {name}</span>
              </button>
            ) : null}
            {canRecordRefill ? (
              <Link className="button button--small" to={`/patients/${entry.patient.id}/refill`}>
                Record refill <span className="visually-hidden">for {name}</span>
              </Link>
            ) : null}
          </div>
        </td>
      </tr>
      {formOpen && site ? (
        <tr className="worklist-form-row">
          <td colSpan={REFILL_COLUMNS.length}>
            <AppointmentForm
              patient={{ id: entry.patient.id, name }}
              site={site}
              appointment={appointment}
              today={entry.today}
              suggestedDate={
                entry.dueDate &&
                compareCalendarDates(parseCalendarDate(entry.dueDate), parseCalendarDate(entry.today)) > 0
                  ? entry.dueDate
                  : entry.today
              }
              onSaved={(saved) => {
                onSaved(savedMessage(saved, name, appointment !== undefined));
                closeForm();
              }}
              onCancel={closeForm}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * The booked refill behind `nextBookedRefill`: from the site lists when they hold it, else (booked
 * more than a month ahead, or at another site) the patient's own booked appointments.
 */
function useBookedAppointment(
  entry: RefillWorklistEntry,
  site: SiteSummary | undefined,
  booked: BookedRefills,
): { appointment: AppointmentDto | undefined; pending: boolean } {
  const fromSiteList = booked.find(entry);
  const from = site ? startOfDayInZone(parseCalendarDate(entry.today), site.timeZone).toISOString() : '';
  const needed = entry.nextBookedRefill !== null && !fromSiteList;
  const ownList = useQuery({
    ...patientBookedQueryOptions(entry.patient.id, from),
    enabled: needed && booked.settled && site !== undefined,
  });
  if (fromSiteList) return { appointment: fromSiteList, pending: false };
  return {
    appointment: ownList.data?.items.find((appointment) => appointment.kind === 'refill'),
    pending: needed && site !== undefined && (!booked.settled || ownList.isPending),
  };
}

function savedMessage(saved: AppointmentDto, name: string, moved: boolean): string {
  const when = formatInstant(saved.startsAt, saved.site.timeZone);
  return `Refill appointment for ${name} ${moved ? 'moved to' : 'booked for'} ${when} at ${saved.site.name}.`;
}
