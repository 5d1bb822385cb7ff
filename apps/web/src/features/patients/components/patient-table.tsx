import { diagnosisLabels, type PatientListItem, patientStatusLabels } from '@pumpdesk/contracts';
import { Link } from 'react-router';
import { formatCalendarDate } from '../../../lib/format.ts';

interface PatientTableProps {
  patients: readonly PatientListItem[];
  /** New results are loading: the rows shown are the previous ones. */
  busy: boolean;
}

const COLUMNS = [
  'Name',
  'MRN',
  'Date of birth',
  'Diagnosis',
  'Status',
  'Site',
  'Responsible physician',
  'Current pump',
  'Next refill due',
] as const;

export function PatientTable({ patients, busy }: PatientTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-busy={busy}>
        <caption className="visually-hidden">Patients matching the filters</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {patients.map((patient) => (
            <PatientRow key={patient.id} patient={patient} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PatientRow({ patient }: { patient: PatientListItem }) {
  const pump = patient.currentPump;
  return (
    <tr>
      <th scope="row" className="data-table__name">
        {/* The name opens the patient's page: the one link per row, so a screen reader's link list reads as the patients. */}
        <Link to={`/patients/${patient.id}`}>
          {patient.familyName}, {patient.givenName}
        </Link>
        {patient.highRisk ? (
          // Severity is carried by the words, not only by the colour.
          <span className="badge badge--risk">
            <span aria-hidden="true">⚠ </span>High risk
          </span>
        ) : null}
      </th>
      <td className="nowrap">{patient.mrn}</td>
      <td className="nowrap">{formatCalendarDate(patient.dateOfBirth)}</td>
      <td>{diagnosisLabels[patient.diagnosis]}</td>
      <td>{patientStatusLabels[patient.status]}</td>
      <td>{patient.site.name}</td>
      <td>{patient.responsiblePhysician?.name ?? <NoValue text="Not assigned" />}</td>
      <td>
        {pump ? (
          `${pump.model} ${pump.reservoirMl}\u00a0mL · ${pump.serialNumber}`
        ) : (
          <NoValue text="No pump" />
        )}
      </td>
      <td className="nowrap">
        {pump?.refillDueDate ? formatCalendarDate(pump.refillDueDate) : <NoValue text="None" />}
      </td>
    </tr>
  );
}

function NoValue({ text }: { text: string }) {
  return <span className="muted">{text}</span>;
}
