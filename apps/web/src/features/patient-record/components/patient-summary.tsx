import {
  diagnosisLabels,
  type PatientDetail,
  patientStatusLabels,
  type PumpDetail,
} from '@pumpdesk/contracts';
import { formatConcentration, formatMcgPerDay, formatMl } from '@pumpdesk/domain';
import { type ReactNode, useId } from 'react';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { FindingList } from '../../../components/finding-list.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { formatCalendarDate, formatInstant } from '../../../lib/format.ts';
import { ageInYears } from '../utils/calendar-age.ts';
import { doseModeLabels, dueDateReasonLabels, riskReasonLabels } from '../utils/labels.ts';

interface PatientSummaryProps {
  patient: PatientDetail;
  /** The current pump with its last interrogation, once loaded (null: none or not loaded). */
  pumpDetail: PumpDetail | null;
}

/** Who the patient is, the pump and program in force, the next dates and what the engine found today. */
export function PatientSummary({ patient, pumpDetail }: PatientSummaryProps) {
  const { assessment, currentPump: pump } = patient;
  const today = assessment.today;
  const program = pump?.programInForce ?? null;
  const timeZone = patient.site.timeZone;
  return (
    <>
      <div className="record-summary">
        <SummaryCard title="Patient">
          <Detail term="MRN">{patient.mrn}</Detail>
          <Detail term="Date of birth">
            <time dateTime={patient.dateOfBirth}>{formatCalendarDate(patient.dateOfBirth)}</time> (age{' '}
            {ageInYears(patient.dateOfBirth, today)})
          </Detail>
          <Detail term="Diagnosis">
            {diagnosisLabels[patient.diagnosis]}
            {patient.injuryLevel ? `, injury at ${patient.injuryLevel}` : null}
            {patient.diagnosisNote ? ` (${patient.diagnosisNote})` : null}
          </Detail>
          <Detail term="Status">{patientStatusLabels[patient.status]}</Detail>
          <Detail term="Site">{patient.site.name}</Detail>
          <Detail term="Responsible physician">
            {patient.responsiblePhysician?.name ?? <span className="muted">Not assigned</span>}
          </Detail>
          <Detail term="Withdrawal risk">
            {patient.risk.highRisk ? (
              <span className="record-risk">
                <SeverityBadge level="warning" label="High risk" />
                <span>
                  {patient.risk.reasons
                    .map((reason) =>
                      reason === 'flagged' && patient.highRiskReason
                        ? `${riskReasonLabels[reason]}: ${patient.highRiskReason}`
                        : riskReasonLabels[reason],
                    )
                    .join('; ')}
                </span>
              </span>
            ) : (
              'No risk factor recorded'
            )}
          </Detail>
        </SummaryCard>

        <SummaryCard title="Current pump" empty={pump ? null : 'No implanted pump.'}>
          {pump ? (
            <>
              <Detail term="Model">
                {pump.manufacturer} {pump.model}, {formatMl(pump.reservoirMl)}
              </Detail>
              <Detail term="Serial number">{pump.serialNumber}</Detail>
              <Detail term="Implanted">
                <CalendarDateText date={pump.implantDate} />
              </Detail>
              <Detail term="Alarm volume">{formatMl(pump.alarmVolumeMl)}</Detail>
              <Detail term="Last refill">
                {pump.lastRefill ? (
                  `${formatInstant(pump.lastRefill.performedAt, timeZone)}, ${formatMl(pump.lastRefill.reservoirVolumeAfterMl)} at ${formatConcentration(pump.lastRefill.concentrationMcgPerMl)}`
                ) : (
                  <span className="muted">None on record</span>
                )}
              </Detail>
              <Detail term="Last interrogation">
                {pumpDetail?.lastInterrogation ? (
                  formatInstant(pumpDetail.lastInterrogation.interrogatedAt, timeZone)
                ) : (
                  <span className="muted">{pumpDetail ? 'None on record' : '…'}</span>
                )}
              </Detail>
            </>
          ) : null}
        </SummaryCard>

        <SummaryCard
          title="Program in force"
          empty={program ? null : pump ? 'No dose program on record.' : 'No implanted pump.'}
        >
          {program ? (
            <>
              <Detail term="Daily dose">{formatMcgPerDay(program.dailyDoseMcg)}</Detail>
              <Detail term="Concentration">{formatConcentration(program.concentrationMcgPerMl)}</Detail>
              <Detail term="Mode">{doseModeLabels[program.mode]}</Detail>
              <Detail term="Since">{formatInstant(program.effectiveFrom, timeZone)}</Detail>
              <Detail term="Reason">{program.reason}</Detail>
            </>
          ) : null}
        </SummaryCard>

        <SummaryCard title="Next dates">
          <Detail term="Refill due">
            <CalendarDateText date={assessment.refill?.dueDate} today={today} empty="Unknown" />
            {assessment.refill?.dueDateBoundBy ? (
              <span className="muted"> by {dueDateReasonLabels[assessment.refill.dueDateBoundBy]}</span>
            ) : null}
          </Detail>
          <Detail term="Low-reservoir alarm">
            <CalendarDateText date={assessment.refill?.alarmDate} today={today} empty="Unknown" />
          </Detail>
          <Detail term="Reservoir empty">
            <CalendarDateText date={assessment.refill?.emptyDate} today={today} empty="Unknown" />
          </Detail>
          <Detail term="Next booked refill">
            <CalendarDateText date={assessment.refill?.nextBookedRefill} today={today} empty="None booked" />
          </Detail>
          <Detail term="Next review">
            <CalendarDateText date={assessment.followUp?.nextReviewDue} today={today} />
          </Detail>
          <Detail term="Battery replacement">
            <CalendarDateText date={assessment.battery?.recommendedReplacement} today={today} />
          </Detail>
        </SummaryCard>
      </div>

      <section className="record-section" aria-labelledby="record-status-title">
        <h2 id="record-status-title" className="record-section__title">
          Today’s assessment <SeverityBadge level={assessment.urgency} />
        </h2>
        <ul className="record-status">
          {assessment.refill ? <li>Refill: {assessment.refill.message}</li> : null}
          {assessment.battery ? <li>Battery: {assessment.battery.message}</li> : null}
          {assessment.followUp ? <li>Follow-up: {assessment.followUp.message}</li> : null}
          {patient.risk.message ? <li>Risk: {patient.risk.message}</li> : null}
        </ul>
        {assessment.findings.length > 0 ? (
          <FindingList findings={assessment.findings} title="Findings" />
        ) : (
          <p className="muted">No safety findings today.</p>
        )}
      </section>
    </>
  );
}

function SummaryCard({
  title,
  empty,
  children,
}: {
  title: string;
  empty?: string | null;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <section className="record-card" aria-labelledby={id}>
      <h2 id={id} className="record-card__title">
        {title}
      </h2>
      {empty ? <p className="muted">{empty}</p> : <dl className="record-card__list">{children}</dl>}
    </section>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="record-card__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
