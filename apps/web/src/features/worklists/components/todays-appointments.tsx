import { appointmentKindLabels, type SiteAppointmentList } from '@pumpdesk/contracts';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import { siteTodayQueryOptions } from '../api/get-site-appointments.ts';
import { instantToWallTime } from '../../../lib/wall-time.ts';
import { patientName } from '../utils/labels.ts';

const STATUS_LABELS: Record<SiteAppointmentList['items'][number]['status'], string> = {
  booked: 'Booked',
  done: 'Done',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

interface TodaysAppointmentsProps {
  /** The sites whose day lists to show (the user's own, or the one filtered). */
  sites: readonly { id: string; name: string }[];
  /** The site list is still loading (users of every site): not yet "no site". */
  sitesPending: boolean;
}

/** Each site's appointments today, in the site's calendar and on its clock. */
export function TodaysAppointments({ sites, sitesPending }: TodaysAppointmentsProps) {
  const days = useQueries({ queries: sites.map((site) => siteTodayQueryOptions(site.id)) });
  return (
    <section className="todays-appointments" aria-labelledby="todays-appointments-title">
      <h2 id="todays-appointments-title" className="worklist-section__title">
        Today’s appointments
      </h2>
      {sites.length === 0 && sitesPending ? <LoadingState what="your sites" /> : null}
      {sites.length === 0 && !sitesPending ? <p className="muted">You are not assigned to a site.</p> : null}
      {sites.map((site, index) => {
        const day = days[index];
        if (!day) return null;
        return (
          <div key={site.id} className="todays-appointments__site">
            {day.isPending ? <LoadingState what={`today’s appointments at ${site.name}`} /> : null}
            {day.isError ? (
              <QueryError
                what={`today’s appointments at ${site.name}`}
                error={day.error}
                onRetry={() => void day.refetch()}
              />
            ) : null}
            {day.data ? <SiteDay list={day.data} /> : null}
          </div>
        );
      })}
    </section>
  );
}

function SiteDay({ list }: { list: SiteAppointmentList }) {
  const title = `${list.site.name}, ${formatCalendarDate(list.from)}`;
  if (list.items.length === 0) {
    return (
      <p>
        <strong>{title}:</strong> no appointments today.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="todays-appointments__caption">
          {title} ({list.items.length === 1 ? '1 appointment' : `${list.items.length} appointments`})
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Patient</th>
            <th scope="col">MRN</th>
            <th scope="col">Kind</th>
            <th scope="col">Clinician</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((appointment) => (
            <tr key={appointment.id}>
              <td className="nowrap">
                <time dateTime={appointment.startsAt}>
                  {instantToWallTime(new Date(appointment.startsAt), list.site.timeZone).time}
                </time>
                {'–'}
                <time dateTime={appointment.endsAt}>
                  {instantToWallTime(new Date(appointment.endsAt), list.site.timeZone).time}
                </time>
              </td>
              <th scope="row" className="data-table__name">
                <Link to={`/patients/${appointment.patient.id}`}>{patientName(appointment.patient)}</Link>
              </th>
              <td className="nowrap">{appointment.patient.mrn}</td>
              <td>
                {appointmentKindLabels[appointment.kind]}
                {appointment.atHome ? ' (home visit)' : ''}
              </td>
              <td>{appointment.clinician?.name ?? <span className="muted">Not assigned</span>}</td>
              <td>{STATUS_LABELS[appointment.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
