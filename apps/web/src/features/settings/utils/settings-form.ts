import { type ClinicSettings, clinicSettingsSchema } from '@pumpdesk/domain';
import { type z } from 'zod';
import { ApiError } from '../../../lib/api-client.ts';
import { ALL_FIELDS, type FieldSpec, fieldKey, valueAt } from './settings-fields.ts';

/** What the form holds: the text of every field as typed (a failed save keeps it). */
export type SettingsValues = Record<string, string>;
/** Messages by field key; `form` holds what belongs to no field. */
export type SettingsErrors = Record<string, string>;

export function valuesFromSettings(settings: ClinicSettings): SettingsValues {
  const values: SettingsValues = {};
  for (const field of ALL_FIELDS) {
    const value = valueAt(settings, field.path);
    values[fieldKey(field)] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return values;
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = target;
  path.forEach((part, index) => {
    if (index === path.length - 1) {
      current[part] = value;
      return;
    }
    const next = current[part];
    if (typeof next === 'object' && next !== null) current = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      current[part] = created;
      current = created;
    }
  });
}

function unitSuffix(field: FieldSpec): string {
  return field.unit === '%' ? '%' : ` ${field.unit}`;
}

/**
 * The typed text as the settings the API takes, checked by the engine's own schema (the contract's).
 * Every refusal becomes a sentence naming the field and the rule, under that field.
 */
export function validateSettings(
  values: SettingsValues,
): { ok: true; settings: ClinicSettings } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const candidate: Record<string, unknown> = {};
  for (const field of ALL_FIELDS) {
    const key = fieldKey(field);
    const text = (values[key] ?? '').trim();
    if (field.kind === 'list') {
      const parts = text.split(/[\s,;]+/).filter(Boolean);
      const numbers = parts.map(Number);
      if (numbers.some((number) => !Number.isFinite(number))) {
        errors[key] = `${field.label} must be numbers separated by commas.`;
      }
      setAt(candidate, field.path, numbers);
    } else if (text === '') {
      errors[key] = `Enter a value for ${field.label}.`;
    } else {
      const number = Number(text);
      if (!Number.isFinite(number)) errors[key] = `${field.label} must be a number.`;
      setAt(candidate, field.path, number);
    }
  }
  const parsed = clinicSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    // Range rules first; a group's cross-field rules ("at least the standard margin") only once its
    // own values are in range, so one typo does not put a second message under a field left alone.
    const issues = [...parsed.error.issues].sort(
      (a, b) => Number(a.code === 'custom') - Number(b.code === 'custom'),
    );
    const groupsInError = new Set(Object.keys(errors).map((key) => key.split('.')[0]));
    for (const issue of issues) {
      const path = issue.path.map(String);
      if (issue.code === 'custom' && groupsInError.has(path[0])) continue;
      const field = fieldForPath(path);
      const key = field ? fieldKey(field) : 'form';
      errors[key] ??= field ? issueMessage(field, issue) : issue.message;
      groupsInError.add(path[0]);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

/** The field a path points into (`dose.standardConcentrationsMcgPerMl.1` is the list's). */
export function fieldForPath(path: readonly string[]): FieldSpec | undefined {
  return ALL_FIELDS.find((field) => field.path.every((part, index) => path[index] === part));
}

function issueMessage(field: FieldSpec, issue: z.core.$ZodIssue): string {
  const unit = unitSuffix(field);
  switch (issue.code) {
    case 'too_small':
      if (field.kind === 'list') {
        return issue.origin === 'array'
          ? `${field.label} needs at least ${String(issue.minimum)} value.`
          : `${field.label}: every value must be more than ${String(issue.minimum)}${unit}.`;
      }
      return issue.inclusive
        ? `${field.label} must be at least ${String(issue.minimum)}${unit}.`
        : `${field.label} must be more than ${String(issue.minimum)}${unit}.`;
    case 'too_big':
      return issue.inclusive
        ? `${field.label} must be at most ${String(issue.maximum)}${unit}.`
        : `${field.label} must be less than ${String(issue.maximum)}${unit}.`;
    case 'invalid_type':
      return issue.expected === 'int'
        ? `${field.label} must be a whole number of ${field.unit}.`
        : `${field.label} must be a number.`;
    default:
      // The schema's cross-field rules ("at least the standard margin") carry their own sentence.
      return `${issue.message}.`;
  }
}

/** The API's field errors (`body.settings.refill.safetyMarginDays`) under the fields they name. */
export function serverFieldErrors(error: unknown): SettingsErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: SettingsErrors = {};
  for (const fieldError of error.fieldErrors) {
    const path = fieldError.path.split('.');
    const inside = path[0] === 'body' && path[1] === 'settings' ? path.slice(2) : path.slice(1);
    const field = fieldForPath(inside);
    const key = field ? fieldKey(field) : 'form';
    errors[key] ??= field ? `${field.label}: ${fieldError.message}` : fieldError.message;
  }
  return errors;
}
