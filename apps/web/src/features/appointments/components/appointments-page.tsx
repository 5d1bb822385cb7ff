import { type SiteSummary } from '@pumpdesk/contracts';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useSiteAppointments } from '../api/get-site-appointments.ts';
import { useCalendarParams } from '../hooks/use-calendar-params.ts';
import { daysOfWeek, describeRange, shiftDate, viewRange } from '../utils/calendar-dates.ts';
import { CalendarToolbar } from './calendar-toolbar.tsx';
import { DayView } from './day-view.tsx';
import { WeekView } from './week-view.tsx';
import '../appointments.css';

interface AppointmentsPageProps {
  /** The user's sites, from the sites feature (passed in by `src/app`: features never import each other). */
  sites: readonly SiteSummary[];
  sitesPending: boolean;
  sitesError: unknown;
  onRetrySites: () => void;
  /** appointments:write: the close buttons are offered. */
  canWrite: boolean;
}

/** The site's appointments for a day or a week, in the site's time zone. */
export function AppointmentsPage(props: AppointmentsPageProps) {
  const { params, go } = useCalendarParams(props.sites);
  const query = useSiteAppointments(
    params ? { siteId: params.site.id, view: params.view, date: params.date } : null,
  );

  if (!params) {
    return (
      <div className="page">
        <PageHeader title="Appointments" />
        {props.sitesPending ? (
          <LoadingState what="your sites" />
        ) : props.sitesError ? (
          <QueryError what="your sites" error={props.sitesError} onRetry={props.onRetrySites} />
        ) : (
          <EmptyState title="You do not work at any site yet.">
            <p>An administrator can add you to a site.</p>
          </EmptyState>
        )}
      </div>
    );
  }

  const { site, view, date, today } = params;
  const range = viewRange(view, date);
  const rangeLabel = describeRange(view, date);
  const timeZone = query.data?.site.timeZone ?? site.timeZone;
  const busy = query.isPlaceholderData && query.isFetching;
  const appointments = query.data?.items ?? [];
  const isCurrent = range.from <= today && today <= range.to;

  return (
    <div className="page appointments-page">
      <PageHeader title="Appointments" subtitle={`${site.name} · times in ${site.timeZone}`} />
      <CalendarToolbar
        sites={props.sites}
        siteId={site.id}
        view={view}
        date={date}
        onSite={(siteId) => {
          go({ siteId });
        }}
        onView={(next) => {
          go({ view: next });
        }}
        onDate={(next) => {
          go({ date: next });
        }}
        onPrevious={() => {
          go({ date: shiftDate(view, date, -1) });
        }}
        onNext={() => {
          go({ date: shiftDate(view, date, 1) });
        }}
        onToday={() => {
          go({ date: today });
        }}
      />
      <h2 className="appointments-page__range" aria-live="polite">
        {view === 'week' ? `Week of ${rangeLabel}` : rangeLabel}
        {isCurrent && view === 'day' ? <span className="muted"> (today)</span> : null}
      </h2>
      <p className="results__summary" role="status" aria-busy={query.isPending || busy}>
        {query.isPending
          ? 'Loading appointments…'
          : busy
            ? 'Updating…'
            : query.isError && !query.data
              ? 'Appointments could not be loaded.'
              : summary(appointments.length, view)}
      </p>
      {query.isError && !query.data ? (
        <QueryError what="appointments" error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {query.data ? (
        view === 'day' ? (
          <DayView
            appointments={appointments}
            timeZone={timeZone}
            dayLabel={rangeLabel}
            canWrite={props.canWrite}
            busy={busy}
          />
        ) : (
          <WeekView
            days={daysOfWeek(date)}
            appointments={appointments}
            timeZone={timeZone}
            today={today}
            busy={busy}
            onOpenDay={(day) => {
              go({ view: 'day', date: day });
            }}
          />
        )
      ) : null}
    </div>
  );
}

function summary(count: number, view: 'day' | 'week'): string {
  const when = view === 'day' ? 'this day' : 'this week';
  if (count === 0) return `No appointments ${when}.`;
  return count === 1 ? `1 appointment ${when}.` : `${count} appointments ${when}.`;
}
