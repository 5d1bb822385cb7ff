import { Link } from 'react-router';
import { patientName } from '../utils/labels.ts';

interface PatientCellProps {
  patient: { id: string; givenName: string; familyName: string };
  highRisk: boolean;
}

/** The row header: the patient's name, linking to the patient page, and the high-risk flag in words. */
export function PatientCell({ patient, highRisk }: PatientCellProps) {
  return (
    <th scope="row" className="data-table__name">
      <Link to={`/patients/${patient.id}`}>{patientName(patient)}</Link>
      {highRisk ? (
        <span className="badge badge--risk">
          <span aria-hidden="true">⚠ </span>High risk
        </span>
      ) : null}
    </th>
  );
}

interface PatientAndPumpCellsProps {
  entry: {
    patient: PatientCellProps['patient'] & { mrn: string };
    highRisk: boolean;
    pump: { model: string; serialNumber: string };
  };
}

/** The first three cells of a worklist row: the patient (row header), the MRN, the pump and its serial. */
export function PatientAndPumpCells({ entry }: PatientAndPumpCellsProps) {
  return (
    <>
      <PatientCell patient={entry.patient} highRisk={entry.highRisk} />
      <td className="nowrap">{entry.patient.mrn}</td>
      <td>
        {entry.pump.model}
        <span className="worklist__secondary muted">{entry.pump.serialNumber}</span>
      </td>
    </>
  );
}
