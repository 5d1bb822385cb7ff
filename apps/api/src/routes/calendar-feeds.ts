import {
  appointmentKindLabels,
  appointmentSiteParamsSchema,
  calendarClinicianParamsSchema,
  calendarFeedTokenSchema,
  ICALENDAR_MEDIA_TYPE,
  icalendarBodySchema,
} from '@pumpdesk/contracts';
import {
  type CalendarFeed,
  type CalendarFeedAppointment,
  clinicianCalendarFeed,
  issueCalendarFeedToken,
  type Principal,
  principalForCalendarFeedToken,
  siteCalendarFeed,
} from '@pumpdesk/db';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hashToken, newSessionToken } from '../auth/tokens.ts';
import { type ICalEvent, writeCalendar } from '../http/icalendar.ts';
import { problemResponses } from '../http/route-schemas.ts';
import { unauthenticated } from '../plugins/authentication.ts';

// iCalendar feeds (RFC 5545) a phone or a shared calendar subscribes to: 30 days back to a year ahead.
// PRIVACY: a feed leaves the app, so an event says what and where but not who: the kind and the MRN
// ("Refill — MRN 12345"), never the patient's name, never the notes.
// ACCESS: calendar apps cannot sign in, so a feed URL carries the user's feed token (`?token=`, issued
// by POST /api/auth/calendar-feed-token; only its hash is stored). The feed is read as the token's
// owner: their role and sites, audited as them. No or an unknown token: 401.

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
  ...problemResponses(400, 401, 403, 404),
};

/** The feed token: optional in the schema so that a URL without one is a 401, not a 400. */
const feedQuerySchema = z.object({
  token: z.string().max(200).optional().describe('The feed token (POST /api/auth/calendar-feed-token)'),
});

async function feedOwner(
  request: FastifyRequest,
  token: string | undefined,
  prisma: Parameters<typeof principalForCalendarFeedToken>[0],
): Promise<Principal> {
  const owner = token
    ? await principalForCalendarFeedToken(prisma, hashToken(token), request.id, request.ip)
    : null;
  if (!owner) throw unauthenticated();
  return owner;
}

export const calendarFeedRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.database.prisma;

  app.post(
    '/auth/calendar-feed-token',
    {
      schema: {
        tags: ['appointments'],
        summary:
          'A new secret token for the calendar feed URLs (`?token=`), read as you; the previous token stops working',
        response: { 200: calendarFeedTokenSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const principal = await request.currentUser();
      const token = newSessionToken();
      await issueCalendarFeedToken(prisma, principal, hashToken(token));
      return {
        token,
        clinicianFeedPath: `/api/clinicians/${principal.userId}/calendar.ics?token=${encodeURIComponent(token)}`,
      };
    },
  );

  app.get(
    '/sites/:siteId/calendar.ics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['appointments'],
        summary:
          'The site’s appointments as an iCalendar feed (30 days back, a year ahead); events name the kind and MRN, never the patient',
        params: appointmentSiteParamsSchema,
        querystring: feedQuerySchema,
        response: feedResponses,
      },
    },
    async (request, reply) => {
      const owner = await feedOwner(request, request.query.token, prisma);
      const now = new Date();
      // An unknown site, or one the token's owner does not work at: a 404 from the error handler.
      const feed = await siteCalendarFeed(prisma, owner, request.params.siteId, now);
      return sendFeed(reply, feed, now);
    },
  );

  app.get(
    '/clinicians/:userId/calendar.ics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['appointments'],
        summary:
          'A clinician’s appointments at the token owner’s sites as an iCalendar feed (30 days back, a year ahead); no patient names',
        params: calendarClinicianParamsSchema,
        querystring: feedQuerySchema,
        response: feedResponses,
      },
    },
    async (request, reply) => {
      const owner = await feedOwner(request, request.query.token, prisma);
      const now = new Date();
      const feed = await clinicianCalendarFeed(prisma, owner, request.params.userId, now);
      return sendFeed(reply, feed, now);
    },
  );
};
