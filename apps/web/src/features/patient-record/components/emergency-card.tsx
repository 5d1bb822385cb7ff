import { type PatientDetail, type SiteSummary } from '@pumpdesk/contracts';
import { formatConcentration, formatMcgPerDay } from '@pumpdesk/domain';
import { formatCalendarDate } from '../../../lib/format.ts';
import { doseModeLabels } from '../utils/labels.ts';

/** Signs of baclofen withdrawal (docs/domain.md, "Risks"; drug labelling's boxed warning). */
export const WITHDRAWAL_SIGNS = [
  'Return of spasticity or muscle rigidity (rebound spasticity)',
  'Itching (pruritus) without a rash',
  'Tingling (paraesthesia)',
  'Low blood pressure',
  'High fever',
  'Confusion or altered mental status',
  'Autonomic dysreflexia: sudden high blood pressure, pounding headache, sweating, slow pulse',
  'Over 24–72 hours: muscle breakdown (rhabdomyolysis), seizures, multiple organ failure',
] as const;

/** Signs of baclofen overdose (drug labelling). */
export const OVERDOSE_SIGNS = [
  'Drowsiness, light-headedness, dizziness',
  'Slow or shallow breathing (respiratory depression)',
  'Floppiness spreading upwards from the legs (rostral hypotonia)',
  'Seizures',
  'Loss of consciousness, coma',
] as const;

interface EmergencyCardProps {
  patient: PatientDetail;
  /** The patient's site with its phone and address; null when the site list is not available. */
  site: SiteSummary | null;
}

/**
 * The one-page card a patient carries for the emergency department: who they are, the pump and
 * what it delivers, when it alarms and is due, whom to call, and the signs of withdrawal and overdose.
 */
export function EmergencyCard({ patient, site }: EmergencyCardProps) {
  const pump = patient.currentPump;
  const program = pump?.programInForce ?? null;
  const refill = patient.assessment.refill;
  return (
    <article className="emergency-card" aria-labelledby="emergency-card-title">
      <header className="emergency-card__header">
        <h1 id="emergency-card-title" className="emergency-card__title">
          Intrathecal baclofen pump: emergency card
        </h1>
        <p className="emergency-card__warning">
          <strong>
            Baclofen withdrawal can be life-threatening: contact the clinic or the emergency department at
            once.
          </strong>{' '}
          Do not stop or interrupt intrathecal baclofen abruptly.
        </p>
      </header>

      <div className="emergency-card__grid">
        <section aria-labelledby="ec-patient">
          <h2 id="ec-patient">Patient</h2>
          <dl>
            <Item term="Name">
              {patient.givenName} {patient.familyName}
            </Item>
            <Item term="Date of birth">{formatCalendarDate(patient.dateOfBirth)}</Item>
            <Item term="MRN">{patient.mrn}</Item>
          </dl>
        </section>

        <section aria-labelledby="ec-pump">
          <h2 id="ec-pump">Pump and drug</h2>
          <dl>
            <Item term="Pump">
              {pump ? `${pump.manufacturer} ${pump.model}, serial ${pump.serialNumber}` : 'No implanted pump'}
            </Item>
            <Item term="Drug">Baclofen, intrathecal</Item>
            <Item term="Concentration">
              {program ? formatConcentration(program.concentrationMcgPerMl) : 'Not on record'}
            </Item>
            <Item term="Daily dose">
              {program
                ? `${formatMcgPerDay(program.dailyDoseMcg)} (${doseModeLabels[program.mode].toLowerCase()})`
                : 'Not on record'}
            </Item>
            <Item term="Low-reservoir alarm">
              {refill?.alarmDate ? formatCalendarDate(refill.alarmDate) : 'Unknown'}
            </Item>
            <Item term="Refill due">{refill?.dueDate ? formatCalendarDate(refill.dueDate) : 'Unknown'}</Item>
          </dl>
        </section>

        <section aria-labelledby="ec-clinic">
          <h2 id="ec-clinic">Clinic</h2>
          <dl>
            <Item term="Clinic">{patient.site.name}</Item>
            <Item term="Phone">{site?.phone ?? 'Not on record'}</Item>
            <Item term="Address">{site?.address ?? 'Not on record'}</Item>
            <Item term="Responsible physician">{patient.responsiblePhysician?.name ?? 'Not assigned'}</Item>
          </dl>
        </section>
      </div>

      <div className="emergency-card__signs">
        <section aria-labelledby="ec-withdrawal">
          <h2 id="ec-withdrawal">Signs of withdrawal</h2>
          <p>Pump empty or stopped, catheter blocked or disconnected. Can develop within hours.</p>
          <ul>
            {WITHDRAWAL_SIGNS.map((sign) => (
              <li key={sign}>{sign}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="ec-overdose">
          <h2 id="ec-overdose">Signs of overdose</h2>
          <p>After a refill or a dose change. Needs urgent assessment; breathing support may be required.</p>
          <ul>
            {OVERDOSE_SIGNS.map((sign) => (
              <li key={sign}>{sign}</li>
            ))}
          </ul>
        </section>
      </div>
      <p className="emergency-card__footer">
        Dates as of {formatCalendarDate(patient.assessment.today)}. They change at every refill and dose
        change: carry the latest card.
      </p>
    </article>
  );
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
