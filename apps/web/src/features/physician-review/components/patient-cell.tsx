import { Link } from 'react-router';

interface PatientCellProps {
  patient: { id: string; mrn: string; givenName: string; familyName: string };
}

/** The row header of a review table: the patient's name, linking to their page, and MRN. */
export function PatientCell({ patient }: PatientCellProps) {
  return (
    <th scope="row">
      <Link className="data-table__name" to={`/patients/${patient.id}`}>
        {patient.familyName}, {patient.givenName}
      </Link>
      <br />
      <span className="muted">MRN {patient.mrn}</span>
    </th>
  );
}
