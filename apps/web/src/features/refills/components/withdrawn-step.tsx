import { type FindingDto } from '@pumpdesk/contracts';
import { FindingList } from '../../../components/finding-list.tsx';
import { RefillField } from './refill-field.tsx';
import { type StepProps } from './step-props.ts';

interface WithdrawnStepProps extends StepProps {
  /** The engine's residual findings for what is typed (RESIDUAL_GAP): a warning, not a stop. */
  findings: readonly FindingDto[];
  gapThresholdMl: number;
}

/** Step 2: what was actually withdrawn, compared at once with the pump's expected residual. */
export function WithdrawnStep({ values, errors, onChange, findings, gapThresholdMl }: WithdrawnStepProps) {
  return (
    <>
      <p>
        Expected residual shown by the pump: <strong>{values.expectedResidualMl.trim()} mL</strong>. A gap of
        more than {gapThresholdMl} mL for this reservoir is a warning.
      </p>
      <div className="refill-fields">
        <RefillField
          id="withdrawnVolumeMl"
          label="Volume withdrawn"
          unit="mL"
          required
          value={values.withdrawnVolumeMl}
          onChange={(value) => {
            onChange({ withdrawnVolumeMl: value });
          }}
          error={errors.withdrawnVolumeMl}
          hint="Everything withdrawn from the reservoir before the fill."
        />
      </div>
      <div className="refill-step-findings">
        <FindingList findings={findings} title="Check before continuing" />
        {findings.length > 0 ? (
          <p className="field__hint">You can continue: the warning is recorded with the refill.</p>
        ) : null}
      </div>
    </>
  );
}
