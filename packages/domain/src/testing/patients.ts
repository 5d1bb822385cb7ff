import { type ImplantedPumpFacts, type PatientAssessmentInput } from '../assess-patient.ts';
import { parseCalendarDate } from '../calendar-date.ts';
import { DEFAULT_CLINIC_SETTINGS } from '../settings.ts';
import { simpleProgram } from './programs.ts';

// One patient of the domain doc's second worked example, for the tests that assess a whole patient:
// a 20 mL SynchroMed II at 500 mcg/mL and 300 mcg/day, filled to 20 mL (alarm 30 days after the fill).

export const SYNCHROMED_20 = {
  reservoirMl: 20,
  defaultAlarmVolumeMl: 2,
  batteryLifeMinYears: 5,
  batteryLifeMaxYears: 7,
  eriToEndOfServiceDays: 90,
};

/** The pump, filled at `refillAt` (default 10 Jan 2027 10:00 UTC: alarm 9 Feb, due 5 Feb in London). */
export function workedExamplePump(
  overrides: Partial<ImplantedPumpFacts> = {},
  refillAt = new Date('2027-01-10T10:00:00Z'),
): ImplantedPumpFacts {
  return {
    implantDate: parseCalendarDate('2024-06-03'),
    model: SYNCHROMED_20,
    alarmVolumeOverrideMl: null,
    eriReportedDate: null,
    lastRefill: { at: refillAt, volumeAfterMl: 20 },
    programs: [simpleProgram(300, 500, '2026-06-01T09:00:00Z')],
    latestInterrogation: null,
    ...overrides,
  };
}

/** The patient with that pump, last reviewed 1 Dec 2026, no appointment, assessed at `now`. */
export function workedExamplePatient(
  overrides: Partial<PatientAssessmentInput> & Pick<PatientAssessmentInput, 'now' | 'timeZone'>,
): PatientAssessmentInput {
  return {
    settings: DEFAULT_CLINIC_SETTINGS,
    patient: { highRisk: false, injuryAtOrAboveT6: false, cannotCommunicate: false },
    pump: workedExamplePump(),
    reviewDates: [parseCalendarDate('2026-12-01')],
    appointments: [],
    ...overrides,
  };
}
