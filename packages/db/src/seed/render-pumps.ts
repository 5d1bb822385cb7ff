import { alarmVolumeOf } from '@pumpdesk/domain';
import { toImplantedPumpFacts } from '../assessment/engine-inputs.ts';
import { type CatheterRevisionReason, type Prisma } from '../generated/prisma/client.ts';
import { catalogueKey } from './pump-catalogue.ts';
import { decimal, type PatientRecords } from './records.ts';
import { idAt, type RenderContext } from './render-context.ts';
import { renderInterrogations } from './render-interrogations.ts';
import { renderPrograms, renderRefills } from './render-refills.ts';
import { eriReportedDay, type RelPump } from './therapy-timeline.ts';

// Turns the relative pump timeline into catheter, pump, program, refill and interrogation rows once
// day 0 is on the calendar. Each refill's snapshot is computed by the engine from the rendered rows
// themselves, with the mappers the API uses (assessment/engine-inputs.ts); the worklist table is
// filled after the insert by refreshPumpSchedules, like after any write.

export interface PumpsEnding {
  /** The last day of the timeline: today, or the day care ended. */
  endDay: number;
  /** What happened to the pump still implanted at the end. */
  outcome: 'continuing' | 'explanted' | 'deceased' | 'transferred';
  explantReason?: 'infection' | 'therapy_stopped' | 'patient_request' | 'catheter_complication';
}

export function renderPumps(
  context: RenderContext,
  pumps: RelPump[],
  ending: PumpsEnding,
  reviewDays: readonly number[],
): Pick<
  PatientRecords,
  | 'catheters'
  | 'catheterRevisions'
  | 'pumps'
  | 'dosePrograms'
  | 'doseProgramSteps'
  | 'doseProgramBoluses'
  | 'refills'
  | 'interrogations'
> {
  const rows = {
    catheters: [] as Prisma.CatheterCreateManyInput[],
    catheterRevisions: [] as Prisma.CatheterRevisionCreateManyInput[],
    pumps: [] as Prisma.PumpCreateManyInput[],
    dosePrograms: [] as Prisma.DoseProgramCreateManyInput[],
    doseProgramSteps: [] as Prisma.DoseProgramStepCreateManyInput[],
    doseProgramBoluses: [] as Prisma.DoseProgramBolusCreateManyInput[],
    refills: [] as Prisma.RefillCreateManyInput[],
    interrogations: [] as Prisma.PumpInterrogationCreateManyInput[],
  };
  const catheterId = renderCatheter(context, ending, rows);
  closeLastPump(pumps, ending);
  pumps.forEach((pump, index) => {
    const pumpId = idAt(context, context.clock.instant(pump.implantDay, pump.implantMinute));
    const row = pumpRow(context, pump, index, pumpId, catheterId, ending);
    const programs = renderPrograms(context, pump, pumpId, rows);
    const facts = toImplantedPumpFacts(row, pump.model, programs, null);
    const refills = renderRefills(context, pump, pumpId, programs, alarmVolumeOf(facts));
    rows.pumps.push(row);
    rows.refills.push(...refills);
    rows.interrogations.push(...renderInterrogations(context, pump, pumpId, reviewDays, ending.endDay));
  });
  return rows;
}

/** At the end of care the last pump comes out (explanted, deceased) or stays (transferred, continuing). */
function closeLastPump(pumps: RelPump[], ending: PumpsEnding): void {
  const last = pumps.at(-1);
  if (!last || (ending.outcome !== 'explanted' && ending.outcome !== 'deceased')) return;
  last.explantDay = ending.endDay;
  last.explantReason =
    ending.outcome === 'deceased' ? 'deceased' : (ending.explantReason ?? 'therapy_stopped');
  last.explantNote =
    ending.outcome === 'deceased'
      ? 'Pump removed after death; recorded for device tracking'
      : explantNote(last.explantReason);
}

function explantNote(reason: string): string {
  switch (reason) {
    case 'infection':
      return 'Pocket infection; pump and catheter removed';
    case 'patient_request':
      return 'Patient chose to stop intrathecal therapy';
    case 'catheter_complication':
      return 'Repeated catheter failure; therapy abandoned';
    default:
      return 'Therapy stopped: goals no longer met';
  }
}

function pumpRow(
  context: RenderContext,
  pump: RelPump,
  index: number,
  pumpId: string,
  catheterId: string,
  ending: PumpsEnding,
): Prisma.PumpCreateManyInput {
  const { clock } = context;
  const implanted = pump.explantDay === null;
  const eriDay = eriReportedDay(pump, ending.endDay);
  const implantInstant = clock.instant(pump.implantDay, pump.implantMinute);
  return {
    id: pumpId,
    patientId: context.patientId,
    modelId: modelIdOf(context, pump),
    catheterId,
    serialNumber: serialNumber(pump, context.profile.index, index),
    implantDate: clock.dbDate(pump.implantDay),
    explantDate: pump.explantDay === null ? null : clock.dbDate(pump.explantDay),
    explantReason: pump.explantReason,
    explantNote: pump.explantNote,
    status: implanted ? 'implanted' : 'explanted',
    alarmVolumeOverrideMl: pump.alarmOverrideMl === null ? null : decimal(pump.alarmOverrideMl, 2),
    eriReportedDate: eriDay === null ? null : clock.dbDate(eriDay),
    createdAt: implantInstant,
    updatedAt: implantInstant,
  };
}

function modelIdOf(context: RenderContext, pump: RelPump): string {
  const id = context.plan.modelIds.get(catalogueKey(pump.model));
  if (!id) throw new Error(`Pump model missing from the catalogue: ${pump.model.model}`);
  return id;
}

/** Unique per model: the patient index and the pump's rank make the number. */
function serialNumber(pump: RelPump, patientIndex: number, rank: number): string {
  const prefix =
    pump.model.manufacturer === 'Medtronic' ? 'NGP' : pump.model.manufacturer === 'Flowonix' ? 'PM2' : 'CMS';
  return `${prefix}${String(1_000_000 + patientIndex * 8 + rank)}`;
}

function renderCatheter(
  context: RenderContext,
  ending: PumpsEnding,
  rows: Pick<PatientRecords, 'catheters' | 'catheterRevisions'>,
): string {
  const { clock, random, profile } = context;
  const implanted = clock.instant(0, 9 * 60);
  const id = idAt(context, implanted);
  const removed = ending.outcome === 'explanted' || ending.outcome === 'deceased';
  // Spinal-origin spasticity: tip at the lower thoracic cord; cerebral origin: higher, for the arms.
  const tipLevel =
    profile.origin === 'spinal'
      ? random.pick(['T8', 'T9', 'T10', 'T10', 'T11'])
      : random.pick(['C6', 'T2', 'T4', 'T6']);
  rows.catheters.push({
    id,
    patientId: context.patientId,
    implantDate: clock.dbDate(0),
    tipLevel,
    status: removed ? 'removed' : 'in_use',
    removedDate: removed ? clock.dbDate(ending.endDay) : null,
    notes: random.chance(0.3) ? 'Two-piece catheter; tip position confirmed on fluoroscopy' : null,
    createdAt: implanted,
    updatedAt: implanted,
  });
  if (ending.endDay > 150 && random.chance(0.08)) {
    const day = random.int(90, ending.endDay - 30);
    const at = clock.instant(day, 11 * 60);
    rows.catheterRevisions.push({
      id: idAt(context, at),
      catheterId: id,
      revisionDate: clock.dbDate(day),
      reason: random.weighted<CatheterRevisionReason>([
        ['occlusion', 3],
        ['kink', 2],
        ['dislodgement', 3],
        ['disconnection', 2],
        ['leak', 1],
        ['fracture', 1],
        ['granuloma', 1],
      ]),
      newTipLevel: random.chance(0.4) ? random.pick(['T8', 'T9', 'T10']) : null,
      notes: 'Returning spasticity and itching; dye study showed the problem; revised in theatre',
      createdAt: at,
    });
  }
  return id;
}
