import { type PrismaClient } from '../generated/prisma/client.ts';

/**
 * The pump models every PumpDesk database needs (reference data, not demo data), with the figures of
 * the domain notes (docs/domain.md, "Pumps"). Clinics add their own models as rows.
 */
export const pumpCatalogue = [
  ...[20, 40].map((reservoirMl) => ({
    manufacturer: 'Medtronic',
    model: `SynchroMed II ${reservoirMl === 20 ? '8637-20' : '8637-40'}`,
    reservoirMl,
    defaultAlarmVolumeMl: 2,
    batteryLifeMinYears: 5,
    batteryLifeMaxYears: 7,
    eriToEndOfServiceDays: 90,
    notes:
      'Low-reservoir alarm 2 mL (some clinics use 4 mL after withdrawal near empty). Battery 5–7 years depending on flow, never beyond 7; runs 90 days after ERI.',
  })),
  ...[20, 40].map((reservoirMl) => ({
    manufacturer: 'Flowonix',
    model: `Prometra II ${reservoirMl} mL`,
    reservoirMl,
    defaultAlarmVolumeMl: 3,
    batteryLifeMinYears: 10,
    batteryLifeMaxYears: 10,
    eriToEndOfServiceDays: null,
    notes:
      "Next-refill date when 3.0 mL remain. Battery 'over 10 years': recorded as 10–10 years, a conservative assumption.",
  })),
  ...[20, 40].map((reservoirMl) => ({
    manufacturer: 'Codman',
    model: `Medstream ${reservoirMl} mL`,
    reservoirMl,
    defaultAlarmVolumeMl: 2,
    batteryLifeMinYears: 8,
    batteryLifeMaxYears: 8,
    eriToEndOfServiceDays: null,
    notes:
      "Alarm volume 'set per labelling': 2 mL assumed here, change it to your labelling. Battery about 8 years.",
  })),
] as const;

export type CatalogueModel = (typeof pumpCatalogue)[number];

/** Inserts the catalogue's models that are missing (by manufacturer, model, reservoir). Idempotent. */
export async function seedPumpModels(prisma: PrismaClient): Promise<void> {
  await prisma.pumpModel.createMany({
    data: pumpCatalogue.map((model) => ({ ...model })),
    skipDuplicates: true,
  });
}
