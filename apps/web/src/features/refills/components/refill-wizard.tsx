import { type PatientDetail, type RefillPreview } from '@pumpdesk/contracts';
import { sameConcentration, volumeGapThresholdMl } from '@pumpdesk/domain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { todayInZone } from '../../../lib/dates.ts';
import { useRecordRefill } from '../hooks/use-record-refill.ts';
import {
  judgeRefillLive,
  estimatedResidualMl,
  programRecordInForceAt,
  type RefillEngineContext,
  sameDoseProgramAt,
} from '../utils/live-refill.ts';
import {
  emptyRefillForm,
  fieldOfApiPath,
  parseRefill,
  REFILL_STEPS,
  type RefillFieldErrors,
  type RefillFormValues,
  type RefillStepId,
  STEP_FIELDS,
  stepOfField,
  toRefillInput,
  validateStep,
} from '../utils/refill-form.ts';
import { ConfirmStep } from './confirm-step.tsx';
import { FILL_BLOCKING_ID, FillStep } from './fill-step.tsx';
import { LiveDates } from './live-dates.tsx';
import { RefillSaved } from './refill-saved.tsx';
import { ResidualStep } from './residual-step.tsx';
import { StepIndicator } from './step-indicator.tsx';
import { SubmitError } from './submit-error.tsx';
import { WithdrawnStep } from './withdrawn-step.tsx';
import '../refills.css';

interface RefillWizardProps {
  patient: PatientDetail;
  pump: NonNullable<PatientDetail['currentPump']>;
  context: RefillEngineContext;
  /** A physician may record the same doses at a new concentration in the same step. */
  canChangeProgram: boolean;
}

/**
 * The guided refill: expected residual → volume withdrawn → drug and fill → confirm. The engine judges
 * what is typed at every keystroke (findings and the new dates); a refusal stops the step; the confirm
 * step asks the server, and the submit is idempotent (one key per form).
 */
export function RefillWizard({ patient, pump, context, canChangeProgram }: RefillWizardProps) {
  const { timeZone } = context;
  const [values, setValues] = useState<RefillFormValues>(() => emptyRefillForm(new Date(), timeZone));
  const [stepIndex, setStepIndex] = useState(0);
  const [errors, setErrors] = useState<RefillFieldErrors>({});
  const [serverPreview, setServerPreview] = useState<RefillPreview | null>(null);
  const record = useRecordRefill(pump.id);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const movedStep = useRef(false);
  const step = REFILL_STEPS[stepIndex] ?? REFILL_STEPS[0];
  const today = todayInZone(timeZone);

  const parsed = useMemo(() => parseRefill(values, timeZone), [values, timeZone]);
  const now = new Date();
  const programRecord = programRecordInForceAt(context, parsed.at ?? now);
  const programConcentration = programRecord?.concentrationMcgPerMl ?? null;
  const concentrationMismatch =
    parsed.concentrationMcgPerMl !== null &&
    programConcentration !== null &&
    !sameConcentration(parsed.concentrationMcgPerMl, programConcentration);
  const newProgram =
    canChangeProgram &&
    concentrationMismatch &&
    values.changeProgram &&
    programRecord &&
    parsed.concentrationMcgPerMl
      ? sameDoseProgramAt(programRecord, parsed.concentrationMcgPerMl, values.programChangeReason.trim())
      : null;
  // The engine on every render: one projection over the pump's programs, well under a millisecond.
  const live = judgeRefillLive(context, parsed, newProgram, now);
  const body = toRefillInput(values, timeZone, newProgram);

  useEffect(() => {
    if (movedStep.current) stepHeading.current?.focus();
  }, [stepIndex]);

  const onChange = useCallback((change: Partial<RefillFormValues>) => {
    setValues((current) => ({ ...current, ...change }));
    const changed = new Set(Object.keys(change));
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([field]) => !changed.has(field))),
    );
  }, []);

  const goToStep = useCallback((id: RefillStepId) => {
    movedStep.current = true;
    setStepIndex(REFILL_STEPS.findIndex((candidate) => candidate.id === id));
  }, []);

  const residualFindings = live.findings.filter((finding) => finding.code === 'RESIDUAL_GAP');
  const fillFindings = live.findings.filter(
    (finding) => finding.code !== 'RESIDUAL_GAP' && !live.blocking.includes(finding),
  );

  const apiError = record.error instanceof ApiError ? record.error : null;
  const apiFieldErrors = (apiError?.fieldErrors ?? []).flatMap((fieldError) => {
    const field = fieldOfApiPath(fieldError.path);
    return field ? [{ field, message: fieldError.message, step: stepOfField(field) }] : [];
  });
  const shownErrors: RefillFieldErrors = {
    ...Object.fromEntries(apiFieldErrors.map(({ field, message }) => [field, message])),
    ...errors,
  };

  function next() {
    const stepErrors = validateStep(step.id, values, {
      timeZone,
      now: new Date(),
      lastRefillAt: context.lastRefill?.at ?? null,
    });
    if (Object.keys(stepErrors).length > 0) {
      setErrors(stepErrors);
      const first = STEP_FIELDS[step.id].find((field) => stepErrors[field]);
      if (first) document.getElementById(first)?.focus();
      return;
    }
    if (step.id === 'fill' && live.blocking.length > 0) {
      document.getElementById(FILL_BLOCKING_ID)?.focus();
      return;
    }
    movedStep.current = true;
    setStepIndex((index) => Math.min(index + 1, REFILL_STEPS.length - 1));
  }

  function submit() {
    const invalidStep = REFILL_STEPS.find(
      (candidate) =>
        Object.keys(
          validateStep(candidate.id, values, {
            timeZone,
            now: new Date(),
            lastRefillAt: context.lastRefill?.at ?? null,
          }),
        ).length > 0,
    );
    if (!body || invalidStep) {
      goToStep(invalidStep?.id ?? 'residual');
      return;
    }
    if (live.blocking.length > 0 || serverPreview?.allowed === false) return;
    record.submit(body);
  }

  function onSubmit(event: React.SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step.id === 'confirm') submit();
    else next();
  }

  const patientName = `${patient.givenName} ${patient.familyName}`;
  if (record.data) {
    return (
      <RefillSaved
        result={record.data}
        patientId={patient.id}
        patientName={patientName}
        timeZone={timeZone}
        today={today}
      />
    );
  }

  const nextBlocked = step.id === 'fill' && live.blocking.length > 0;
  const submitBlocked = live.blocking.length > 0 || serverPreview?.allowed === false;
  return (
    <div className="refill-wizard">
      <StepIndicator current={step.id} />
      <div className="refill-wizard__body">
        <form className="refill-form" onSubmit={onSubmit} noValidate aria-labelledby="refill-step-title">
          <h2 id="refill-step-title" ref={stepHeading} tabIndex={-1} className="refill-step-title">
            Step {stepIndex + 1} of {REFILL_STEPS.length}: {step.title}
          </h2>
          {step.id === 'residual' ? (
            <ResidualStep
              values={values}
              errors={shownErrors}
              onChange={onChange}
              estimatedResidualMl={estimatedResidualMl(context, parsed.at)}
              lastRefill={pump.lastRefill}
              timeZone={timeZone}
            />
          ) : null}
          {step.id === 'withdrawn' ? (
            <WithdrawnStep
              values={values}
              errors={shownErrors}
              onChange={onChange}
              findings={residualFindings}
              gapThresholdMl={volumeGapThresholdMl(context.reservoirMl, context.settings.residual)}
            />
          ) : null}
          {step.id === 'fill' ? (
            <FillStep
              values={values}
              errors={shownErrors}
              onChange={onChange}
              programConcentrationMcgPerMl={programConcentration}
              concentrationMismatch={concentrationMismatch}
              canChangeProgram={canChangeProgram && programRecord !== null}
              blocking={live.blocking}
              findings={fillFindings}
            />
          ) : null}
          {step.id === 'confirm' && body ? (
            <ConfirmStep
              pumpId={pump.id}
              body={body}
              timeZone={timeZone}
              today={today}
              onPreview={setServerPreview}
              onGoToStep={goToStep}
            />
          ) : null}
          {step.id === 'confirm' && record.isError ? (
            <SubmitError
              error={record.error}
              patientId={patient.id}
              fieldErrors={apiFieldErrors}
              onGoToStep={goToStep}
            />
          ) : null}
          <div className="refill-nav">
            {stepIndex > 0 ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  goToStep(REFILL_STEPS[stepIndex - 1]?.id ?? 'residual');
                }}
                disabled={record.isPending}
              >
                Back
              </button>
            ) : null}
            {step.id === 'confirm' ? (
              <button
                type="submit"
                className="button"
                disabled={record.isPending}
                aria-disabled={submitBlocked || undefined}
              >
                {record.isPending ? 'Recording the refill…' : 'Record the refill'}
              </button>
            ) : (
              <button
                type="submit"
                className="button"
                aria-disabled={nextBlocked || undefined}
                aria-describedby={nextBlocked ? FILL_BLOCKING_ID : undefined}
              >
                Next
              </button>
            )}
          </div>
        </form>
        <LiveDates judgement={live} today={today} timeZone={timeZone} />
      </div>
    </div>
  );
}
