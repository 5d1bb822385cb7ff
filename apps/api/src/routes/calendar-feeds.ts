import {
  appointmentKindLabels,
  appointmentSiteParamsSchema,
  calendarClinicianParamsSchema,
  ICALENDAR_MEDIA_TYPE,
  icalendarBodySchema,
} from '@pumpdesk/contracts';
import {
  type CalendarFeed,
  type CalendarFeedAppointment,
  clinicianCalendarFeed,
  siteCalendarFeed,
} from '@pumpdesk/db';
import { type FastifyReply } from 'fastify';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type ICalEvent, writeCalendar } from '../http/icalendar.ts';
import { notFound } from '../http/problem.ts';
import { problemResponses } from '../http/route-schemas.ts';

// iCalendar feeds (RFC 5545) a phone or a shared calendar subscribes to: 30 days back to a year ahead.
// PRIVACY: a feed leaves the app, so an event says what and where but not who: the kind and the MRN
// ("Refill — MRN 12345"), never the patient's name, never the notes.

const PRODUCT_ID = '-//PumpDesk//Appointments//EN';

const STATUS_SUFFIX: Record<CalendarFeedAppointment['status'], string> = {
  booked: '',
  done: ' (done)',
  cancelled: ' (cancelled)',
  no_show: ' (no-show)',
};

/** One appointment as an event: UID stable per appointment, SEQUENCE its version. */
export function toCalendarEvent(appointment: CalendarFeedAppointment): ICalEvent {
  return {
    uid: `${appointment.id}@pumpdesk`,
    start: appointment.startsAt,
    end: appointment.endsAt,
    summary: `${appointmentKindLabels[appointment.kind]} — MRN ${appointment.mrn}${STATUS_SUFFIX[appointment.status]}`,
    location: appointment.atHome ? `Home visit (${appointment.siteName})` : appointment.siteName,
    description: appointment.clinicianName ? `Clinician: ${appointment.clinicianName}` : null,
    status: appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: appointment.version,
    created: appointment.createdAt,
    lastModified: appointment.updatedAt,
  };
}

function sendFeed(reply: FastifyReply, feed: CalendarFeed, now: Date): FastifyReply {
  const body = writeCalendar({
    productId: PRODUCT_ID,
    name: `PumpDesk — ${feed.name}`,
    timeZone: feed.timeZone,
    generatedAt: now,
    events: feed.appointments.map(toCalendarEvent),
  });
  // A string with a non-JSON type is sent as is (no JSON serializer); never cached by shared caches.
  return reply
    .type(`${ICALENDAR_MEDIA_TYPE}; charset=utf-8`)
    .header('Cache-Control', 'private, no-cache')
    .send(body);
}

const feedResponses = {
  200: {
    description: 'The iCalendar feed (RFC 5545)',
    content: { [ICALENDAR_MEDIA_TYPE]: { schema: icalendarBodySchema } },
  },
  ...problemResponses(400, 404),
};

export const calendarFeedRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sites/:siteId/calendar.ics',
    {
      schema: {
        tags: ['appointments'],
        summary:
          'The site’s appointments as an iCalendar feed (30 days back, a year ahead); events name the kind and MRN, never the patient',
        params: appointmentSiteParamsSchema,
        response: feedResponses,
      },
    },
    async (request, reply) => {
      const now = new Date();
      const feed = await siteCalendarFeed(app.database.prisma, request.params.siteId, now);
      if (!feed) throw notFound(`No site with id ${request.params.siteId}.`);
      return sendFeed(reply, feed, now);
    },
  );

  app.get(
    '/clinicians/:userId/calendar.ics',
    {
      schema: {
        tags: ['appointments'],
        summary:
          'A clinician’s appointments at every site as an iCalendar feed (30 days back, a year ahead); no patient names',
        params: calendarClinicianParamsSchema,
        response: feedResponses,
      },
    },
    async (request, reply) => {
      const now = new Date();
      const feed = await clinicianCalendarFeed(app.database.prisma, request.params.userId, now);
      if (!feed) throw notFound(`No user with id ${request.params.userId}.`);
      return sendFeed(reply, feed, now);
    },
  );
};
