import { type PrismaClient } from '../generated/prisma/client.ts';

// The pump models every PumpDesk database needs. This is reference data, not demo data: the API
// inserts it at every start (idempotent). Figures from docs/domain.md ("Pumps") and the makers'
// labelling; where the labelling gives no single number the assumption is written in `notes`.

/** One catalogue entry, numbers as the columns hold them. */
export interface CatalogueModel {
  manufacturer: string;
  model: string;
  reservoirMl: number;
  defaultAlarmVolumeMl: number;
  batteryLifeMinYears: number;
  batteryLifeMaxYears: number;
  eriToEndOfServiceDays: number | null;
  notes: string;
}

const synchroMed = (reservoirMl: 20 | 40): CatalogueModel => ({
  manufacturer: 'Medtronic',
  model: `SynchroMed II 8637-${reservoirMl}`,
  reservoirMl,
  defaultAlarmVolumeMl: 2,
  batteryLifeMinYears: 5,
  batteryLifeMaxYears: 7,
  eriToEndOfServiceDays: 90,
  notes:
    'Low-reservoir alarm 2 mL recommended (some clinics use 4 mL after withdrawal near empty). Battery 5–7 ' +
    'years depending on flow, never beyond 7. After ERI the pump runs 90 days, then stops. Motor stops ' +
    'during MRI: interrogate after every scan.',
});

const prometra = (reservoirMl: 20 | 40): CatalogueModel => ({
  manufacturer: 'Flowonix',
  model: `Prometra II ${reservoirMl} mL`,
  reservoirMl,
  defaultAlarmVolumeMl: 3,
  batteryLifeMinYears: 10,
  batteryLifeMaxYears: 10,
  eriToEndOfServiceDays: null,
  notes:
    'Next-refill date when 3.0 mL remain. Battery life "over 10 years" in the labelling: recorded as ' +
    '10–10 years, a conservative assumption. No ERI-to-shut-off interval published. Empty before MRI.',
});

const medstream = (reservoirMl: 20 | 40): CatalogueModel => ({
  manufacturer: 'Codman',
  model: `Medstream ${reservoirMl} mL`,
  reservoirMl,
  defaultAlarmVolumeMl: 2,
  batteryLifeMinYears: 8,
  batteryLifeMaxYears: 8,
  eriToEndOfServiceDays: null,
  notes:
    'Alarm volume "set per labelling": 2 mL assumed here; change it to your labelling. Battery about ' +
    '8 years (recorded as 8–8). No ERI-to-shut-off interval published.',
});

/** The seeded catalogue: three makers, 20 and 40 mL each. */
export const pumpCatalogue: readonly CatalogueModel[] = [
  synchroMed(20),
  synchroMed(40),
  prometra(20),
  prometra(40),
  medstream(20),
  medstream(40),
];

/** The catalogue's natural key, as the unique index (manufacturer, model, reservoir_ml) sees it. */
export function catalogueKey(model: Pick<CatalogueModel, 'manufacturer' | 'model' | 'reservoirMl'>): string {
  return `${model.manufacturer}|${model.model}|${model.reservoirMl}`;
}

/**
 * Inserts the catalogue's models that are missing, by (manufacturer, model, reservoir); existing rows
 * (perhaps edited by the clinic) are left alone. Safe to run at every start.
 */
export async function seedPumpModels(prisma: PrismaClient): Promise<void> {
  await prisma.pumpModel.createMany({
    data: pumpCatalogue.map((model) => ({
      ...model,
      reservoirMl: model.reservoirMl.toFixed(2),
      defaultAlarmVolumeMl: model.defaultAlarmVolumeMl.toFixed(2),
      batteryLifeMinYears: model.batteryLifeMinYears.toFixed(1),
      batteryLifeMaxYears: model.batteryLifeMaxYears.toFixed(1),
    })),
    skipDuplicates: true,
  });
}

/** Ids of the catalogue's rows in this database, by {@link catalogueKey}. */
export async function catalogueModelIds(prisma: PrismaClient): Promise<Map<string, string>> {
  const rows = await prisma.pumpModel.findMany({
    where: { OR: pumpCatalogue.map(({ manufacturer, model }) => ({ manufacturer, model })) },
    select: { id: true, manufacturer: true, model: true, reservoirMl: true },
  });
  return new Map(
    rows.map((row) => [catalogueKey({ ...row, reservoirMl: row.reservoirMl.toNumber() }), row.id]),
  );
}
