import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useDosePrograms } from '../api/get-dose-programs.ts';
import { usePatientDetail } from '../api/get-patient-detail.ts';
import { ProgramEditorForm } from './program-editor-form.tsx';

interface ProgramEditorPageProps {
  patientId: string;
  /** Forwarded to the form (tests shorten it). */
  previewDelayMs?: number;
}

/** /patients/:patientId/program: a new dose program for the patient's implanted pump. */
export function ProgramEditorPage({ patientId, previewDelayMs }: ProgramEditorPageProps) {
  const navigate = useNavigate();
  const patient = usePatientDetail(patientId);
  const pump = patient.data?.currentPump ?? null;
  const history = useDosePrograms(pump?.id ?? null);

  if (patient.isPending) {
    return (
      <div className="page">
        <PageHeader title="New dose program" />
        <LoadingState what="the patient" />
      </div>
    );
  }
  if (patient.isError) {
    return (
      <div className="page">
        <PageHeader title="New dose program" />
        <QueryError what="the patient" error={patient.error} onRetry={() => void patient.refetch()} />
      </div>
    );
  }
  const detail = patient.data;
  const name = `${detail.familyName}, ${detail.givenName}`;
  const subtitle = (
    <>
      {name} · MRN {detail.mrn}
      {pump ? ` · ${pump.manufacturer} ${pump.model} ${pump.serialNumber}` : null}
    </>
  );
  if (!pump) {
    return (
      <div className="page">
        <PageHeader title="New dose program" subtitle={subtitle} />
        <EmptyState title="This patient has no implanted pump.">
          <p>A dose program is for an implanted pump: record the implant first.</p>
        </EmptyState>
      </div>
    );
  }
  const inForceId = pump.programInForce?.id ?? null;
  return (
    <div className="page">
      <PageHeader title="New dose program" subtitle={subtitle} />
      {history.isPending ? (
        <LoadingState what="the dose history" />
      ) : history.isError ? (
        <QueryError what="the dose history" error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <ProgramEditorForm
          key={patientId}
          patient={detail}
          pump={pump}
          programInForce={history.data.items.find((program) => program.id === inForceId) ?? null}
          previewDelayMs={previewDelayMs}
          onSaved={() => {
            void navigate(`/patients/${patientId}`);
          }}
        />
      )}
    </div>
  );
}
