import { type FindingDto } from '@pumpdesk/contracts';
import { FindingList } from '../../../components/finding-list.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { RefillField } from './refill-field.tsx';
import { type StepProps } from './step-props.ts';

interface FillStepProps extends StepProps {
  /** The concentration of the program in force at the refill; null when the pump has none. */
  programConcentrationMcgPerMl: number | null;
  /** The typed concentration differs from the program's. */
  concentrationMismatch: boolean;
  /** A physician may record the same doses at the new concentration in this step. */
  canChangeProgram: boolean;
  /** Refusals: the step cannot be left forward while there are any. */
  blocking: readonly FindingDto[];
  /** The other findings of what is typed (pocket fill, strength warnings). */
  findings: readonly FindingDto[];
}

export const FILL_BLOCKING_ID = 'refill-fill-blocking';

/** Step 3: the drug, its concentration checked against the program in force, lot, expiry, volumes. */
export function FillStep({
  values,
  errors,
  onChange,
  programConcentrationMcgPerMl,
  concentrationMismatch,
  canChangeProgram,
  blocking,
  findings,
}: FillStepProps) {
  return (
    <>
      <dl className="refill-facts">
        <div>
          <dt>Drug</dt>
          <dd>Baclofen (intrathecal)</dd>
        </div>
        <div>
          <dt>Program in force</dt>
          <dd data-testid="program-concentration">
            {programConcentrationMcgPerMl === null
              ? 'No program on record'
              : `${programConcentrationMcgPerMl} mcg/mL`}
          </dd>
        </div>
      </dl>
      <div className="refill-fields">
        <RefillField
          id="concentrationMcgPerMl"
          label="Concentration on the drug label"
          unit="mcg/mL"
          required
          value={values.concentrationMcgPerMl}
          onChange={(value) => {
            onChange({ concentrationMcgPerMl: value });
          }}
          error={errors.concentrationMcgPerMl}
          describedBy={concentrationMismatch && blocking.length > 0 ? FILL_BLOCKING_ID : undefined}
          hint="Type it from the label, not from the program."
        />
        <RefillField
          id="drugLot"
          label="Lot number"
          kind="text"
          value={values.drugLot}
          onChange={(value) => {
            onChange({ drugLot: value });
          }}
          error={errors.drugLot}
        />
        <RefillField
          id="drugExpiry"
          label="Expiry date"
          kind="date"
          value={values.drugExpiry}
          onChange={(value) => {
            onChange({ drugExpiry: value });
          }}
          error={errors.drugExpiry}
        />
      </div>
      {concentrationMismatch && canChangeProgram ? (
        <fieldset className="refill-program-change">
          <legend>Change of concentration (physician)</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={values.changeProgram}
              onChange={(event) => {
                onChange({ changeProgram: event.target.checked });
              }}
            />
            Record a new program at {values.concentrationMcgPerMl.trim()} mcg/mL with the same doses, taking
            effect at this refill
          </label>
          {values.changeProgram ? (
            <RefillField
              id="programChangeReason"
              label="Reason for the new program"
              kind="text"
              required
              value={values.programChangeReason}
              onChange={(value) => {
                onChange({ programChangeReason: value });
              }}
              error={errors.programChangeReason}
            />
          ) : null}
        </fieldset>
      ) : null}
      {/* Polite, not an alert: it comes and goes while a value is typed ("5", "50", "500"). */}
      <div aria-live="polite">
        {blocking.length > 0 ? (
          <div id={FILL_BLOCKING_ID} className="alert alert--error refill-blocking" tabIndex={-1}>
            <h3 className="alert__title">
              <SeverityBadge level="refusal" /> This refill cannot be recorded as entered
            </h3>
            <ul className="findings__list">
              {blocking.map((finding) => (
                <li key={`${finding.code}:${finding.message}`}>{finding.message}</li>
              ))}
            </ul>
            {concentrationMismatch && !canChangeProgram ? (
              <p>
                <strong>A physician must change the program first.</strong> Check the drug: fill only at the
                concentration of the program in force.
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="refill-fields">
        <RefillField
          id="volumeFilledMl"
          label="Volume filled"
          unit="mL"
          required
          value={values.volumeFilledMl}
          onChange={(value) => {
            onChange({ volumeFilledMl: value });
          }}
          error={errors.volumeFilledMl}
          hint="The volume injected into the reservoir."
        />
        <RefillField
          id="reservoirVolumeAfterMl"
          label="Reservoir volume after the fill"
          unit="mL"
          required
          value={values.reservoirVolumeAfterMl}
          onChange={(value) => {
            onChange({ reservoirVolumeAfterMl: value });
          }}
          error={errors.reservoirVolumeAfterMl}
          hint="The volume entered into the pump after the fill."
        />
        <div className="field field--grow">
          <label htmlFor="notes">
            Notes <span className="muted">(optional)</span>
          </label>
          <textarea
            id="notes"
            rows={2}
            value={values.notes}
            onChange={(event) => {
              onChange({ notes: event.target.value });
            }}
            aria-invalid={errors.notes ? true : undefined}
            aria-describedby={errors.notes ? 'notes-error' : undefined}
          />
          {errors.notes ? (
            <p id="notes-error" className="field__error">
              {errors.notes}
            </p>
          ) : null}
        </div>
      </div>
      <div className="refill-step-findings">
        <FindingList findings={findings} title="Check before continuing" />
      </div>
    </>
  );
}
