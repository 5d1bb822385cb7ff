import {
  appointmentCloseSchema,
  appointmentCreateSchema,
  appointmentIdParamsSchema,
  appointmentPageSchema,
  appointmentSchema,
  appointmentSiteParamsSchema,
  appointmentUpdateSchema,
  patientAppointmentsQuerySchema,
  siteAppointmentListSchema,
  siteAppointmentsQuerySchema,
  visitPatientParamsSchema,
} from '@pumpdesk/contracts';
import {
  type AppointmentClosing,
  closeAppointment,
  createAppointment,
  listPatientAppointments,
  listSiteAppointments,
  rescheduleAppointment,
} from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses, writeContextOf } from '../http/route-schemas.ts';

const CLOSINGS: { path: string; to: AppointmentClosing; summary: string }[] = [
  {
    path: 'cancel',
    to: 'cancelled',
    summary: 'Cancel a booked appointment (its calendar event shows as cancelled)',
  },
  { path: 'complete', to: 'done', summary: 'Mark a booked appointment as done' },
  { path: 'no-show', to: 'no_show', summary: 'Mark a booked appointment as a no-show' },
];

// Appointments: booked → done | cancelled | no-show, moved only while booked. Every write refreshes the
// patient's computed dates: a booked refill appointment decides NO_APPOINTMENT_BY_DUE_DATE. The use
// cases' refusals go through to the central error handler.
export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/patients/:patientId/appointments',
    {
      schema: {
        tags: ['appointments'],
        summary:
          'Book an appointment (not more than an hour in the past; not overlapping another booked appointment of the patient)',
        params: visitPatientParamsSchema,
        body: appointmentCreateSchema,
        response: { 201: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const appointment = await createAppointment(
        app.database.prisma,
        request.params.patientId,
        request.body,
        await writeContextOf(request),
      );
      return reply.code(201).send(appointment);
    },
  );

  app.get(
    '/patients/:patientId/appointments',
    {
      schema: {
        tags: ['appointments'],
        summary: 'A patient’s appointments by start time, filtered by status and start window',
        params: visitPatientParamsSchema,
        querystring: patientAppointmentsQuerySchema,
        response: { 200: appointmentPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listPatientAppointments(
        app.database.prisma,
        await request.currentUser(),
        request.params.patientId,
        request.query,
      ),
  );

  app.get(
    '/sites/:siteId/appointments',
    {
      schema: {
        tags: ['appointments'],
        summary:
          'A site’s day list (or up to 31 days) in the site’s own calendar, by start time, with patient, MRN, kind and clinician',
        params: appointmentSiteParamsSchema,
        querystring: siteAppointmentsQuerySchema,
        response: { 200: siteAppointmentListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listSiteAppointments(
        app.database.prisma,
        await request.currentUser(),
        request.params.siteId,
        request.query,
        new Date(),
      ),
  );

  app.patch(
    '/appointments/:appointmentId',
    {
      schema: {
        tags: ['appointments'],
        summary: 'Reschedule or reassign a booked appointment (with the version read)',
        params: appointmentIdParamsSchema,
        body: appointmentUpdateSchema,
        response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      rescheduleAppointment(
        app.database.prisma,
        request.params.appointmentId,
        request.body,
        await writeContextOf(request),
      ),
  );

  for (const closing of CLOSINGS) {
    app.post(
      `/appointments/:appointmentId/${closing.path}`,
      {
        schema: {
          tags: ['appointments'],
          summary: closing.summary,
          params: appointmentIdParamsSchema,
          body: appointmentCloseSchema,
          response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        closeAppointment(
          app.database.prisma,
          request.params.appointmentId,
          closing.to,
          request.body,
          await writeContextOf(request),
        ),
    );
  }
};
