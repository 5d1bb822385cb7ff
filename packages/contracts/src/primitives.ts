import { z } from 'zod';

/**
 * A calendar date, `YYYY-MM-DD`: a day in the clinic's calendar (date of birth, implant date, due
 * date), not an instant. Rejects impossible dates such as 2027-02-30.
 */
export const calendarDateSchema = z.iso.date();
export type CalendarDateString = z.infer<typeof calendarDateSchema>;

/** An instant, ISO 8601 with an explicit offset (`2027-03-14T09:30:00.000Z`). */
export const instantSchema = z.iso.datetime({ offset: true });

export const uuidSchema = z.uuid();

/** Free text typed by people: trimmed, never empty. */
export const nonEmptyTextSchema = (max: number) => z.string().trim().min(1).max(max);
