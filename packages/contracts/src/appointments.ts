import { daysBetween, isCalendarDate, parseCalendarDate } from '@pumpdesk/domain';
import { z } from 'zod';
import { calendarDateSchema, instantSchema, nonEmptyTextSchema } from './primitives.ts';
import { CLINICAL_NOTES_MAX_LENGTH, visitUserRefSchema } from './visits.ts';

// Appointments: booked, moved while booked, then closed once (done, cancelled, no-show). A booked
// refill appointment on or before the due date is what clears NO_APPOINTMENT_BY_DUE_DATE.

export const appointmentKindSchema = z.enum(['refill', 'follow_up', 'replacement_consult', 'surgery']);
export type AppointmentKind = z.infer<typeof appointmentKindSchema>;

export const appointmentStatusSchema = z.enum(['booked', 'done', 'cancelled', 'no_show']);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const appointmentKindLabels: Record<AppointmentKind, string> = {
  refill: 'Refill',
  follow_up: 'Follow-up',
  replacement_consult: 'Replacement consult',
  surgery: 'Surgery',
};

export const APPOINTMENT_MIN_MINUTES = 5;
export const APPOINTMENT_MAX_MINUTES = 480;
export const APPOINTMENT_DEFAULT_MINUTES = 30;

const durationMinutesSchema = z
  .number()
  .int()
  .min(APPOINTMENT_MIN_MINUTES)
  .max(APPOINTMENT_MAX_MINUTES)
  .describe(`Minutes, ${String(APPOINTMENT_MIN_MINUTES)}–${String(APPOINTMENT_MAX_MINUTES)}`);

/** POST /api/patients/:patientId/appointments */
export const appointmentCreateSchema = z
  .object({
    kind: appointmentKindSchema,
    startsAt: instantSchema.describe('An instant with its offset; not more than an hour in the past'),
    durationMinutes: durationMinutesSchema.default(APPOINTMENT_DEFAULT_MINUTES),
    siteId: z.uuid().optional().describe("The site that runs it; the patient's site when left out"),
    clinicianId: z.uuid().nullable().default(null).describe('A user working at that site, or none yet'),
    atHome: z.boolean().default(false).describe("At the patient's home, run by the site"),
    notes: nonEmptyTextSchema(CLINICAL_NOTES_MAX_LENGTH).nullable().default(null),
  })
  .strict();
export type AppointmentCreate = z.output<typeof appointmentCreateSchema>;
export type AppointmentCreateInput = z.input<typeof appointmentCreateSchema>;

/** PATCH /api/appointments/:appointmentId: reschedule or reassign a booked appointment. */
export const appointmentUpdateSchema = z
  .object({
    version: z.number().int().positive(),
    startsAt: instantSchema.optional(),
    durationMinutes: durationMinutesSchema.optional(),
    siteId: z.uuid().optional(),
    clinicianId: z.uuid().nullable().optional().describe('null leaves it unassigned'),
    atHome: z.boolean().optional(),
    notes: nonEmptyTextSchema(CLINICAL_NOTES_MAX_LENGTH).nullable().optional(),
  })
  .strict()
  .refine(({ version: _version, ...changes }) => Object.keys(changes).length > 0, {
    message: 'Nothing to change: give at least one field',
  });
export type AppointmentUpdate = z.output<typeof appointmentUpdateSchema>;
export type AppointmentUpdateInput = z.input<typeof appointmentUpdateSchema>;

/** POST /api/appointments/:appointmentId/cancel | complete | no-show */
export const appointmentCloseSchema = z
  .object({
    version: z.number().int().positive(),
    reason: nonEmptyTextSchema(500)
      .optional()
      .describe('Kept in the appointment notes, never in the audit trail'),
  })
  .strict();
export type AppointmentClose = z.output<typeof appointmentCloseSchema>;

export const appointmentSchema = z.object({
  id: z.uuid(),
  kind: appointmentKindSchema,
  status: appointmentStatusSchema,
  startsAt: instantSchema,
  endsAt: instantSchema,
  durationMinutes: z.number().int(),
  patient: z.object({ id: z.uuid(), mrn: z.string(), givenName: z.string(), familyName: z.string() }),
  site: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  clinician: visitUserRefSchema.nullable(),
  atHome: z.boolean(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type AppointmentDto = z.infer<typeof appointmentSchema>;

export const APPOINTMENT_LIST_DEFAULT_LIMIT = 100;
export const APPOINTMENT_LIST_MAX_LIMIT = 500;

/** GET /api/patients/:patientId/appointments: `status` may repeat; `from`/`to` bound the start. */
export const patientAppointmentsQuerySchema = z
  .object({
    status: z
      .union([appointmentStatusSchema, z.array(appointmentStatusSchema)])
      .optional()
      .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value])),
    from: instantSchema.optional().describe('Appointments starting at or after this instant'),
    to: instantSchema.optional().describe('Appointments starting before this instant'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(APPOINTMENT_LIST_MAX_LIMIT)
      .default(APPOINTMENT_LIST_DEFAULT_LIMIT),
    cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page (nextCursor)'),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    path: ['to'],
    message: '`to` must be after `from`',
  });
export type PatientAppointmentsQuery = z.output<typeof patientAppointmentsQuerySchema>;

export const appointmentPageSchema = z.object({
  items: z.array(appointmentSchema).describe('By start time, earliest first'),
  nextCursor: z.string().nullable(),
});
export type AppointmentPage = z.infer<typeof appointmentPageSchema>;

export const SITE_DAY_LIST_MAX_DAYS = 31;

/**
 * GET /api/sites/:siteId/appointments: one day (`date`, today in the site's zone when nothing is
 * given) or a range of days `from`–`to` (inclusive, at most 31 days), in the site's calendar.
 */
export const siteAppointmentsQuerySchema = z
  .object({
    date: calendarDateSchema.optional(),
    from: calendarDateSchema.optional(),
    to: calendarDateSchema.optional(),
    status: z
      .union([appointmentStatusSchema, z.array(appointmentStatusSchema)])
      .optional()
      .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value])),
  })
  .superRefine((query, context) => {
    if (query.date !== undefined && (query.from !== undefined || query.to !== undefined)) {
      context.addIssue({ code: 'custom', path: ['date'], message: 'Give either `date` or `from` and `to`' });
      return;
    }
    if ((query.from === undefined) !== (query.to === undefined)) {
      const missing = query.from === undefined ? 'from' : 'to';
      context.addIssue({ code: 'custom', path: [missing], message: '`from` and `to` go together' });
      return;
    }
    // A date that failed its own check has its issue already; only real dates are compared.
    if (
      query.from !== undefined &&
      query.to !== undefined &&
      isCalendarDate(query.from) &&
      isCalendarDate(query.to)
    ) {
      const days = daysBetween(parseCalendarDate(query.from), parseCalendarDate(query.to));
      if (days < 0) context.addIssue({ code: 'custom', path: ['to'], message: '`to` is before `from`' });
      else if (days + 1 > SITE_DAY_LIST_MAX_DAYS) {
        context.addIssue({
          code: 'custom',
          path: ['to'],
          message: `At most ${String(SITE_DAY_LIST_MAX_DAYS)} days at a time`,
        });
      }
    }
  });
export type SiteAppointmentsQuery = z.output<typeof siteAppointmentsQuerySchema>;

export const siteAppointmentListSchema = z.object({
  site: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  from: calendarDateSchema.describe("First day, in the site's calendar"),
  to: calendarDateSchema.describe('Last day (inclusive)'),
  items: z.array(appointmentSchema).describe('By start time'),
});
export type SiteAppointmentList = z.infer<typeof siteAppointmentListSchema>;

export const appointmentIdParamsSchema = z.object({ appointmentId: z.uuid() });
export const appointmentSiteParamsSchema = z.object({ siteId: z.uuid() });
export const calendarClinicianParamsSchema = z.object({ userId: z.uuid() });

/** The iCalendar feeds' media type (RFC 5545); the body is text, documented as a string. */
export const ICALENDAR_MEDIA_TYPE = 'text/calendar';
export const icalendarBodySchema = z
  .string()
  .describe('An RFC 5545 VCALENDAR: one VEVENT per appointment, no patient names or notes');
