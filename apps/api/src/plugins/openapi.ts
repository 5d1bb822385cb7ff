import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import apiPackage from '../../package.json' with { type: 'json' };

/** The OpenAPI document, generated from the routes' zod schemas. */
export const OPENAPI_JSON_PATH = '/api/openapi.json';
/** Swagger UI (its assets come from the @fastify/swagger-ui package: no CDN, works offline). */
export const API_DOCS_PREFIX = '/api/docs';

/**
 * The tags operations are grouped by in the document and the UI. A route's `schema.tags` must use one
 * of these (the OpenAPI test checks it).
 */
export const API_TAGS = [
  { name: 'operations', description: 'Health and readiness of the running service' },
  { name: 'auth', description: 'Sign-in, the second factor, the own password, sign-out' },
  { name: 'sites', description: "The clinic's sites" },
  { name: 'patients', description: 'The caseload: the patient list and search, one patient in detail' },
  { name: 'settings', description: "The clinic's thresholds the scheduling engine computes with" },
  { name: 'pumps', description: 'Implants, interrogations, explants and replacements' },
  {
    name: 'dose programs',
    description: "A pump's dose programs, judged by the engine's titration and safety checks",
  },
  { name: 'refills', description: "Refills, judged by the engine's safety checks; amendments" },
  { name: 'visits', description: 'Follow-up visits with their spasticity scores, and screening trials' },
  { name: 'appointments', description: 'Booking, rescheduling and closing appointments; iCalendar feeds' },
  {
    name: 'worklists',
    description: 'Who needs a refill, a battery replacement or a review, most urgent first',
  },
  { name: 'reports', description: 'Caseload figures for managers: JSON and CSV' },
  { name: 'users', description: 'User accounts (admins): create, change, disable, reset passwords' },
  { name: 'sessions', description: 'Live sessions (admins): list and end them' },
  { name: 'security', description: 'Session lifetimes and the second-factor rule (admins)' },
  { name: 'audit', description: 'The audit trail (admins and managers): filters and CSV' },
] as const;

/**
 * Registers the OpenAPI 3.1 document and Swagger UI. Must be registered before the routes: the
 * document is built from the routes registered after it (its `onRoute` hook collects them). Routes
 * with `schema.hide` (the docs themselves, the web app's static files) stay out of the document.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'PumpDesk API',
        version: apiPackage.version,
        description:
          'The HTTP API of PumpDesk, the dashboard of an intrathecal baclofen pump clinic. Errors are ' +
          'RFC 9457 problem details (`application/problem+json`) with a stable `code`.',
      },
      // Relative: the document describes whichever host serves it (paths already start with /api).
      servers: [{ url: '/', description: 'This PumpDesk server' }],
      tags: [...API_TAGS],
    },
    transform: jsonSchemaTransform,
    // Adds the zod schemas registered with an id (`.meta({ id })`) to components.schemas.
    transformObject: jsonSchemaTransformObject,
  });

  // The API's description is public (it holds no data): Swagger UI's routes need no session.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(API_DOCS_PREFIX)) route.config = { ...route.config, access: 'public' };
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: API_DOCS_PREFIX,
    uiConfig: { docExpansion: 'list', deepLinking: true },
    theme: { title: 'PumpDesk API' },
  });

  app.get(OPENAPI_JSON_PATH, { schema: { hide: true }, logLevel: 'warn', config: { access: 'public' } }, () =>
    app.swagger(),
  );
}
