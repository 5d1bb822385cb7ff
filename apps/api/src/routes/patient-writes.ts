import {
  ifMatchHeadersSchema,
  patientCreateSchema,
  patientDeleteQuerySchema,
  patientIdParamsSchema,
  patientRecordSchema,
  patientUpdateSchema,
} from '@pumpdesk/contracts';
import { createPatient, deletePatient, updatePatient } from '@pumpdesk/db';
import { type FastifyReply } from 'fastify';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, notFound } from '../http/problem.ts';
import { problemResponses } from '../http/route-schemas.ts';

// POST, PATCH and DELETE of a patient. Optimistic concurrency: the version read comes in the body
// (PATCH), the query (DELETE) or an `If-Match: "<version>"` header, the ETag the reads and writes set.
// The use cases' refusals (field rules, references, MRN taken...) go through to the central error handler.

export const patientWriteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/patients',
    {
      schema: {
        tags: ['patients'],
        summary:
          'Create a patient (status candidate unless given); the MRN must be free, the physician an active physician of the site',
        body: patientCreateSchema,
        response: { 201: patientRecordSchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const record = await createPatient(app.database.prisma, await request.currentUser(), {
        patient: request.body,
        now: new Date(),
      });
      withEtag(reply, record.version).header('location', `/api/patients/${record.id}`).code(201);
      return record;
    },
  );

  app.patch(
    '/patients/:id',
    {
      schema: {
        tags: ['patients'],
        summary:
          'Change some of a patient’s fields (with the version read); the result is judged like a create, and worklists follow',
        params: patientIdParamsSchema,
        headers: ifMatchHeadersSchema,
        body: patientUpdateSchema,
        response: { 200: patientRecordSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      const record = await updatePatient(app.database.prisma, await request.currentUser(), {
        id: request.params.id,
        expectedVersion: expectedVersion(version, request.headers['if-match'], 'body.version'),
        changes,
        now: new Date(),
      });
      if (!record) throw notFound(`No patient with id ${request.params.id}.`);
      withEtag(reply, record.version);
      return record;
    },
  );

  app.delete(
    '/patients/:id',
    {
      schema: {
        tags: ['patients'],
        summary:
          'Soft-delete a patient (with the version read): hidden from lists and detail, history kept; refused while a pump is implanted',
        params: patientIdParamsSchema,
        querystring: patientDeleteQuerySchema,
        headers: ifMatchHeadersSchema,
        response: {
          204: z.void().describe('Deleted: no content'),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const deleted = await deletePatient(app.database.prisma, await request.currentUser(), {
        id: request.params.id,
        expectedVersion: expectedVersion(
          request.query.version,
          request.headers['if-match'],
          'querystring.version',
        ),
        now: new Date(),
      });
      if (!deleted) throw notFound(`No patient with id ${request.params.id}.`);
      return reply.code(204).send();
    },
  );
};

/** `ETag: "<version>"`: what a client sends back in If-Match. */
export function withEtag(reply: FastifyReply, version: number): FastifyReply {
  return reply.header('etag', `"${String(version)}"`);
}

const IF_MATCH = /^\s*(?:W\/)?"(\d{1,9})"\s*$/;

/**
 * The version the client read, from the body/query field or the If-Match header (either; both only
 * when they agree). A write without one is refused: it would overwrite whatever is there.
 */
function expectedVersion(field: number | undefined, ifMatch: string | undefined, fieldPath: string): number {
  const invalid = (path: string, message: string, code: string) =>
    new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', `${path}: ${message}`, [
      { path, message, code },
    ]);
  let fromHeader: number | undefined;
  if (ifMatch !== undefined) {
    const match = IF_MATCH.exec(ifMatch);
    if (!match) throw invalid('headers.if-match', 'Send the ETag read, e.g. "3"', 'invalid_format');
    fromHeader = Number(match[1]);
  }
  if (field !== undefined && fromHeader !== undefined && field !== fromHeader) {
    throw invalid('headers.if-match', `Disagrees with ${fieldPath}`, 'version_mismatch');
  }
  const version = field ?? fromHeader;
  if (version === undefined) {
    throw invalid(fieldPath, 'The version read is required (or an If-Match header)', 'required');
  }
  return version;
}
