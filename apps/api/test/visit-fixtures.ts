import { type Database } from '@pumpdesk/db';
import { createTestPatient, createTestSite, createTestUser } from '@pumpdesk/db/testing';
import { type CalendarDate, calendarDateInZone } from '@pumpdesk/domain';
import { DAY_MS } from './clinical-fixtures.ts';

// What the visit, trial and appointment tests set up the same way: a clinic of their own (a new site,
// one clinician, one patient) and the audit events a write about its patient leaves.

type Prisma = Database['prisma'];

/** The test clinics' zone: "today" for a visit or trial date is its day there. */
export const CLINIC_ZONE = 'Europe/London';

export const todayInClinic = (): CalendarDate => calendarDateInZone(new Date(), CLINIC_ZONE);

/** A new site in {@link CLINIC_ZONE} (unless `site` says otherwise), a clinician there and a patient. */
export async function createClinic(
  prisma: Prisma,
  options: {
    site?: Parameters<typeof createTestSite>[1];
    clinician?: Parameters<typeof createTestUser>[2];
    patient?: Omit<Parameters<typeof createTestPatient>[1], 'siteId'>;
  } = {},
) {
  const site = await createTestSite(prisma, { timeZone: CLINIC_ZONE, ...options.site });
  const clinician = await createTestUser(prisma, [site.id], options.clinician);
  const patient = await createTestPatient(prisma, { siteId: site.id, ...options.patient });
  return { site, clinician, patient };
}

/** The audit events whose summary names the patient (every visit, trial and appointment write's). */
export const auditEventsAbout = (prisma: Prisma, patientId: string): Promise<number> =>
  prisma.auditEvent.count({ where: { summary: { path: ['patientId'], equals: patientId } } });

/** An appointment start: a whole hour (UTC) `days` days from now, so slots never straddle "now". */
export function slot(days: number, hour: number): string {
  const day = new Date(Date.now() + days * DAY_MS);
  day.setUTCHours(hour, 0, 0, 0);
  return day.toISOString();
}
