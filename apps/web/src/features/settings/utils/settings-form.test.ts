import { clinicSettingsSchema, DEFAULT_CLINIC_SETTINGS } from '@pumpdesk/domain';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client.ts';
import { ALL_FIELDS, fieldKey, type NumberFieldSpec, valueAt } from './settings-fields.ts';
import { serverFieldErrors, validateSettings, valuesFromSettings } from './settings-form.ts';

function withValue(path: readonly string[], value: unknown): unknown {
  const settings = structuredClone(DEFAULT_CLINIC_SETTINGS) as unknown as Record<
    string,
    Record<string, unknown>
  >;
  let target: Record<string, unknown> = settings;
  path.slice(0, -1).forEach((part) => {
    target = target[part] as Record<string, unknown>;
  });
  target[path.at(-1) ?? ''] = value;
  return settings;
}

describe('settings fields', () => {
  it('cover every threshold of the engine, each once', () => {
    const leaves: string[] = [];
    const walk = (value: unknown, path: string[]): void => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
      } else leaves.push(path.join('.'));
    };
    walk(DEFAULT_CLINIC_SETTINGS, []);
    expect(ALL_FIELDS.map(fieldKey).sort()).toEqual(leaves.sort());
  });

  // The hints state the ranges; the schema enforces them. Each bound shown must be the schema's
  // (checked on its own: cross-field rules aside, so the neighbours keep their defaults where needed).
  const numberFields = ALL_FIELDS.filter((field): field is NumberFieldSpec => field.kind === 'number');
  it.each(numberFields.map((field) => [fieldKey(field), field] as const))(
    '%s: the range shown is the schema’s',
    (_key, field) => {
      // A range issue at the field's own path (cross-field rules aside: they are the schema's too).
      const refusedByRange = (value: number): boolean => {
        const parsed = clinicSettingsSchema.safeParse(withValue(field.path, value));
        return (
          !parsed.success &&
          parsed.error.issues.some(
            (issue) => issue.code !== 'custom' && issue.path.join('.') === field.path.join('.'),
          )
        );
      };
      const step = field.integer ? 1 : 0.01;
      const inRange = (value: number) =>
        (field.minExclusive ? value > field.min : value >= field.min) &&
        (field.max === undefined || value <= field.max);
      const candidates = [field.min - step, field.min, field.min + step];
      if (field.max !== undefined) candidates.push(field.max - step, field.max, field.max + step);
      for (const value of candidates) {
        expect(refusedByRange(value), String(value)).toBe(!inRange(value));
      }
      if (field.integer) {
        expect(refusedByRange((valueAt(DEFAULT_CLINIC_SETTINGS, field.path) as number) + 0.5)).toBe(true);
      }
    },
  );
});

describe('validateSettings', () => {
  it('accepts the defaults as typed text and gives back the settings', () => {
    const result = validateSettings(valuesFromSettings(DEFAULT_CLINIC_SETTINGS));
    expect(result).toEqual({ ok: true, settings: DEFAULT_CLINIC_SETTINGS });
  });

  it('names the field and the rule for a value out of range, a fraction and a cross-field rule', () => {
    const values = valuesFromSettings(DEFAULT_CLINIC_SETTINGS);
    values['refill.safetyMarginDays'] = '45';
    values['battery.leadTimeMonths'] = '6.5';
    values['followUp.firstReviewMaxDays'] = '10';
    values['dose.standardConcentrationsMcgPerMl'] = '500, abc';
    values['titration.windowHours'] = '';
    const result = validateSettings(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      'refill.safetyMarginDays': 'Safety margin must be at most 30 days.',
      'battery.leadTimeMonths': 'Replacement lead time must be a whole number of months.',
      'followUp.firstReviewMaxDays': 'The first review window must end after it starts.',
      'dose.standardConcentrationsMcgPerMl': 'Standard concentrations must be numbers separated by commas.',
      'titration.windowHours': 'Enter a value for Titration window.',
    });
  });

  it('refuses a zero gap (must be more than 0) and an empty list of standard strengths', () => {
    const values = valuesFromSettings(DEFAULT_CLINIC_SETTINGS);
    values['residual.smallReservoirGapMl'] = '0';
    values['dose.standardConcentrationsMcgPerMl'] = '';
    const result = validateSettings(values);
    expect(result.ok ? {} : result.errors).toEqual({
      'residual.smallReservoirGapMl': 'Largest gap, small reservoirs must be more than 0 mL.',
      'dose.standardConcentrationsMcgPerMl': 'Standard concentrations needs at least 1 value.',
    });
  });
});

describe('serverFieldErrors', () => {
  it('puts body.settings paths under their fields and the rest on the form', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'Invalid request',
      fieldErrors: [
        { path: 'body.settings.refill.upcomingDays', message: 'Too far ahead', code: 'too_big' },
        {
          path: 'body.settings.dose.trialConcentrationsMcgPerMl.0',
          message: 'Must be positive',
          code: 'too_small',
        },
        { path: 'body.version', message: 'Required', code: 'invalid_type' },
      ],
    });
    expect(serverFieldErrors(error)).toEqual({
      'refill.upcomingDays': '“Upcoming” horizon: Too far ahead',
      'dose.trialConcentrationsMcgPerMl': 'Trial concentrations: Must be positive',
      form: 'Required',
    });
  });
});
