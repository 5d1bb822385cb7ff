import { type ClinicSettings, DEFAULT_CLINIC_SETTINGS } from '@pumpdesk/domain';

// Every threshold of the scheduling engine as the settings form shows it: label, unit, why it exists
// (docs/scheduling-engine.md, packages/domain/src/settings.ts, docs/domain.md), the allowed range and
// the default. The ranges repeat the engine's schema for the hint only: validation is the schema's own
// (a test checks that the two agree).

export type SettingsGroupKey = keyof ClinicSettings;

export interface NumberFieldSpec {
  kind: 'number';
  /** The path inside the settings: `refill.safetyMarginDays`, `titration.child.maxIncreasePercent`. */
  path: readonly string[];
  label: string;
  unit: string;
  explanation: string;
  integer: boolean;
  min: number;
  /** `min` itself is refused (a value must be more than it). */
  minExclusive?: boolean;
  /** No upper bound when undefined. */
  max?: number;
}

export interface ListFieldSpec {
  kind: 'list';
  path: readonly string[];
  label: string;
  unit: string;
  explanation: string;
  /** At least one value. */
  required: boolean;
}

export type FieldSpec = NumberFieldSpec | ListFieldSpec;

export interface SettingsGroup {
  key: SettingsGroupKey;
  title: string;
  description: string;
  fields: readonly FieldSpec[];
}

const percent = { integer: false, min: 0, minExclusive: true, max: 100, unit: '%' } as const;

export const SETTINGS_GROUPS: readonly SettingsGroup[] = [
  {
    key: 'refill',
    title: 'Refill due dates',
    description:
      'When a refill is due: the earliest of the low-reservoir alarm minus the safety margin, the last refill plus the drug’s stability, and the last refill plus the longest interval.',
    fields: [
      {
        kind: 'number',
        path: ['refill', 'safetyMarginDays'],
        label: 'Safety margin',
        unit: 'days',
        integer: true,
        min: 0,
        max: 30,
        explanation:
          'A refill is due this many days before the reservoir reaches its low-volume alarm, so a late or missed visit does not leave the patient without drug. Clinics use 3–5 days.',
      },
      {
        kind: 'number',
        path: ['refill', 'highRiskSafetyMarginDays'],
        label: 'High-risk safety margin',
        unit: 'days',
        integer: true,
        min: 0,
        max: 30,
        explanation:
          'The larger margin for patients at high risk of withdrawal (flagged high risk, injury at or above T6, or unable to communicate): in some, withdrawal starts before the alarm. At least the standard margin.',
      },
      {
        kind: 'number',
        path: ['refill', 'drugStabilityDays'],
        label: 'Drug stability in the reservoir',
        unit: 'days',
        integer: true,
        min: 1,
        max: 180,
        explanation:
          'The drug must be replaced within this many days of a refill whatever is left (Lioresal and Gablofen labelling: at most 180 days).',
      },
      {
        kind: 'number',
        path: ['refill', 'maxIntervalDays'],
        label: 'Longest refill interval',
        unit: 'days',
        integer: true,
        min: 30,
        max: 180,
        explanation:
          'The clinic’s longest time between refills (a setting of 1–6 months): no due date is later than the last refill plus this.',
      },
      {
        kind: 'number',
        path: ['refill', 'dueSoonDays'],
        label: '“Due soon” horizon',
        unit: 'days',
        integer: true,
        min: 0,
        max: 60,
        explanation: 'A refill due within this many days is listed as due soon: the nurse’s week ahead.',
      },
      {
        kind: 'number',
        path: ['refill', 'upcomingDays'],
        label: '“Upcoming” horizon',
        unit: 'days',
        integer: true,
        min: 0,
        max: 120,
        explanation:
          'A refill due within this many days is listed as upcoming: the booking horizon. At least the “due soon” horizon.',
      },
    ],
  },
  {
    key: 'residual',
    title: 'Volume checks at a refill',
    description:
      'The residual withdrawn is compared with what the pump should hold, and the reading after the fill with the volume injected. A gap beyond the threshold suggests an occlusion, a stalled or leaking pump, or an injection into the pocket instead of the reservoir.',
    fields: [
      {
        kind: 'number',
        path: ['residual', 'smallReservoirMaxMl'],
        label: 'Small reservoirs: up to',
        unit: 'mL',
        integer: false,
        min: 0,
        minExclusive: true,
        max: 100,
        explanation: 'Reservoirs up to this size use the small-reservoir gap (20 mL pumps).',
      },
      {
        kind: 'number',
        path: ['residual', 'smallReservoirGapMl'],
        label: 'Largest gap, small reservoirs',
        unit: 'mL',
        integer: false,
        min: 0,
        minExclusive: true,
        max: 10,
        explanation: 'A larger gap is a finding: 1 mL for 20 mL pumps (Maino 2017).',
      },
      {
        kind: 'number',
        path: ['residual', 'largeReservoirGapMl'],
        label: 'Largest gap, larger reservoirs',
        unit: 'mL',
        integer: false,
        min: 0,
        minExclusive: true,
        max: 10,
        explanation: 'The same for larger reservoirs: 2 mL for 40 mL pumps.',
      },
    ],
  },
  {
    key: 'titration',
    title: 'Titration limits',
    description:
      'The largest change in daily dose within the titration window without a physician’s override (Saulino 2016). A rise is measured from the lowest dose in force in the window, a fall from the highest.',
    fields: [
      {
        kind: 'number',
        path: ['titration', 'adultSpinal', 'maxIncreasePercent'],
        label: 'Adults, spinal origin: largest rise',
        ...percent,
        explanation: 'Spasticity of spinal origin tolerates 10–30% per 24 hours.',
      },
      {
        kind: 'number',
        path: ['titration', 'adultSpinal', 'maxDecreasePercent'],
        label: 'Adults, spinal origin: largest fall',
        ...percent,
        explanation: 'Falls of 10–20% at later visits; a larger fall risks withdrawal.',
      },
      {
        kind: 'number',
        path: ['titration', 'adultCerebral', 'maxIncreasePercent'],
        label: 'Adults, cerebral origin: largest rise',
        ...percent,
        explanation: 'Spasticity of cerebral origin: 5–15% per 24 hours.',
      },
      {
        kind: 'number',
        path: ['titration', 'adultCerebral', 'maxDecreasePercent'],
        label: 'Adults, cerebral origin: largest fall',
        ...percent,
        explanation: 'Spasticity of cerebral origin: 5–15% per 24 hours.',
      },
      {
        kind: 'number',
        path: ['titration', 'child', 'maxIncreasePercent'],
        label: 'Children: largest rise',
        ...percent,
        explanation: 'Children: 5–15% per 24 hours.',
      },
      {
        kind: 'number',
        path: ['titration', 'child', 'maxDecreasePercent'],
        label: 'Children: largest fall',
        ...percent,
        explanation: 'Children: 5–15% per 24 hours.',
      },
      {
        kind: 'number',
        path: ['titration', 'highDoseFromMcgPerDay'],
        label: 'High dose from',
        unit: 'mcg/day',
        integer: false,
        min: 0,
        minExclusive: true,
        explanation:
          '“At high doses more than 20% is too much”: the high-dose limit below applies when either end of a change is at or above this daily dose.',
      },
      {
        kind: 'number',
        path: ['titration', 'highDoseMaxChangePercent'],
        label: 'Largest change at high doses',
        ...percent,
        explanation: 'The cap on a change, up or down, at high doses.',
      },
      {
        kind: 'number',
        path: ['titration', 'windowHours'],
        label: 'Titration window',
        unit: 'hours',
        integer: true,
        min: 1,
        max: 168,
        explanation:
          'The limits are per this window: changes within it are judged together, so two +25% steps in a day count as +56%.',
      },
    ],
  },
  {
    key: 'dose',
    title: 'Dose checks',
    description: 'Checks on every new dose program, against likely programming errors.',
    fields: [
      {
        kind: 'number',
        path: ['dose', 'unusualDailyDoseMcg'],
        label: 'Unusual daily dose above',
        unit: 'mcg/day',
        integer: false,
        min: 0,
        minExclusive: true,
        explanation:
          'Daily doses above this are unusual and shown with a warning (domain doc: above 1000 mcg/day).',
      },
      {
        kind: 'number',
        path: ['dose', 'ceilingDailyDoseMcg'],
        label: 'Daily dose ceiling',
        unit: 'mcg/day',
        integer: false,
        min: 0,
        minExclusive: true,
        explanation:
          'A program above this is refused as a likely programming error: labelled maintenance doses reach about 2000 mcg/day. At least the unusual-dose threshold.',
      },
      {
        kind: 'number',
        path: ['dose', 'unitSlipFactor'],
        label: 'Unit-slip factor',
        unit: '× the previous dose',
        integer: false,
        min: 2,
        max: 24,
        explanation:
          'A new daily dose this many times the previous one is refused as a likely unit slip (a dose per day typed as per hour is 24×; ISMP report); a fall to this fraction or less needs an override.',
      },
      {
        kind: 'list',
        path: ['dose', 'standardConcentrationsMcgPerMl'],
        label: 'Standard concentrations',
        unit: 'mcg/mL',
        required: true,
        explanation:
          'The commercial strengths; any other strength is flagged as diluted or compounded. Separate values with commas.',
      },
      {
        kind: 'list',
        path: ['dose', 'trialConcentrationsMcgPerMl'],
        label: 'Trial concentrations',
        unit: 'mcg/mL',
        required: false,
        explanation:
          'Strengths meant for screening trials, not for the pump; a pump filled with one is flagged. Separate values with commas; may be empty.',
      },
    ],
  },
  {
    key: 'battery',
    title: 'Battery replacement',
    description: 'When a pump’s replacement is planned, from its model’s battery life or its reported ERI.',
    fields: [
      {
        kind: 'number',
        path: ['battery', 'leadTimeMonths'],
        label: 'Replacement lead time',
        unit: 'months',
        integer: true,
        min: 3,
        max: 24,
        explanation:
          'Replace the pump this long before the estimated end of battery life: Medtronic advises about 6 months before shut-off, best practice at least 3.',
      },
      {
        kind: 'number',
        path: ['battery', 'eriToEndOfServiceDays'],
        label: 'ERI to end of service',
        unit: 'days',
        integer: true,
        min: 0,
        max: 365,
        explanation:
          'From the elective replacement indicator to the end of service, when the pump model does not give its own figure (SynchroMed II: 90 days).',
      },
    ],
  },
  {
    key: 'followUp',
    title: 'Follow-up reviews',
    description: 'When each patient’s next clinical review is due.',
    fields: [
      {
        kind: 'number',
        path: ['followUp', 'intervalDays'],
        label: 'Review interval',
        unit: 'days',
        integer: true,
        min: 7,
        max: 730,
        explanation: 'A review at least this often: the clinic’s rule of every 6 months is 182 days.',
      },
      {
        kind: 'number',
        path: ['followUp', 'firstReviewMinDays'],
        label: 'First review after implant: from',
        unit: 'days',
        integer: true,
        min: 0,
        max: 180,
        explanation:
          'The first review after an implant falls in a window (2–6 weeks is common): the day it opens.',
      },
      {
        kind: 'number',
        path: ['followUp', 'firstReviewMaxDays'],
        label: 'First review after implant: by',
        unit: 'days',
        integer: true,
        min: 1,
        max: 180,
        explanation: 'The day the first review is due by. Not before the window opens.',
      },
      {
        kind: 'number',
        path: ['followUp', 'dueSoonDays'],
        label: '“Due soon” horizon',
        unit: 'days',
        integer: true,
        min: 0,
        max: 120,
        explanation: 'A review due within this many days is listed as due soon.',
      },
    ],
  },
];

export const ALL_FIELDS: readonly FieldSpec[] = SETTINGS_GROUPS.flatMap((group) => group.fields);

export function fieldKey(field: FieldSpec): string {
  return field.path.join('.');
}

/** The value at `path` in a settings object. */
export function valueAt(settings: unknown, path: readonly string[]): unknown {
  let current: unknown = settings;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** "0–30 days, whole numbers", "more than 0, at most 10 mL", "more than 0 mcg/day". */
export function describeRange(field: NumberFieldSpec): string {
  const unit = field.unit === '%' ? '%' : ` ${field.unit}`;
  const whole = field.integer ? ', whole numbers' : '';
  if (field.minExclusive) {
    return field.max === undefined
      ? `more than ${field.min}${unit}${whole}`
      : `more than ${field.min}, at most ${field.max}${unit}${whole}`;
  }
  return field.max === undefined
    ? `at least ${field.min}${unit}${whole}`
    : `${field.min}–${field.max}${unit}${whole}`;
}

/** The default as the hint writes it: `4 days`, `500, 1000, 2000 mcg/mL`. */
export function describeDefault(field: FieldSpec): string {
  const value = valueAt(DEFAULT_CLINIC_SETTINGS, field.path);
  const text = Array.isArray(value) ? (value.length ? value.join(', ') : 'none') : String(value);
  if (field.unit === '%') return `${text}%`;
  return text === 'none' ? text : `${text} ${field.unit}`;
}
