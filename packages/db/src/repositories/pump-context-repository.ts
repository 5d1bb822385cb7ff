import {
  type ClinicSettings,
  type ImplantedPumpFacts,
  type PatientGroup,
  withdrawalRisk,
} from '@pumpdesk/domain';
import { decimalToNumber, latestRefill, toImplantedPumpFactsFromRows } from '../assessment/engine-inputs.ts';
import { type PrismaClient } from '../generated/prisma/client.ts';
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

/** Loads a pump's context; null when there is no such pump (or its patient was deleted). */
export async function loadPumpContext(prisma: PrismaClient, pumpId: string): Promise<PumpContext | null> {
  const [pump, settings] = await Promise.all([
    prisma.pump.findFirst({
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
    }),
    readClinicSettings(prisma),
  ]);
  if (!pump) return null;
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
