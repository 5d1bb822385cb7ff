import { type ReactNode } from 'react';
import { LoadingState } from '../../../components/page-states.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { formatInstant } from '../../../lib/format.ts';
import { useClinicSettings } from '../api/settings-api.ts';
import { SettingsForm } from './settings-form.tsx';
import '../settings.css';

interface SettingsPageProps {
  /** Where "last saved" times are shown: the browser's zone (an admin's settings span every site). */
  timeZone?: string;
  /** Links to the other admin screens (users), from `src/app`. */
  actions?: ReactNode;
}

/** The clinic's thresholds (admins). */
export function SettingsPage({ timeZone = browserTimeZone(), actions }: SettingsPageProps) {
  const query = useClinicSettings();
  return (
    <div className="page settings-page">
      <PageHeader
        title="Settings"
        subtitle={
          query.data
            ? `The clinic’s thresholds · last saved ${formatInstant(query.data.updatedAt, timeZone)}`
            : 'The clinic’s thresholds'
        }
        actions={actions}
      />
      {query.isPending ? <LoadingState what="the settings" /> : null}
      {query.isError && !query.data ? (
        <QueryError what="the settings" error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {query.data ? (
        <SettingsForm
          stored={query.data}
          timeZone={timeZone}
          onReload={async () => (await query.refetch()).data}
        />
      ) : null}
    </div>
  );
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
