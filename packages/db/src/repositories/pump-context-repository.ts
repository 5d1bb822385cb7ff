import {
  type CalendarDate,
  type ClinicSettings,
  type DoseProgram,
  type ImplantedPumpFacts,
  type PatientGroup,
  startOfDayInZone,
  toCalendarDate,
  withdrawalRisk,
} from '@pumpdesk/domain';
import {
  decimalToNumber,
  inRecordedOrder,
  latestRefill,
  toDoseProgramWithSchedule,
  toImplantedPumpFactsFromRows,
} from '../assessment/engine-inputs.ts';
import { type Principal, requireSiteAccess } from '../access/principal.ts';
import { type Prisma } from '../generated/prisma/client.ts';
import { doseProgramEngineSelect, pumpEngineSelect } from './engine-selects.ts';
import { readClinicSettings } from './settings-repository.ts';

/** A pump with what a clinical write on it is judged against: its history, patient, zone and settings. */
export interface PumpContext {
  pumpId: string;
  patientId: string;
  /** The patient's site: the audit events of a read or write of this pump name it. */
  siteId: string;
  implanted: boolean;
  /** The explant day of an explanted pump (the site's calendar); null while implanted. */
  explantDate: CalendarDate | null;
  timeZone: string;
  settings: ClinicSettings;
  patientGroup: PatientGroup;
  highRisk: boolean;
  facts: ImplantedPumpFacts;
  /** The concentration of the drug the last refill put in the reservoir; null without a refill. */
  lastRefillConcentrationMcgPerMl: number | null;
  /**
   * Only while this pump has no program yet: the patient's previous pump (the latest explanted on or
   * before this one's implant) with its programs, in recorded order, and when they stopped (the start
   * of its explant day in the site's zone). Null otherwise. The first program of a replacement pump
   * is judged against these (dose-program-writes.ts, judgeDoseProgram): the patient's tolerance did
   * not start over with the new device.
   */
  previousPump: { programs: DoseProgram[]; stoppedAt: Date } | null;
}

/**
 * Loads a pump's context; null when there is no such pump (or its patient was deleted). Throws
 * OutOfScopeError (a 404) when the principal does not work at the patient's site: the caller checks
 * the role. Takes a transaction client too: a write judges the pump inside its transaction, after
 * locking it.
 */
export async function loadPumpContext(
  prisma: Prisma.TransactionClient,
  principal: Principal,
  pumpId: string,
): Promise<PumpContext | null> {
  // One query after the other: a transaction has one connection, which runs one query at a time.
  const pump = await prisma.pump.findFirst({
    where: { id: pumpId, patient: { deletedAt: null } },
    select: {
      ...pumpEngineSelect,
      patientId: true,
      status: true,
      explantDate: true,
      refills: {
        orderBy: { performedAt: 'desc' },
        take: 1,
        select: { performedAt: true, reservoirVolumeAfterMl: true, concentrationMcgPerMl: true },
      },
      patient: {
        select: {
          ageGroup: true,
          spasticityOrigin: true,
          highRisk: true,
          injuryAtOrAboveT6: true,
          cannotCommunicate: true,
          siteId: true,
          site: { select: { timeZone: true } },
        },
      },
    },
  });
  if (!pump) return null;
  requireSiteAccess(principal, pump.patient.siteId, 'pump', pumpId);
  const settings = await readClinicSettings(prisma);
  const refill = latestRefill(pump.refills);
  const facts = toImplantedPumpFactsFromRows(pump);
  const timeZone = pump.patient.site.timeZone;
  return {
    pumpId: pump.id,
    patientId: pump.patientId,
    siteId: pump.patient.siteId,
    implanted: pump.status === 'implanted',
    explantDate: pump.explantDate && toCalendarDate(pump.explantDate),
    timeZone,
    settings,
    patientGroup: { ageGroup: pump.patient.ageGroup, origin: pump.patient.spasticityOrigin },
    highRisk: withdrawalRisk(pump.patient).highRisk,
    facts,
    lastRefillConcentrationMcgPerMl: refill ? decimalToNumber(refill.concentrationMcgPerMl) : null,
    previousPump: facts.programs.length === 0 ? await loadPreviousPump(prisma, { ...pump, timeZone }) : null,
  };
}

/** The programs of the pump this one replaced (see PumpContext.previousPump); null when none had any. */
async function loadPreviousPump(
  prisma: Prisma.TransactionClient,
  pump: { id: string; patientId: string; implantDate: Date; timeZone: string },
): Promise<PumpContext['previousPump']> {
  const previous = await prisma.pump.findFirst({
    where: {
      patientId: pump.patientId,
      id: { not: pump.id },
      status: 'explanted',
      explantDate: { not: null, lte: pump.implantDate },
    },
    orderBy: [{ explantDate: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    select: { explantDate: true, dosePrograms: { select: doseProgramEngineSelect } },
  });
  if (!previous?.explantDate || previous.dosePrograms.length === 0) return null;
  const programs = inRecordedOrder(previous.dosePrograms).map(toDoseProgramWithSchedule);
  const lastStart = Math.max(...programs.map((program) => program.effectiveFrom.getTime()));
  // The explant date is a calendar day: the drug is taken to have stopped when that day began, or
  // just after the last program if one was recorded later that day.
  const explantDayStart = startOfDayInZone(toCalendarDate(previous.explantDate), pump.timeZone).getTime();
  return { programs, stoppedAt: new Date(Math.max(explantDayStart, lastStart + 1)) };
}
