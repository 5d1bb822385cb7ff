import { useParams } from 'react-router';
import { usePermission } from '../../features/auth/hooks/use-session.ts';
import { RecordRefillPage } from '../../features/refills/components/record-refill-page.tsx';

/** /patients/:patientId/refill (refills:write): the guided refill form. */
export default function RecordRefillRoute() {
  const { patientId = '' } = useParams();
  const canChangeProgram = usePermission('programs:write');
  // A new form (and a new Idempotency-Key) per patient.
  return <RecordRefillPage key={patientId} patientId={patientId} canChangeProgram={canChangeProgram} />;
}
