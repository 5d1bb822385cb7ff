import { type ClinicPlan, staffAt } from './clinic-plan.ts';
import { seededUuidV7 } from './ids.ts';
import { type PatientProfile } from './patient-profile.ts';
import { type Prng } from './prng.ts';
import { type SiteClock } from './site-clock.ts';

/** What every renderer needs to turn a patient's relative timeline into rows. */
export interface RenderContext {
  plan: ClinicPlan;
  profile: PatientProfile;
  patientId: string;
  clock: SiteClock;
  /** Data draws. */
  random: Prng;
  /** Id draws, a separate stream so that adding a row never changes the data that follows. */
  ids: Prng;
}

/** A time-ordered id for a row describing `instant`. */
export function idAt(context: RenderContext, instant: Date): string {
  return seededUuidV7(instant.getTime(), context.ids);
}

/** A nurse of the patient's site. */
export function aNurse(context: RenderContext): string {
  return context.random.pick(staffAt(context.plan.nursesBySite, context.profile.site.id));
}

/** Usually the responsible physician, sometimes a colleague at the same site. */
export function aPhysician(context: RenderContext): string {
  if (context.random.chance(0.8)) return context.profile.physicianId;
  return context.random.pick(staffAt(context.plan.physiciansBySite, context.profile.site.id));
}
