import { type SiteSummary } from '@pumpdesk/contracts';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { usePatient } from '../api/get-patient.ts';
import '../emergency-card.css';
import { EmergencyCard } from './emergency-card.tsx';

interface EmergencyCardPageProps {
  patientId: string;
  /** Sites with their phone and address, from the sites feature (passed in by the app). */
  sites: readonly SiteSummary[];
  sitesPending: boolean;
  sitesUnavailable: boolean;
}

/** The printable emergency card: the card itself, and above it (not printed) Back and Print. */
export function EmergencyCardPage({
  patientId,
  sites,
  sitesPending,
  sitesUnavailable,
}: EmergencyCardPageProps) {
  const patientQuery = usePatient(patientId);
  const patient = patientQuery.data;
  useEffect(() => {
    if (patient) document.title = `Emergency card: ${patient.familyName}, ${patient.givenName} · PumpDesk`;
  }, [patient]);

  if (patientQuery.isPending || sitesPending) {
    return (
      <div className="page">
        <PageHeader title="Emergency card" />
        <LoadingState what="the emergency card" />
      </div>
    );
  }
  if (patientQuery.isError) {
    return (
      <div className="page">
        <PageHeader title="Emergency card" />
        <QueryError
          what="the patient"
          error={patientQuery.error}
          onRetry={() => void patientQuery.refetch()}
        />
      </div>
    );
  }
  const back = `/patients/${encodeURIComponent(patientQuery.data.id)}`;
  const site = sites.find((candidate) => candidate.id === patientQuery.data.site.id) ?? null;
  return (
    <div className="page emergency-card-page">
      <div className="emergency-card-page__actions no-print">
        <Link to={back}>
          Back to {patientQuery.data.givenName} {patientQuery.data.familyName}
        </Link>
        {patientQuery.data.currentPump ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              window.print();
            }}
          >
            Print
          </button>
        ) : null}
      </div>
      {sitesUnavailable ? (
        <p className="alert alert--error no-print" role="alert">
          The clinic’s phone and address could not be loaded: reload before printing.
        </p>
      ) : null}
      {patientQuery.data.currentPump ? (
        <EmergencyCard patient={patientQuery.data} site={site} />
      ) : (
        <>
          <h1 className="page__title">Emergency card</h1>
          <EmptyState title="No implanted pump.">
            <p>The emergency card describes an implanted pump; this patient has none on record.</p>
          </EmptyState>
        </>
      )}
    </div>
  );
}
