import { type PatientDetail, type PumpModel } from '@pumpdesk/contracts';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { type SeverityLevel, SeverityBadge } from '../../../components/severity-badge.tsx';
import { formatYearRange, formatYearsMonths, monthsBetween } from '../utils/calendar-age.ts';

type BatteryAssessment = NonNullable<PatientDetail['assessment']['battery']>;

const STATUS: Record<BatteryAssessment['status'], { level: SeverityLevel; label: string }> = {
  ok: { level: 'ok', label: 'OK' },
  approaching: { level: 'upcoming', label: 'Replacement window approaching' },
  in_window: { level: 'due_soon', label: 'In replacement window' },
  replacement_overdue: { level: 'critical', label: 'Replacement overdue' },
  eri_reported: { level: 'critical', label: 'ERI reported' },
};

interface BatteryMeterProps {
  implantDate: string;
  today: string;
  model: Pick<PumpModel, 'batteryLifeMinYears' | 'batteryLifeMaxYears'>;
  battery: BatteryAssessment;
}

/**
 * The battery's age against the model's life window ("4 y 2 m of 5–7 y"): a bar with the window
 * shaded, the engine's status and sentence, and its dates. The bar only repeats the text.
 */
export function BatteryMeter({ implantDate, today, model, battery }: BatteryMeterProps) {
  const ageMonths = monthsBetween(implantDate, today);
  const minMonths = Math.round(model.batteryLifeMinYears * 12);
  const maxMonths = Math.round(model.batteryLifeMaxYears * 12);
  const scale = Math.max(maxMonths, ageMonths, 1) * 1.05;
  const percent = (months: number) => `${String(Math.min(100, (months / scale) * 100))}%`;
  const status = STATUS[battery.status];
  return (
    <section className="record-section battery" aria-labelledby="battery-title">
      <h2 id="battery-title" className="record-section__title">
        Battery
      </h2>
      <p className="battery__age">
        Age <strong>{formatYearsMonths(ageMonths)}</strong> of{' '}
        {formatYearRange(model.batteryLifeMinYears, model.batteryLifeMaxYears)} expected life{' '}
        <SeverityBadge level={status.level} label={status.label} />
      </p>
      <div className="battery__bar" aria-hidden="true">
        <div
          className="battery__window"
          style={{ left: percent(minMonths), width: `calc(${percent(maxMonths)} - ${percent(minMonths)})` }}
        />
        <div className="battery__fill" style={{ width: percent(ageMonths) }} />
      </div>
      <p>{battery.message}</p>
      <dl className="battery__dates">
        <div>
          <dt>Window opens</dt>
          <dd>
            <CalendarDateText date={battery.windowStart} today={today} />
          </dd>
        </div>
        <div>
          <dt>Replace by</dt>
          <dd>
            <CalendarDateText date={battery.recommendedReplacement} today={today} />
          </dd>
        </div>
        <div>
          <dt>Estimated end of life</dt>
          <dd>
            <CalendarDateText date={battery.estimatedEnd} today={today} />
          </dd>
        </div>
        {battery.endOfService ? (
          <div>
            <dt>End of service</dt>
            <dd>
              <CalendarDateText date={battery.endOfService} today={today} />
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
