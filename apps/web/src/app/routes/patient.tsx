import { useParams } from 'react-router';
import { usePermission } from '../../features/auth/hooks/use-session.ts';
import { PatientPage } from '../../features/patient-record/components/patient-page.tsx';

/** The patient page; the session decides which write screens it links to. */
export default function PatientRoute() {
  const { patientId = '' } = useParams();
  const canRecordRefill = usePermission('refills:write');
  const canProgram = usePermission('programs:write');
  return (
    <PatientPage
      key={patientId}
      patientId={patientId}
      canRecordRefill={canRecordRefill}
      canProgram={canProgram}
    />
  );
}
