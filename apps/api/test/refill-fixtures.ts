import { type Database } from '@pumpdesk/db';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';

// What the refill tests (record, preview, amend, list, Idempotency-Key) set up the same way.

/** 300 mcg/day at 500 mcg/mL in a 20 mL pump, refilled to 20 mL 25 days ago: 5 mL expected left. */
export const createPumpDueForRefill = (prisma: Database['prisma']) =>
  createPatientOnMaintenance(prisma, { refillDaysAgo: 25 });

/** A refill of that pump the engine accepts, a minute ago; `extra` changes or adds fields. */
export const refillBody = (extra: Record<string, unknown> = {}) => ({
  performedAt: new Date(Date.now() - 60_000).toISOString(),
  location: 'clinic',
  expectedResidualMl: 5,
  withdrawnVolumeMl: 4.8,
  concentrationMcgPerMl: 500,
  volumeFilledMl: 20,
  reservoirVolumeAfterMl: 20,
  drugLot: 'LOT-2291',
  drugExpiry: '2099-01-31',
  billingCodes: ['95990'],
  ...extra,
});
