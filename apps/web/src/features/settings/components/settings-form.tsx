import { type ClinicSettingsResponse } from '@pumpdesk/contracts';
import { useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { formatInstant } from '../../../lib/format.ts';
import { useSaveClinicSettings } from '../api/settings-api.ts';
import { fieldKey, SETTINGS_GROUPS } from '../utils/settings-fields.ts';
import {
  serverFieldErrors,
  type SettingsErrors,
  type SettingsValues,
  validateSettings,
  valuesFromSettings,
} from '../utils/settings-form.ts';
import { SettingsField } from './settings-field.tsx';

interface SettingsFormProps {
  stored: ClinicSettingsResponse;
  /** Loads the settings as they are now (after a conflict); resolves with them. */
  onReload: () => Promise<ClinicSettingsResponse | undefined>;
  /** For the "saved at" time: the browser shows it in its own zone (the clinic may span zones). */
  timeZone: string;
}

type Outcome =
  { kind: 'saved'; at: string } | { kind: 'conflict' } | { kind: 'failed'; message: string } | null;

/**
 * The clinic's thresholds, grouped by topic. Checked with the engine's schema before sending; the API's
 * field errors land under the same fields. The version read is sent back: a 409 says to reload and
 * keeps what was typed.
 */
export function SettingsForm({ stored, onReload, timeZone }: SettingsFormProps) {
  const [values, setValues] = useState<SettingsValues>(() => valuesFromSettings(stored.settings));
  const [version, setVersion] = useState(stored.version);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [reloading, setReloading] = useState(false);
  const save = useSaveClinicSettings();
  const summaryRef = useRef<HTMLDivElement>(null);

  function focusFirstError(found: SettingsErrors): void {
    const first = SETTINGS_GROUPS.flatMap((group) => group.fields).find((field) => found[fieldKey(field)]);
    if (first) document.getElementById(`setting-${fieldKey(first).replaceAll('.', '-')}`)?.focus();
    else summaryRef.current?.focus();
  }

  function submit(): void {
    if (save.isPending) return;
    setOutcome(null);
    const checked = validateSettings(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(checked.errors);
      return;
    }
    setErrors({});
    save.mutate(
      { version, settings: checked.settings },
      {
        onSuccess: (saved) => {
          setValues(valuesFromSettings(saved.settings));
          setVersion(saved.version);
          setOutcome({ kind: 'saved', at: saved.updatedAt });
          summaryRef.current?.focus();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
            setOutcome({ kind: 'conflict' });
            summaryRef.current?.focus();
            return;
          }
          const fieldErrors = serverFieldErrors(error);
          setErrors(fieldErrors);
          const message =
            error instanceof ApiError
              ? error.detail
                ? `${error.title}: ${error.detail}`
                : error.title
              : 'The settings could not be saved. Try again.';
          setOutcome({ kind: 'failed', message });
          if (Object.keys(fieldErrors).some((key) => key !== 'form')) focusFirstError(fieldErrors);
          else summaryRef.current?.focus();
        },
      },
    );
  }

  async function reload(): Promise<void> {
    setReloading(true);
    try {
      const current = await onReload();
      if (current) {
        setValues(valuesFromSettings(current.settings));
        setVersion(current.version);
        setErrors({});
        setOutcome(null);
      }
    } finally {
      setReloading(false);
    }
  }

  const errorCount = Object.keys(errors).length;

  return (
    <form
      className="settings-form"
      noValidate
      aria-label="Clinic thresholds"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div ref={summaryRef} tabIndex={-1} className="settings-form__outcome">
        {outcome?.kind === 'saved' ? (
          <div className="notice" role="status">
            <strong>Settings saved</strong> ({formatInstant(outcome.at, timeZone)}). Every refill, battery and
            follow-up date and every worklist was recomputed with the new thresholds.
          </div>
        ) : null}
        {outcome?.kind === 'conflict' ? (
          <div className="alert alert--error" role="alert">
            <h2 className="alert__title">Someone else changed the settings</h2>
            <p className="alert__message">
              The settings were saved by someone else after you opened this page, so yours were not saved.
              Your values are still in the form. Reload the current settings and make your change again
              (reloading replaces what you typed).
            </p>
            <button
              type="button"
              className="button button--secondary"
              disabled={reloading}
              onClick={() => void reload()}
            >
              {reloading ? 'Reloading…' : 'Reload the current settings'}
            </button>
          </div>
        ) : null}
        {outcome?.kind === 'failed' ? (
          <div className="alert alert--error" role="alert">
            <h2 className="alert__title">The settings were not saved</h2>
            <p className="alert__message">{outcome.message}</p>
            {errors.form ? <p className="alert__message">{errors.form}</p> : null}
          </div>
        ) : null}
        {outcome === null && errorCount > 0 ? (
          <div className="alert alert--error" role="alert">
            <p className="alert__message">
              {errorCount === 1 ? '1 value needs' : `${errorCount} values need`} correcting before saving;
              each is explained under its field.
            </p>
            {errors.form ? <p className="alert__message">{errors.form}</p> : null}
          </div>
        ) : null}
      </div>
      {SETTINGS_GROUPS.map((group) => (
        <fieldset key={group.key} className="settings-group">
          <legend className="settings-group__title">{group.title}</legend>
          <p className="settings-group__description">{group.description}</p>
          <div className="settings-group__fields">
            {group.fields.map((field) => {
              const key = fieldKey(field);
              return (
                <SettingsField
                  key={key}
                  field={field}
                  value={values[key] ?? ''}
                  error={errors[key]}
                  disabled={save.isPending}
                  onChange={(value) => {
                    setValues((current) => ({ ...current, [key]: value }));
                  }}
                />
              );
            })}
          </div>
        </fieldset>
      ))}
      <div className="settings-form__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
        <p className="muted settings-form__note">
          Saving recomputes every patient’s due dates and worklists at once.
        </p>
      </div>
    </form>
  );
}
