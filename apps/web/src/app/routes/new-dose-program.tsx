import { useParams } from 'react-router';
import { ProgramEditorPage } from '../../features/dose-programs/components/program-editor-page.tsx';

/** /patients/:patientId/program (physicians): a new dose program, then back to the patient page. */
export default function NewDoseProgramRoute() {
  const { patientId = '' } = useParams();
  return <ProgramEditorPage patientId={patientId} />;
}
