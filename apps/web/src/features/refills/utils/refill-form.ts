import { TZDate } from '@date-fns/tz';
import { type RefillInput } from '@pumpdesk/contracts';
import { isCalendarDate } from '@pumpdesk/domain';
import { format } from 'date-fns';
import { parsePlainDecimal } from '../../../lib/decimal-input.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import { wallTimeToInstant, type WallTimeResult } from '../../../lib/wall-time.ts';

// The refill form's values as typed (strings, so a half-typed "2." or a refused value is kept exactly
// as the nurse left it), the rules each step checks before Next, and the API body built from them.

export type RefillLocation = 'clinic' | 'home';

export interface RefillFormValues {
  /** When the refill was done, `YYYY-MM-DDTHH:mm` on the site's clock. */
  performedAtLocal: string;
  location: RefillLocation;
  /** The pump's own reading of what should be left (programmer), mL. */
  expectedResidualMl: string;
  withdrawnVolumeMl: string;
  concentrationMcgPerMl: string;
  drugLot: string;
  /** `YYYY-MM-DD` or empty. */
  drugExpiry: string;
  volumeFilledMl: string;
  reservoirVolumeAfterMl: string;
  notes: string;
  /** A physician records a program at the new concentration (the same doses) in the same step. */
  changeProgram: boolean;
  programChangeReason: string;
}

export type RefillField = keyof RefillFormValues;
export type RefillFieldErrors = Partial<Record<RefillField, string>>;

/** The form's steps, in order; the ids are used in element ids and test names. */
export const REFILL_STEPS = [
  { id: 'residual', title: 'Expected residual' },
  { id: 'withdrawn', title: 'Volume withdrawn' },
  { id: 'fill', title: 'Drug and fill' },
  { id: 'confirm', title: 'Confirm' },
] as const;
export type RefillStepId = (typeof REFILL_STEPS)[number]['id'];

/** The fields each step owns: Next checks them, and a field error from the API goes back to its step. */
export const STEP_FIELDS: Record<RefillStepId, readonly RefillField[]> = {
  residual: ['performedAtLocal', 'location', 'expectedResidualMl'],
  withdrawn: ['withdrawnVolumeMl'],
  fill: [
    'concentrationMcgPerMl',
    'drugLot',
    'drugExpiry',
    'volumeFilledMl',
    'reservoirVolumeAfterMl',
    'notes',
    'changeProgram',
    'programChangeReason',
  ],
  confirm: [],
};

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

export function emptyRefillForm(now: Date, timeZone: string): RefillFormValues {
  return {
    performedAtLocal: format(new TZDate(now, timeZone), LOCAL_FORMAT),
    location: 'clinic',
    expectedResidualMl: '',
    withdrawnVolumeMl: '',
    concentrationMcgPerMl: '',
    drugLot: '',
    drugExpiry: '',
    volumeFilledMl: '',
    reservoirVolumeAfterMl: '',
    notes: '',
    changeProgram: false,
    programChangeReason: '',
  };
}

/**
 * `YYYY-MM-DDTHH:mm` on the clock of `timeZone`, converted by the shared wall-time rules: a time the
 * clocks skip is `nonexistent` (never moved to another time), a time they repeat is the earlier instant
 * with `ambiguous` set (see `performedAtHint`).
 */
export function readLocalDateTime(local: string, timeZone: string): WallTimeResult {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(local);
  if (!match?.[1] || !match[2]) return { ok: false, reason: 'invalid' };
  return wallTimeToInstant(match[1], match[2], timeZone);
}

/** `YYYY-MM-DDTHH:mm` on the clock of `timeZone` as an instant; null when it is not a valid time. */
export function localDateTimeToInstant(local: string, timeZone: string): Date | null {
  const read = readLocalDateTime(local, timeZone);
  return read.ok ? read.instant : null;
}

/**
 * The note under the refill time when the clocks went back and the time typed happens twice that day.
 * The earlier instant is recorded rather than the time refused: refusing would leave a refill done in
 * that hour impossible to record, and the earlier instant is the safe side (the reservoir is projected
 * to empty, and the refill to fall due, up to an hour sooner, never later).
 */
export function performedAtHint(local: string, timeZone: string): string | null {
  const read = readLocalDateTime(local, timeZone);
  if (!read.ok || !read.ambiguous) return null;
  const [date = '', time = ''] = local.split('T');
  return (
    `${time} happens twice on ${formatCalendarDate(date)} in ${timeZone} (the clocks went back): ` +
    `PumpDesk records the first ${time}, before the clocks went back.`
  );
}

/** A volume (mL) as typed: a number from 0 to 1000 with at most 2 decimals; null when empty or wrong. */
export function parseVolume(text: string): number | null {
  return parseDecimal(text, { min: 0, max: 1000 });
}

/** A concentration (mcg/mL): above 0, at most 100 000, 2 decimals; null when empty or wrong. */
export function parseConcentration(text: string): number | null {
  const value = parseDecimal(text, { min: 0, max: 100_000 });
  return value !== null && value > 0 ? value : null;
}

/** Digits with at most 2 decimals and nothing else (no commas: see lib/decimal-input.ts), within `range`. */
function parseDecimal(text: string, range: { min: number; max: number }): number | null {
  return parsePlainDecimal(text, { maxDecimals: 2, ...range });
}

function volumeError(text: string, what: string): string | undefined {
  if (text.trim() === '') return `Enter the ${what} in mL.`;
  if (parseVolume(text) === null)
    return `Enter the ${what} as a number of mL from 0 to 1000, with at most 2 decimals.`;
  return undefined;
}

/** A device or laptop clock a little ahead of the server's is still "now" (the API allows 2 minutes). */
const CLOCK_SKEW_MS = 2 * 60_000;

/** The errors of the fields `step` owns, judged on what was typed. */
export function validateStep(
  step: RefillStepId,
  values: RefillFormValues,
  context: { timeZone: string; now: Date; lastRefillAt?: Date | null },
): RefillFieldErrors {
  const errors: RefillFieldErrors = {};
  const set = (field: RefillField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  if (step === 'residual') {
    const read = readLocalDateTime(values.performedAtLocal, context.timeZone);
    const at = read.ok ? read.instant : null;
    if (!read.ok && read.reason === 'nonexistent') {
      const date = formatCalendarDate(values.performedAtLocal.slice(0, 10));
      set(
        'performedAtLocal',
        `This time does not exist on ${date} in ${context.timeZone}: the clocks went forward. ` +
          'Enter the time the site’s clocks showed.',
      );
    } else if (!at) set('performedAtLocal', 'Enter the date and time of the refill.');
    else if (at.getTime() > context.now.getTime() + CLOCK_SKEW_MS) {
      set('performedAtLocal', 'The refill cannot be in the future.');
    } else if (context.lastRefillAt && at.getTime() <= context.lastRefillAt.getTime()) {
      set('performedAtLocal', 'The refill must come after the last refill on record.');
    }
    set('expectedResidualMl', volumeError(values.expectedResidualMl, 'expected residual the pump shows'));
  }
  if (step === 'withdrawn')
    set('withdrawnVolumeMl', volumeError(values.withdrawnVolumeMl, 'volume withdrawn'));
  if (step === 'fill') {
    if (values.concentrationMcgPerMl.trim() === '') {
      set('concentrationMcgPerMl', 'Enter the concentration on the drug label in mcg/mL.');
    } else if (parseConcentration(values.concentrationMcgPerMl) === null) {
      set(
        'concentrationMcgPerMl',
        'Enter the concentration as a number of mcg/mL above 0, with at most 2 decimals.',
      );
    }
    set('volumeFilledMl', volumeError(values.volumeFilledMl, 'volume filled'));
    set(
      'reservoirVolumeAfterMl',
      volumeError(values.reservoirVolumeAfterMl, 'reservoir volume after the fill'),
    );
    if (values.drugExpiry !== '' && !isCalendarDate(values.drugExpiry)) {
      set('drugExpiry', 'Enter the expiry date as a full date, or leave it empty.');
    }
    if (values.drugLot.trim().length > 100) set('drugLot', 'The lot number can be at most 100 characters.');
    if (values.notes.trim().length > 2000) set('notes', 'Notes can be at most 2000 characters.');
    if (values.changeProgram && values.programChangeReason.trim() === '') {
      set('programChangeReason', 'Give the reason for the new program.');
    }
    if (values.programChangeReason.trim().length > 500) {
      set('programChangeReason', 'The reason can be at most 500 characters.');
    }
  }
  return errors;
}

/** The refill's numbers, each null until typed correctly. */
export interface ParsedRefill {
  at: Date | null;
  expectedResidualMl: number | null;
  withdrawnVolumeMl: number | null;
  concentrationMcgPerMl: number | null;
  volumeFilledMl: number | null;
  reservoirVolumeAfterMl: number | null;
  drugExpiry: string | null;
}

export function parseRefill(values: RefillFormValues, timeZone: string): ParsedRefill {
  return {
    at: localDateTimeToInstant(values.performedAtLocal, timeZone),
    expectedResidualMl: parseVolume(values.expectedResidualMl),
    withdrawnVolumeMl: parseVolume(values.withdrawnVolumeMl),
    concentrationMcgPerMl: parseConcentration(values.concentrationMcgPerMl),
    volumeFilledMl: parseVolume(values.volumeFilledMl),
    reservoirVolumeAfterMl: parseVolume(values.reservoirVolumeAfterMl),
    drugExpiry: isCalendarDate(values.drugExpiry) ? values.drugExpiry : null,
  };
}

/** The program a physician records with the refill: the one in force, at the new concentration. */
export type RefillNewProgram = NonNullable<RefillInput['newProgram']>;

/**
 * The API body, once every step is valid; null while a required value is missing. `newProgram` is the
 * physician's program of the same step (null for a refill at the program's concentration).
 */
export function toRefillInput(
  values: RefillFormValues,
  timeZone: string,
  newProgram: RefillNewProgram | null,
): RefillInput | null {
  const parsed = parseRefill(values, timeZone);
  if (
    !parsed.at ||
    parsed.expectedResidualMl === null ||
    parsed.withdrawnVolumeMl === null ||
    parsed.concentrationMcgPerMl === null ||
    parsed.volumeFilledMl === null ||
    parsed.reservoirVolumeAfterMl === null
  ) {
    return null;
  }
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    performedAt: parsed.at.toISOString(),
    location: values.location,
    expectedResidualMl: parsed.expectedResidualMl,
    withdrawnVolumeMl: parsed.withdrawnVolumeMl,
    concentrationMcgPerMl: parsed.concentrationMcgPerMl,
    volumeFilledMl: parsed.volumeFilledMl,
    reservoirVolumeAfterMl: parsed.reservoirVolumeAfterMl,
    drugLot: text(values.drugLot),
    drugExpiry: parsed.drugExpiry,
    notes: text(values.notes),
    newProgram,
  };
}

/** `body.volumeFilledMl` (an API field error's path) → the form field it belongs to. */
export function fieldOfApiPath(path: string): RefillField | null {
  const field = path.replace(/^body\./, '').split('.')[0] ?? '';
  if (field === 'performedAt') return 'performedAtLocal';
  if (field === 'newProgram') return 'programChangeReason';
  const known: readonly string[] = Object.values(STEP_FIELDS).flat();
  return known.includes(field) ? (field as RefillField) : null;
}

/** The step that owns a field. */
export function stepOfField(field: RefillField): RefillStepId {
  return (
    (Object.keys(STEP_FIELDS) as RefillStepId[]).find((step) => STEP_FIELDS[step].includes(field)) ??
    'confirm'
  );
}
