import { addDays, addMonths, type CalendarDate } from '@pumpdesk/domain';
import {
  type AgeGroup,
  type Diagnosis,
  type PatientStatus,
  type Sex,
  type SpasticityOrigin,
} from '../generated/prisma/client.ts';
import { type ClinicPlan, type DemoSite, staffAt } from './clinic-plan.ts';
import { familyNames, femaleGivenNames, maleGivenNames, neutralGivenNames } from './names.ts';
import { type Prng } from './prng.ts';
import { type Scenario } from './scenarios.ts';

// Who the patient is: demographics, diagnosis and the risk factors that follow from it. Consistency
// rules: injury level only for spinal cord injury, T6-or-above flag from the level, origin from the
// diagnosis (domain doc: it decides the titration limits), children only among young patients.

export interface PatientProfile {
  index: number;
  mrn: string;
  givenName: string;
  familyName: string;
  sex: Sex;
  dateOfBirth: CalendarDate;
  /** Whole years at the demo's today. */
  ageYears: number;
  diagnosis: Diagnosis;
  injuryLevel: string | null;
  diagnosisNote: string | null;
  origin: SpasticityOrigin;
  ageGroup: AgeGroup;
  injuryAtOrAboveT6: boolean;
  cannotCommunicate: boolean;
  highRisk: boolean;
  highRiskReason: string | null;
  status: PatientStatus;
  site: DemoSite;
  physicianId: string;
  /** Most refills at home (a home-care nurse of the site). */
  homeRefills: boolean;
  softDeleted: boolean;
}

const STATUS_WEIGHTS: readonly (readonly [PatientStatus, number])[] = [
  ['active', 72],
  ['candidate', 5],
  ['trial', 3],
  ['inactive', 5],
  ['explanted', 5],
  ['deceased', 5],
  ['transferred', 5],
];

const DIAGNOSIS_WEIGHTS: readonly (readonly [Diagnosis, number])[] = [
  ['multiple_sclerosis', 28],
  ['spinal_cord_injury', 25],
  ['cerebral_palsy', 20],
  ['stroke', 8],
  ['brain_injury', 11],
  ['other', 8],
];

/** Adult age range at today, by diagnosis (years). */
const ADULT_AGES: Record<Diagnosis, readonly [number, number]> = {
  multiple_sclerosis: [30, 74],
  spinal_cord_injury: [19, 76],
  cerebral_palsy: [18, 55],
  stroke: [40, 86],
  brain_injury: [18, 72],
  other: [20, 72],
};

const OTHER_DIAGNOSES: readonly (readonly [string, SpasticityOrigin])[] = [
  ['Hereditary spastic paraplegia', 'spinal'],
  ['Transverse myelitis', 'spinal'],
  ['Anoxic brain injury after cardiac arrest', 'cerebral'],
  ['Primary lateral sclerosis', 'spinal'],
];

// prettier-ignore
const INJURY_LEVELS = ['C4', 'C5', 'C6', 'C7', 'C8', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1'] as const;

const HIGH_RISK_REASONS = [
  'Previous baclofen withdrawal after a missed refill',
  'Lives alone; limited mobility to reach the clinic',
  'Severe autonomic dysreflexia episodes',
  'Cannot report early withdrawal symptoms reliably',
  'History of catheter occlusion with rapid symptom onset',
] as const;

/** The patient's identity and clinical frame. `scenario` forces the traits its state needs. */
export function drawProfile(
  random: Prng,
  plan: ClinicPlan,
  index: number,
  scenario: Scenario | null,
): PatientProfile {
  const site = random.next() < (plan.sites[0]?.share ?? 1) ? plan.sites[0] : plan.sites[1];
  if (!site) throw new Error('The demo plan has no sites');
  const diagnosis = drawDiagnosis(random, scenario);
  const { injuryLevel, diagnosisNote, origin } = diagnosisDetails(random, diagnosis, scenario);
  const child =
    diagnosis === 'cerebral_palsy' && scenario !== 'past_alarm_cannot_communicate' && random.chance(0.4);
  const ageYears = child ? random.int(5, 11) : random.int(...ADULT_AGES[diagnosis]);
  const injuryAtOrAboveT6 = injuryLevel !== null && INJURY_LEVELS.indexOf(injuryLevel as never) <= 10;
  const cannotCommunicate =
    scenario === 'past_alarm_cannot_communicate' || random.chance(cannotCommunicateShare(diagnosis, child));
  const highRisk = scenario === 'refill_overdue_high_risk' || random.chance(injuryAtOrAboveT6 ? 0.25 : 0.04);
  const sex = random.weighted<Sex>([
    ['female', 49],
    ['male', 49],
    ['other', 1],
    ['unknown', 1],
  ]);
  return {
    index,
    mrn: mrnFor(plan.seed, index),
    givenName: random.pick(
      sex === 'female' ? femaleGivenNames : sex === 'male' ? maleGivenNames : neutralGivenNames,
    ),
    familyName: random.pick(familyNames),
    sex,
    dateOfBirth: addDays(addMonths(plan.today, -12 * ageYears), -random.int(1, 360)),
    ageYears,
    diagnosis,
    injuryLevel,
    diagnosisNote,
    origin,
    ageGroup: child ? 'child' : 'adult',
    injuryAtOrAboveT6,
    cannotCommunicate,
    highRisk,
    highRiskReason: highRisk ? highRiskReason(random, injuryAtOrAboveT6, cannotCommunicate) : null,
    status: statusFor(random, scenario),
    site,
    physicianId: random.pick(staffAt(plan.physiciansBySite, site.id)),
    homeRefills: random.chance(0.15),
    softDeleted: scenario === 'soft_deleted',
  };
}

function statusFor(random: Prng, scenario: Scenario | null): PatientStatus {
  if (scenario === null) return random.weighted(STATUS_WEIGHTS);
  if (scenario === 'soft_deleted') return 'candidate';
  if (scenario.startsWith('status_')) return scenario.slice('status_'.length) as PatientStatus;
  return 'active';
}

function drawDiagnosis(random: Prng, scenario: Scenario | null): Diagnosis {
  if (scenario === 'past_alarm_high_cord_injury') return 'spinal_cord_injury';
  if (scenario === 'past_alarm_cannot_communicate')
    return random.pick(['brain_injury', 'cerebral_palsy'] as const);
  return random.weighted(DIAGNOSIS_WEIGHTS);
}

function diagnosisDetails(
  random: Prng,
  diagnosis: Diagnosis,
  scenario: Scenario | null,
): { injuryLevel: string | null; diagnosisNote: string | null; origin: SpasticityOrigin } {
  switch (diagnosis) {
    case 'spinal_cord_injury': {
      // Cervical and high thoracic injuries are common among ITB patients; T6 or above is the index ≤ 10.
      const highOnly = scenario === 'past_alarm_high_cord_injury';
      const level =
        INJURY_LEVELS[highOnly ? random.int(0, 10) : random.int(0, INJURY_LEVELS.length - 1)] ?? 'T4';
      const cause = random.pick([
        'Road traffic collision',
        'Fall from height',
        'Sports injury',
        'Diving accident',
      ]);
      return {
        injuryLevel: level,
        diagnosisNote: `${cause}; ASIA ${random.pick(['A', 'B', 'C'])}`,
        origin: 'spinal',
      };
    }
    case 'multiple_sclerosis':
      return {
        injuryLevel: null,
        diagnosisNote: random.pick(['Secondary progressive', 'Primary progressive']),
        origin: 'spinal',
      };
    case 'cerebral_palsy':
      return {
        injuryLevel: null,
        diagnosisNote: `Spastic ${random.pick(['diplegia', 'quadriplegia'])}`,
        origin: 'cerebral',
      };
    case 'stroke':
      return {
        injuryLevel: null,
        diagnosisNote: random.pick(['Left MCA infarct', 'Right MCA infarct', 'Brainstem haemorrhage']),
        origin: 'cerebral',
      };
    case 'brain_injury':
      return { injuryLevel: null, diagnosisNote: 'Traumatic brain injury', origin: 'cerebral' };
    case 'other': {
      const [note, origin] = random.pick(OTHER_DIAGNOSES);
      return { injuryLevel: null, diagnosisNote: note, origin };
    }
  }
}

function cannotCommunicateShare(diagnosis: Diagnosis, child: boolean): number {
  if (diagnosis === 'cerebral_palsy') return child ? 0.3 : 0.15;
  if (diagnosis === 'brain_injury' || diagnosis === 'stroke') return 0.12;
  return 0.02;
}

function highRiskReason(random: Prng, highInjury: boolean, cannotCommunicate: boolean): string {
  if (highInjury && random.chance(0.5))
    return 'Injury at T6 or above: autonomic dysreflexia risk in withdrawal';
  if (cannotCommunicate && random.chance(0.5)) return 'Cannot report early withdrawal symptoms';
  return random.pick(HIGH_RISK_REASONS);
}

/**
 * `PD` + 6 digits, unique for up to 900,000 patients: index × 7919 modulo 900,000 is a bijection
 * (7919 is prime and shares no factor with 900,000), offset by the seed so seeds look different.
 */
export function mrnFor(seed: number, index: number): string {
  const value = (((index * 7919 + (seed % 900_000)) % 900_000) + 900_000) % 900_000;
  return `PD${100_000 + value}`;
}
