import { Link } from 'react-router';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useClinicSettings, useDoseProgramHistory, usePatientDetail } from '../api/get-refill-context.ts';
import { refillEngineContext } from '../utils/live-refill.ts';
import { RefillWizard } from './refill-wizard.tsx';

interface RecordRefillPageProps {
  patientId: string;
  /** A physician may record the same doses at a new concentration with the refill. */
  canChangeProgram: boolean;
}

/** /patients/:patientId/refill: loads the patient, the pump's dose history and the clinic's thresholds. */
export function RecordRefillPage({ patientId, canChangeProgram }: RecordRefillPageProps) {
  const patient = usePatientDetail(patientId);
  const pump = patient.data?.currentPump ?? null;
  const programs = useDoseProgramHistory(pump?.id ?? null);
  const settings = useClinicSettings();
  const name = patient.data ? `${patient.data.familyName}, ${patient.data.givenName}` : null;

  return (
    <div className="page">
      <PageHeader
        title={name ? `Record a refill: ${name}` : 'Record a refill'}
        subtitle={
          patient.data && pump
            ? `MRN ${patient.data.mrn} · ${patient.data.site.name} · ${pump.manufacturer} ${pump.model} ${pump.reservoirMl} mL · ${pump.serialNumber}`
            : undefined
        }
        actions={
          <Link className="button button--secondary no-print" to={`/patients/${patientId}`}>
            Patient page
          </Link>
        }
      />
      {patient.isPending ? <LoadingState what="the patient" /> : null}
      {patient.isError ? (
        <QueryError what="the patient" error={patient.error} onRetry={() => void patient.refetch()} />
      ) : null}
      {patient.data && !pump ? (
        <EmptyState title="This patient has no implanted pump">
          <p>A refill can be recorded only for an implanted pump.</p>
        </EmptyState>
      ) : null}
      {pump && (programs.isPending || settings.isPending) ? (
        <LoadingState what="the pump’s dose history" />
      ) : null}
      {programs.isError ? (
        <QueryError
          what="the pump’s dose history"
          error={programs.error}
          onRetry={() => void programs.refetch()}
        />
      ) : null}
      {settings.isError ? (
        <QueryError
          what="the clinic’s thresholds"
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      ) : null}
      {patient.data && pump && programs.data && settings.data ? (
        <RefillWizard
          patient={patient.data}
          pump={pump}
          context={refillEngineContext(patient.data, pump, programs.data.items, settings.data.settings)}
          canChangeProgram={canChangeProgram}
        />
      ) : null}
    </div>
  );
}
