import { type DoseProgramRecord, type FindingDto, type PatientDetail } from '@pumpdesk/contracts';
import { dailyDose, type DoseMode, doseModeSchema, formatNumber } from '@pumpdesk/domain';
import { type SyntheticEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { FindingList } from '../../../components/finding-list.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useCreateDoseProgram } from '../api/create-dose-program.ts';
import { useDoseProgramPreview } from '../api/preview-dose-program.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { useIdempotencyKey } from '../hooks/use-idempotency-key.ts';
import {
  type FieldErrors,
  formFromProgram,
  MODE_LABELS,
  newRowKey,
  overrideReasonError,
  parseProgramForm,
  type ProgramFormValues,
  reasonError,
} from '../utils/program-form.ts';
import { BolusTable } from './bolus-table.tsx';
import { DayRatePicture } from './day-rate-picture.tsx';
import { DoseComparison } from './dose-comparison.tsx';
import { FlexStepsTable } from './flex-steps-table.tsx';
import { NumberField } from './number-field.tsx';
import { OverrideStep } from './override-step.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import '../dose-programs.css';

type CurrentPump = NonNullable<PatientDetail['currentPump']>;

interface ProgramEditorFormProps {
  patient: PatientDetail;
  pump: CurrentPump;
  /** The program in force with its steps and boluses; null for a pump's first program. */
  programInForce: DoseProgramRecord | null;
  onSaved: () => void;
  /** How long typing must pause before the server preview runs (ms). */
  previewDelayMs?: number;
}

/** A save refused by the engine: its findings, for the program as it was when saved. */
interface Refusal {
  scheduleJson: string;
  findings: readonly FindingDto[];
}

/**
 * The dose program editor: the mode and its schedule, the daily dose and change computed as typed
 * (the domain's dailyDose), the server's preview for the findings and dates, and the override step
 * when the engine needs one. A failed save keeps everything typed.
 */
export function ProgramEditorForm({
  patient,
  pump,
  programInForce,
  onSaved,
  previewDelayMs = 400,
}: ProgramEditorFormProps) {
  const [values, setValues] = useState<ProgramFormValues>(() =>
    formFromProgram(programInForce, pump.lastRefill?.concentrationMcgPerMl ?? null),
  );
  const [submitted, setSubmitted] = useState(false);
  /** The override-required finding codes the physician ticked the confirmation for (see overrideKey). */
  const [confirmedOverrideKey, setConfirmedOverrideKey] = useState<string | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const keyFor = useIdempotencyKey();
  const create = useCreateDoseProgram();

  const parsed = useMemo(() => parseProgramForm(values), [values]);
  const scheduleJson = parsed.ok ? JSON.stringify(parsed.body) : null;
  const localDose = useMemo(() => (parsed.ok ? dailyDose(parsed.body) : null), [parsed]);
  const debouncedJson = useDebouncedValue(scheduleJson, previewDelayMs);
  const previewBody = useMemo(
    () =>
      debouncedJson === null
        ? null
        : (JSON.parse(debouncedJson) as Parameters<typeof useDoseProgramPreview>[1]),
    [debouncedJson],
  );
  const previewQuery = useDoseProgramPreview(pump.id, previewBody);
  // The preview on screen judged exactly the program typed now: not the last answer kept while the
  // next one loads (keepPreviousData), not one still being fetched, not one before the debounce caught
  // up with the typing. Only such a preview may let a save through (a save never trusts an older one).
  const previewIsCurrent =
    scheduleJson !== null &&
    debouncedJson === scheduleJson &&
    previewQuery.isSuccess &&
    !previewQuery.isPlaceholderData &&
    !previewQuery.isFetching;
  const preview = scheduleJson === null ? undefined : previewQuery.data;
  const checksPending = parsed.ok && !previewIsCurrent;

  // What blocks the save: the server's refusal of this very program, else its preview's (shown while
  // the next preview loads, but a save waits for the current one).
  const blocking: readonly FindingDto[] =
    refusal && refusal.scheduleJson === scheduleJson
      ? refusal.findings.filter((f) => f.severity === 'refusal' || f.severity === 'override_required')
      : (preview?.blocking ?? []);
  const refusals = blocking.filter((finding) => finding.severity === 'refusal');
  const overrideFindings = blocking.filter((finding) => finding.severity === 'override_required');
  const needsOverride = refusals.length === 0 && overrideFindings.length > 0;
  const overrideKey = needsOverride ? overrideCodesKey(overrideFindings) : null;
  // The findings above judge the program typed now (not a preview kept from before).
  const blockingIsCurrent = previewIsCurrent || (refusal !== null && refusal.scheduleJson === scheduleJson);

  // A confirmation is of the override-required findings shown when it was ticked (their codes). When
  // a current judgement has other codes (a titration beyond the limit becomes a stop of the pump), or
  // none, it is cleared and must be given again; and it only counts while the codes shown are the ones
  // ticked. The reason text is kept on screen: it is the physician's own typing (a form never throws
  // that away), and the new tick, given with the reason in view beside the new findings, is what says
  // it still holds for them. (Cleared during render, React's pattern for state that follows a changed
  // value, so no render shows the old tick beside new findings.)
  if (blockingIsCurrent && confirmedOverrideKey !== null && confirmedOverrideKey !== overrideKey) {
    setConfirmedOverrideKey(null);
  }
  const overrideConfirmed = overrideKey !== null && confirmedOverrideKey === overrideKey;

  const saveError = create.error;
  const serverFieldErrors: FieldErrors = {};
  if (saveError instanceof ApiError) {
    for (const fieldError of saveError.fieldErrors) {
      serverFieldErrors[fieldError.path.replace(/^body\./, '')] = fieldError.message;
    }
  }
  const errors: FieldErrors = { ...(submitted ? parsed.errors : {}), ...serverFieldErrors };
  const reasonProblem = submitted ? reasonError(values.reason) : null;
  const confirmProblem =
    submitted && needsOverride && !overrideConfirmed ? 'Confirm the override, or change the program.' : null;
  const overrideReasonProblem = submitted && needsOverride ? overrideReasonError(overrideReason) : null;

  const set = (change: Partial<ProgramFormValues>) => {
    setValues((current) => ({ ...current, ...change }));
  };

  const changeMode = (mode: DoseMode) => {
    setValues((current) => {
      const next = { ...current, mode };
      if (mode === 'flex' && current.steps.length === 0) {
        const perDay = Number(current.continuousDose);
        const rate =
          current.continuousDose.trim() !== '' && Number.isFinite(perDay) ? formatNumber(perDay / 24, 4) : '';
        next.steps = [{ key: newRowKey(), time: '00:00', rate, weekdays: [] }];
      }
      if (mode === 'periodic_bolus' && current.boluses.length === 0) {
        next.boluses = [{ key: newRowKey(), time: '08:00', dose: '', duration: '0', weekdays: [] }];
      }
      return next;
    });
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setSubmitted(true);
    if (!parsed.ok || reasonError(values.reason)) return;
    // The safety checks of this exact program have not answered yet: the button says so; nothing is sent.
    if (!previewIsCurrent) return;
    const submittedSchedule = JSON.stringify(parsed.body);
    if (submittedSchedule !== scheduleJson || refusals.length > 0) return;
    if (needsOverride && (!overrideConfirmed || overrideReasonError(overrideReason))) return;
    const body = {
      ...parsed.body,
      reason: values.reason.trim(),
      // Only for the override-required findings of the current preview, as confirmed (overrideConfirmed
      // compares their codes with the codes ticked).
      titrationOverrideReason: needsOverride && overrideConfirmed ? overrideReason.trim() : null,
    };
    create.mutate(
      { pumpId: pump.id, body, idempotencyKey: keyFor(JSON.stringify(body)) },
      {
        onSuccess: onSaved,
        onError: (error) => {
          if (error instanceof ApiError && error.findings.length > 0) {
            setRefusal({ scheduleJson: submittedSchedule, findings: error.findings });
          }
        },
      },
    );
  };

  const invalidCount = submitted ? Object.keys(parsed.errors).length + (reasonProblem ? 1 : 0) : 0;
  const scheduleForPicture =
    parsed.ok && (values.mode === 'flex' || (values.mode === 'periodic_bolus' && values.steps.length > 0))
      ? parsed.body
      : null;

  return (
    <form className="dose-editor" noValidate onSubmit={onSubmit} aria-describedby="dose-editor-intro">
      <p id="dose-editor-intro" className="muted">
        A new program is recorded as the next step of the dose history (the program in force is never
        changed). It takes effect when saved.
      </p>
      <div className="dose-editor__columns">
        <div className="dose-editor__inputs">
          <fieldset className="dose-fieldset">
            <legend>Mode</legend>
            <div className="dose-modes">
              {doseModeSchema.options.map((mode) => (
                <div key={mode} className="checkbox">
                  <input
                    id={`mode-${mode}`}
                    type="radio"
                    name="mode"
                    value={mode}
                    checked={values.mode === mode}
                    onChange={() => {
                      changeMode(mode);
                    }}
                  />
                  <label htmlFor={`mode-${mode}`}>{MODE_LABELS[mode]}</label>
                </div>
              ))}
            </div>
          </fieldset>

          <NumberField
            id="concentration"
            label="Concentration (mcg/mL)"
            hint={
              pump.lastRefill
                ? `The drug in the reservoir: ${formatNumber(pump.lastRefill.concentrationMcgPerMl)} mcg/mL (last refill).`
                : 'No refill on record.'
            }
            value={values.concentration}
            error={errors['concentrationMcgPerMl']}
            onChange={(concentration) => {
              set({ concentration });
            }}
          />

          {values.mode === 'simple_continuous' ? (
            <NumberField
              id="continuous-dose"
              label="Dose (mcg/day)"
              value={values.continuousDose}
              error={errors['continuousDoseMcgPerDay']}
              onChange={(continuousDose) => {
                set({ continuousDose });
              }}
            />
          ) : null}

          {values.mode === 'flex' ? (
            <FlexStepsTable
              caption="Flex steps (each runs until the next starts)"
              steps={values.steps}
              errors={errors}
              onChange={(steps) => {
                set({ steps });
              }}
            />
          ) : null}

          {values.mode === 'periodic_bolus' ? (
            <>
              <BolusTable
                boluses={values.boluses}
                errors={errors}
                onChange={(boluses) => {
                  set({ boluses });
                }}
              />
              <FlexStepsTable
                caption="Basal rate under the boluses (optional)"
                steps={values.steps}
                errors={errors}
                onChange={(steps) => {
                  set({ steps });
                }}
              />
            </>
          ) : null}

          {scheduleForPicture && localDose ? (
            <DayRatePicture schedule={scheduleForPicture} weekday={localDose.parts.weekday} />
          ) : null}

          <fieldset className="dose-fieldset">
            <legend>Patient-activated bolus</legend>
            <div className="checkbox">
              <input
                id="patient-bolus-on"
                type="checkbox"
                checked={values.patientBolusOn}
                onChange={(event) => {
                  set({ patientBolusOn: event.target.checked });
                }}
              />
              <label htmlFor="patient-bolus-on">
                The patient can give boluses (counted at their maximum)
              </label>
            </div>
            {values.patientBolusOn ? (
              <div className="dose-row">
                <NumberField
                  id="patient-bolus-dose"
                  label="Dose per bolus (mcg)"
                  value={values.patientBolusDose}
                  error={errors['patientBolus.doseMcg']}
                  onChange={(patientBolusDose) => {
                    set({ patientBolusDose });
                  }}
                />
                <NumberField
                  id="patient-bolus-max"
                  label="Most per day"
                  value={values.patientBolusMaxPerDay}
                  error={errors['patientBolus.maxPerDay']}
                  onChange={(patientBolusMaxPerDay) => {
                    set({ patientBolusMaxPerDay });
                  }}
                />
                <NumberField
                  id="patient-bolus-lockout"
                  label="Lockout (minutes)"
                  value={values.patientBolusLockout}
                  error={errors['patientBolus.lockoutMinutes']}
                  onChange={(patientBolusLockout) => {
                    set({ patientBolusLockout });
                  }}
                />
              </div>
            ) : null}
          </fieldset>

          <div className="field dose-textarea">
            <label htmlFor="program-reason">Reason for the change</label>
            <textarea
              id="program-reason"
              rows={3}
              maxLength={500}
              value={values.reason}
              aria-required="true"
              aria-invalid={reasonProblem ? true : undefined}
              aria-describedby={reasonProblem ? 'program-reason-error' : undefined}
              onChange={(event) => {
                set({ reason: event.target.value });
              }}
            />
            {reasonProblem ? (
              <p id="program-reason-error" className="field__error">
                {reasonProblem}
              </p>
            ) : null}
          </div>
        </div>

        <div className="dose-editor__summary">
          <DoseComparison
            previous={programInForce}
            proposed={{
              mode: values.mode,
              concentrationMcgPerMl: parsed.ok ? parsed.body.concentrationMcgPerMl : null,
              dailyDoseMcg: localDose?.totalMcg ?? null,
            }}
          />
          <PreviewPanel
            preview={preview}
            stale={preview !== undefined && !previewIsCurrent}
            isLoading={previewQuery.isLoading || (scheduleJson !== null && debouncedJson !== scheduleJson)}
            error={previewQuery.error}
            onRetry={() => {
              void previewQuery.refetch();
            }}
            today={patient.assessment.today}
            currentDueDate={patient.assessment.refill?.dueDate ?? null}
            incomplete={!parsed.ok}
          />
        </div>
      </div>

      {refusals.length > 0 ? (
        <div className="alert alert--error" role="alert">
          <h2 className="alert__title">This program cannot be saved</h2>
          <ul className="override-step__findings">
            {refusals.map((finding) => (
              <li key={`${finding.code}:${finding.message}`}>{finding.message}</li>
            ))}
          </ul>
          <p className="alert__message">Correct the program; no override is possible for these.</p>
        </div>
      ) : null}

      {needsOverride ? (
        <OverrideStep
          findings={overrideFindings}
          confirmed={overrideConfirmed}
          onConfirmedChange={(confirmed) => {
            setConfirmedOverrideKey(confirmed ? overrideKey : null);
          }}
          reason={overrideReason}
          onReasonChange={setOverrideReason}
          confirmError={confirmProblem}
          reasonError={overrideReasonProblem}
        />
      ) : null}

      {invalidCount > 0 ? (
        <p className="field__error" role="alert">
          Correct the {invalidCount === 1 ? 'field' : `${invalidCount} fields`} marked above.
        </p>
      ) : null}

      {saveError ? <SaveError error={saveError} /> : null}

      <div className="dose-editor__actions">
        <button
          type="submit"
          className="button"
          disabled={create.isPending || (refusals.length > 0 && !checksPending)}
          aria-disabled={checksPending || undefined}
        >
          {create.isPending
            ? 'Saving…'
            : checksPending
              ? previewQuery.isError && !previewQuery.isFetching
                ? 'Retry the safety checks to save'
                : 'Running the safety checks…'
              : needsOverride
                ? 'Save with override'
                : 'Save program'}
        </button>
        <Link className="button button--secondary" to={`/patients/${patient.id}`}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

/**
 * The override-required findings as one comparable key: code and sentence (order and repeats do not
 * matter). The sentence carries the numbers (+50% from 300 to 450 mcg/day), so a physician who confirmed
 * +50% must confirm again after retyping a +60% change, not only after a different kind of finding.
 */
function overrideCodesKey(findings: readonly FindingDto[]): string {
  return [...new Set(findings.map((finding) => `${finding.code}: ${finding.message}`))].sort().join('\n');
}

function SaveError({ error }: { error: Error }) {
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="alert alert--error" role="alert">
      <h2 className="alert__title">The program was not saved</h2>
      <p className="alert__message">
        <strong>{apiError?.title ?? 'Something went wrong'}</strong>
        {apiError?.detail ? `: ${apiError.detail}` : null}
      </p>
      {apiError && apiError.findings.length > 0 ? <FindingList findings={apiError.findings} /> : null}
      {apiError?.requestId ? <p className="muted">Reference for support: {apiError.requestId}</p> : null}
    </div>
  );
}
