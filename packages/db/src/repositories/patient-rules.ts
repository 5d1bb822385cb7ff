import { type Diagnosis, type PatientCreate, type SpasticityOrigin } from '@pumpdesk/contracts';
import { type CalendarDate, isInjuryAtOrAboveT6 } from '@pumpdesk/domain';

// The rules of a patient record that span fields, checked on the WHOLE record a write would leave
// (a create's body, or the stored row merged with a PATCH), so a partial update cannot slip past a rule
// a create would have refused. Pure: the caller brings "today" in the site's zone.

/** Every field of a patient as written (the create body once its defaults are filled). */
export type PatientValues = Omit<PatientCreate, 'injuryAtOrAboveT6' | 'spasticityOrigin'> & {
  injuryAtOrAboveT6: boolean;
  spasticityOrigin: SpasticityOrigin;
};

/** A record before the rules: the T6 flag may be left out (derived from the level, else false). */
export type ProposedPatient = Omit<PatientValues, 'injuryAtOrAboveT6' | 'spasticityOrigin'> & {
  injuryAtOrAboveT6?: boolean | undefined;
  spasticityOrigin?: SpasticityOrigin | undefined;
};

/** The origin of the spasticity each diagnosis implies (the demo data's invariant); none for other. */
const ORIGIN_OF_DIAGNOSIS: Partial<Record<Diagnosis, SpasticityOrigin>> = {
  multiple_sclerosis: 'spinal',
  spinal_cord_injury: 'spinal',
  cerebral_palsy: 'cerebral',
  stroke: 'cerebral',
  brain_injury: 'cerebral',
};

/** One refused field: `field` is the body property (the API prefixes `body.`). */
export interface PatientFieldRefusal {
  field: keyof PatientValues;
  code: string;
  message: string;
}

/**
 * The record to store and what is wrong with it. `sent` says which fields the request carried: a rule
 * may derive or clear a field the client left out, but never silently overrides one it sent.
 *
 * Decisions (the issue left them open):
 * - injuryAtOrAboveT6 follows the injury level when there is one (isInjuryAtOrAboveT6: C1–T6 → true);
 *   a value sent that contradicts the level is refused rather than ignored, because the flag moves
 *   margins and worklist priority. Without a level (not yet documented) it may be set by hand.
 * - The injury level and the T6 flag exist only for a spinal cord injury. Changing the diagnosis away
 *   from it does not drop them silently (dropping a withdrawal-risk factor is not a side effect): the
 *   client clears them in the same request.
 * - highRisk needs a highRiskReason; clearing highRisk clears the reason unless one is sent (refused).
 * - spasticityOrigin (it decides the titration limits) follows the diagnosis when the diagnosis implies
 *   one, also when a PATCH changes the diagnosis; a contradicting value sent is refused. For `other`
 *   it is the clinician's choice and required.
 */
export function applyPatientRules(
  values: ProposedPatient,
  sent: ReadonlySet<string>,
  today: CalendarDate | null,
): { values: PatientValues; refusals: PatientFieldRefusal[] } {
  const refusals: PatientFieldRefusal[] = [];
  let injuryAtOrAboveT6 = values.injuryAtOrAboveT6 ?? false;
  let highRiskReason = values.highRiskReason;
  const spinalCordInjury = values.diagnosis === 'spinal_cord_injury';

  let spasticityOrigin = values.spasticityOrigin;
  const impliedOrigin = ORIGIN_OF_DIAGNOSIS[values.diagnosis];
  if (impliedOrigin !== undefined) {
    if (sent.has('spasticityOrigin') && spasticityOrigin !== impliedOrigin) {
      refusals.push({
        field: 'spasticityOrigin',
        code: 'contradicts_diagnosis',
        message: `This diagnosis means spasticity of ${impliedOrigin} origin; leave the field out to derive it.`,
      });
    }
    spasticityOrigin = impliedOrigin;
  } else if (spasticityOrigin === undefined) {
    refusals.push({
      field: 'spasticityOrigin',
      code: 'required',
      message:
        'Say whether the spasticity is of spinal or cerebral origin (it decides the titration limits).',
    });
  }

  if (values.injuryLevel !== null) {
    if (!spinalCordInjury) {
      refusals.push({
        field: 'injuryLevel',
        code: 'only_for_spinal_cord_injury',
        message: 'An injury level is recorded only for a spinal cord injury; send null to clear it.',
      });
    }
    const derived = isInjuryAtOrAboveT6(values.injuryLevel);
    if (derived === null) {
      refusals.push({ field: 'injuryLevel', code: 'invalid_level', message: 'Not a level from C1 to S5.' });
    } else if (sent.has('injuryAtOrAboveT6') && values.injuryAtOrAboveT6 !== derived) {
      refusals.push({
        field: 'injuryAtOrAboveT6',
        code: 'contradicts_injury_level',
        message: `Injury level ${values.injuryLevel} is ${derived ? '' : 'not '}at or above T6; leave the flag out to derive it.`,
      });
    } else {
      injuryAtOrAboveT6 = derived;
    }
  }
  if (!spinalCordInjury && injuryAtOrAboveT6 && values.injuryLevel === null) {
    refusals.push({
      field: 'injuryAtOrAboveT6',
      code: 'only_for_spinal_cord_injury',
      message:
        'The injury-at-or-above-T6 risk factor is only for a spinal cord injury; send false to clear it.',
    });
  }

  if (values.highRisk && highRiskReason === null) {
    refusals.push({
      field: 'highRiskReason',
      code: 'required_with_high_risk',
      message: 'Say why the patient is flagged high-risk.',
    });
  }
  if (!values.highRisk && highRiskReason !== null) {
    if (sent.has('highRiskReason')) {
      refusals.push({
        field: 'highRiskReason',
        code: 'only_with_high_risk',
        message: 'A high-risk reason goes with highRisk: true.',
      });
    } else {
      highRiskReason = null; // the flag was cleared: its reason goes with it
    }
  }

  if (today !== null && values.dateOfBirth > today) {
    refusals.push({
      field: 'dateOfBirth',
      code: 'in_future',
      message: `The date of birth is after today (${today}) in the site's time zone.`,
    });
  }

  return {
    values: { ...values, injuryAtOrAboveT6, highRiskReason, spasticityOrigin: spasticityOrigin ?? 'spinal' },
    refusals,
  };
}
