import {
  type ClinicSettings,
  type ImplantedPumpFacts,
  type PatientGroup,
  withdrawalRisk,
} from '@pumpdesk/domain';
import { decimalToNumber, latestRefill, toImplantedPumpFactsFromRows } from '../assessment/engine-inputs.ts';
import { type Prisma } from '../generated/prisma/client.ts';
import { pumpEngineSelect } from './engine-selects.ts';
import { readClinicSettings } from './settings-repository.ts';

/** A pump with what a clinical write on it is judged against: its history, patient, zone and settings. */
export interface PumpContext {
  pumpId: string;
  implanted: boolean;
  timeZone: string;
  settings: ClinicSettings;
  patientGroup: PatientGroup;
  highRisk: boolean;
  facts: ImplantedPumpFacts;
  /** The concentration of the drug the last refill put in the reservoir; null without a refill. */
  lastRefillConcentrationMcgPerMl: number | null;
}

/**
 * Loads a pump's context; null when there is no such pump (or its patient was deleted). Takes a
 * transaction client too: a write judges the pump inside its transaction, after locking it.
 */
export async function loadPumpContext(
  prisma: Prisma.TransactionClient,
  pumpId: string,
): Promise<PumpContext | null> {
  // One query after the other: a transaction has one connection, which runs one query at a time.
  const pump = await prisma.pump.findFirst({
    where: { id: pumpId, patient: { deletedAt: null } },
    select: {
      ...pumpEngineSelect,
      status: true,
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
          site: { select: { timeZone: true } },
        },
      },
    },
  });
  if (!pump) return null;
  const settings = await readClinicSettings(prisma);
  const refill = latestRefill(pump.refills);
  return {
    pumpId: pump.id,
    implanted: pump.status === 'implanted',
    timeZone: pump.patient.site.timeZone,
    settings,
    patientGroup: { ageGroup: pump.patient.ageGroup, origin: pump.patient.spasticityOrigin },
    highRisk: withdrawalRisk(pump.patient).highRisk,
    facts: toImplantedPumpFactsFromRows(pump),
    lastRefillConcentrationMcgPerMl: refill ? decimalToNumber(refill.concentrationMcgPerMl) : null,
  };
}
