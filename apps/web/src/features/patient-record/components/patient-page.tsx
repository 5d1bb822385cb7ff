import { type PatientDetail, type Pump } from '@pumpdesk/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useAppointments } from '../api/get-appointments.ts';
import { usePatient } from '../api/get-patient.ts';
import { usePatientPumps, usePump } from '../api/get-patient-pumps.ts';
import { type PumpHistory, usePumpHistories } from '../api/get-pump-history.ts';
import { useVisits } from '../api/get-visits.ts';
import { doseSteps, refillMarkers, scorePoints } from '../utils/dose-history.ts';
import { reservoirSeries } from '../utils/reservoir-series.ts';
import '../patient-record.css';
import { BatteryMeter } from './battery-meter.tsx';
import { DoseHistoryChart } from './charts/dose-history-chart.tsx';
import { ReservoirChart } from './charts/reservoir-chart.tsx';
import { PatientSummary } from './patient-summary.tsx';
import { AppointmentsTable, ProgramsTable, RefillsTable, VisitsTable } from './record-tables.tsx';

interface PatientPageProps {
  patientId: string;
  /** From the session (the app passes them in): which write screens to offer. */
  canRecordRefill: boolean;
  canProgram: boolean;
}

/** The patient page: the record's header, its charts and its tables. */
export function PatientPage({ patientId, canRecordRefill, canProgram }: PatientPageProps) {
  const patientQuery = usePatient(patientId);
  const pumpsQuery = usePatientPumps(patientId);
  const pumpDetailQuery = usePump(patientId, patientQuery.data?.currentPump?.id ?? null);

  if (patientQuery.isPending) {
    return (
      <div className="page">
        <PageHeader title="Patient" />
        <LoadingState what="the patient" />
      </div>
    );
  }
  if (patientQuery.isError) {
    return (
      <div className="page">
        <PageHeader title="Patient" />
        <QueryError
          what="the patient"
          error={patientQuery.error}
          onRetry={() => void patientQuery.refetch()}
        />
      </div>
    );
  }
  const patient = patientQuery.data;
  const hasPump = patient.currentPump !== null;
  const base = `/patients/${encodeURIComponent(patient.id)}`;

  return (
    <div className="page patient-record">
      <PageHeader
        title={`${patient.familyName}, ${patient.givenName}`}
        subtitle={`MRN ${patient.mrn} · ${patient.site.name}`}
        actions={
          <>
            {canRecordRefill && hasPump ? (
              <Link className="button" to={`${base}/refill`}>
                Record refill
              </Link>
            ) : null}
            {canProgram && hasPump ? (
              <Link className="button" to={`${base}/program`}>
                New dose program
              </Link>
            ) : null}
            <Link className="button button--secondary" to={`${base}/emergency-card`}>
              Emergency card
            </Link>
          </>
        }
      />
      <PatientSummary patient={patient} pumpDetail={pumpDetailQuery.data ?? null} />
      {pumpsQuery.isError ? (
        <QueryError what="the pumps" error={pumpsQuery.error} onRetry={() => void pumpsQuery.refetch()} />
      ) : pumpsQuery.isPending ? (
        <LoadingState what="the pumps" />
      ) : (
        <PumpHistorySections patient={patient} pumps={pumpsQuery.data.items} />
      )}
    </div>
  );
}

function PumpHistorySections({ patient, pumps }: { patient: PatientDetail; pumps: readonly Pump[] }) {
  const histories = usePumpHistories(
    patient.id,
    pumps.map((pump) => pump.id),
  );
  const visitsQuery = useVisits(patient.id);
  const appointmentsQuery = useAppointments(patient.id);
  // The moment the page was opened: "today" on the charts and where the dose line ends.
  const [now] = useState(() => Date.now());
  const timeZone = patient.site.timeZone;
  const serials = new Map(pumps.map((pump) => [pump.id, pump.serialNumber]));
  const currentModel = pumps.find((pump) => pump.id === patient.currentPump?.id)?.model;

  return (
    <>
      {patient.currentPump && patient.assessment.battery && currentModel ? (
        <BatteryMeter
          implantDate={patient.currentPump.implantDate}
          today={patient.assessment.today}
          model={currentModel}
          battery={patient.assessment.battery}
        />
      ) : null}

      {histories.error ? (
        <QueryError what="the dose history" error={histories.error} onRetry={histories.refetch} />
      ) : !histories.data || visitsQuery.isPending ? (
        <LoadingState what="the dose history" />
      ) : (
        <Charts
          patient={patient}
          pumps={pumps}
          histories={histories.data}
          visits={visitsQuery.data?.items ?? []}
          now={now}
        />
      )}

      {histories.data ? (
        <>
          <RefillsTable
            refills={histories.data.flatMap((history) => history.refills)}
            serials={serials}
            timeZone={timeZone}
            truncated={histories.data.some((history) => history.moreRefills)}
          />
          <ProgramsTable
            programs={histories.data.flatMap((history) => history.programs)}
            serials={serials}
            timeZone={timeZone}
          />
        </>
      ) : null}

      {visitsQuery.isError ? (
        <QueryError what="the visits" error={visitsQuery.error} onRetry={() => void visitsQuery.refetch()} />
      ) : visitsQuery.isPending ? (
        <LoadingState what="the visits" />
      ) : (
        <VisitsTable visits={visitsQuery.data.items} truncated={visitsQuery.data.nextCursor !== null} />
      )}

      {appointmentsQuery.isError ? (
        <QueryError
          what="the appointments"
          error={appointmentsQuery.error}
          onRetry={() => void appointmentsQuery.refetch()}
        />
      ) : appointmentsQuery.isPending ? (
        <LoadingState what="the appointments" />
      ) : (
        <AppointmentsTable appointments={appointmentsQuery.data.items} />
      )}
    </>
  );
}

interface ChartsProps {
  patient: PatientDetail;
  pumps: readonly Pump[];
  histories: readonly PumpHistory[];
  visits: Parameters<typeof scorePoints>[0];
  now: number;
}

function Charts({ patient, pumps, histories, visits, now }: ChartsProps) {
  const timeZone = patient.site.timeZone;
  const programs = histories.flatMap((history) => history.programs);
  const steps = doseSteps(pumps, programs);
  const markers = refillMarkers(
    steps,
    histories.flatMap((history) => history.refills),
  );
  const scores = scorePoints(visits, timeZone);
  const series = reservoirSeries(patient, programs, now);
  const pump = patient.currentPump;
  return (
    <div className="record-charts">
      {steps.length > 0 ? (
        <DoseHistoryChart
          steps={steps}
          refills={markers}
          scores={scores}
          timeZone={timeZone}
          now={pump ? now : null}
        />
      ) : (
        <section className="record-section" aria-labelledby="dose-history-empty">
          <h2 id="dose-history-empty" className="record-section__title">
            Dose history
          </h2>
          <EmptyState title="No dose program on record." />
        </section>
      )}
      {series && pump ? (
        <ReservoirChart series={series} reservoirMl={pump.reservoirMl} timeZone={timeZone} />
      ) : (
        <section className="record-section" aria-labelledby="reservoir-empty">
          <h2 id="reservoir-empty" className="record-section__title">
            Reservoir
          </h2>
          <EmptyState
            title={
              !pump
                ? 'No implanted pump.'
                : !pump.lastRefill
                  ? 'No refill on record: the reservoir cannot be projected.'
                  : 'No dose program on record: the reservoir cannot be projected.'
            }
          />
        </section>
      )}
    </div>
  );
}
