import { formatInstant } from '../../../lib/format.ts';
import { performedAtHint, type RefillLocation } from '../utils/refill-form.ts';
import { RefillField } from './refill-field.tsx';
import { type StepProps } from './step-props.ts';

interface ResidualStepProps extends StepProps {
  /** The engine's projection of what the reservoir holds at the refill time (mL); null when unknown. */
  estimatedResidualMl: number | null;
  lastRefill: { performedAt: string; reservoirVolumeAfterMl: number } | null;
  timeZone: string;
}

/** Step 1: when and where, and the residual the pump expects (the programmer's reading). */
export function ResidualStep({
  values,
  errors,
  onChange,
  estimatedResidualMl,
  lastRefill,
  timeZone,
}: ResidualStepProps) {
  const repeatedTime = performedAtHint(values.performedAtLocal, timeZone);
  return (
    <>
      <dl className="refill-facts">
        <div>
          <dt>Last refill</dt>
          <dd>
            {lastRefill
              ? `${formatInstant(lastRefill.performedAt, timeZone)}, reservoir ${lastRefill.reservoirVolumeAfterMl} mL after the fill`
              : 'None on record'}
          </dd>
        </div>
        <div>
          <dt>Expected now by PumpDesk</dt>
          <dd data-testid="estimated-residual">
            {estimatedResidualMl === null
              ? 'Cannot be projected (no refill or no program on record)'
              : `${estimatedResidualMl} mL at the refill time`}
          </dd>
        </div>
      </dl>
      <div className="refill-fields">
        <RefillField
          id="performedAtLocal"
          label="Refill date and time"
          kind="datetime-local"
          required
          value={values.performedAtLocal}
          onChange={(value) => {
            onChange({ performedAtLocal: value });
          }}
          error={errors.performedAtLocal}
          hint={
            repeatedTime ? (
              <>
                On the site’s clock ({timeZone}). <strong>{repeatedTime}</strong>
              </>
            ) : (
              `On the site’s clock (${timeZone}).`
            )
          }
        />
        <div className="field">
          <label htmlFor="location">Where</label>
          <select
            id="location"
            value={values.location}
            onChange={(event) => {
              onChange({ location: event.target.value as RefillLocation });
            }}
          >
            <option value="clinic">In the clinic</option>
            <option value="home">At home</option>
          </select>
        </div>
        <RefillField
          id="expectedResidualMl"
          label="Expected residual shown by the pump"
          unit="mL"
          required
          value={values.expectedResidualMl}
          onChange={(value) => {
            onChange({ expectedResidualMl: value });
          }}
          error={errors.expectedResidualMl}
          hint="Read it from the pump programmer before withdrawing."
        />
      </div>
    </>
  );
}
