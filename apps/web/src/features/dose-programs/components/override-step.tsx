import { type FindingDto } from '@pumpdesk/contracts';
import { SeverityBadge } from '../../../components/severity-badge.tsx';

interface OverrideStepProps {
  findings: readonly FindingDto[];
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
  reason: string;
  onReasonChange: (reason: string) => void;
  confirmError: string | null;
  reasonError: string | null;
}

/**
 * A change the engine stops without refusing it (titration beyond the limit, a stop, a restart, a
 * steep fall): the physician confirms they override it and says why; the reason is stored with the
 * program and in the findings.
 */
export function OverrideStep(props: OverrideStepProps) {
  const { findings } = props;
  return (
    <fieldset className="override-step">
      <legend className="override-step__legend">
        <SeverityBadge level="override_required" /> This change needs a physician override
      </legend>
      <ul className="override-step__findings">
        {findings.map((finding) => (
          <li key={`${finding.code}:${finding.message}`}>{finding.message}</li>
        ))}
      </ul>
      <div className="checkbox">
        <input
          id="override-confirm"
          type="checkbox"
          checked={props.confirmed}
          aria-invalid={props.confirmError ? true : undefined}
          aria-describedby={props.confirmError ? 'override-confirm-error' : undefined}
          onChange={(event) => {
            props.onConfirmedChange(event.target.checked);
          }}
        />
        <label htmlFor="override-confirm">
          I have reviewed these findings and override them for this patient
        </label>
      </div>
      {props.confirmError ? (
        <p id="override-confirm-error" className="field__error">
          {props.confirmError}
        </p>
      ) : null}
      <div className="field dose-textarea">
        <label htmlFor="override-reason">Reason for the override</label>
        <textarea
          id="override-reason"
          rows={3}
          maxLength={500}
          value={props.reason}
          aria-required="true"
          aria-invalid={props.reasonError ? true : undefined}
          aria-describedby={props.reasonError ? 'override-reason-error' : 'override-reason-hint'}
          onChange={(event) => {
            props.onReasonChange(event.target.value);
          }}
        />
        <span id="override-reason-hint" className="field__hint">
          Stored with the program and shown in the dose history.
        </span>
        {props.reasonError ? (
          <p id="override-reason-error" className="field__error">
            {props.reasonError}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
