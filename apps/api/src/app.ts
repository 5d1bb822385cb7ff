import { type Database, type MigrationFile } from '@pumpdesk/db';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type DestinationStream } from 'pino';
import { type AppConfig } from './config.ts';
import { loggerOptions, requestIdFor } from './logger.ts';
import { registerErrorHandler, routeNotFound, sendProblem } from './plugins/error-handler.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerAuthentication } from './plugins/authentication.ts';
import { isWebAppRoute, registerWebApp } from './plugins/web-app.ts';
import { doseProgramRoutes } from './routes/dose-programs.ts';
import { healthRoutes } from './routes/health.ts';
import { patientRoutes } from './routes/patients.ts';
import { pumpRoutes } from './routes/pumps.ts';
import { refillRoutes } from './routes/refills.ts';
import { reportRoutes } from './routes/reports.ts';
import { settingsRoutes } from './routes/settings.ts';
import { siteRoutes } from './routes/sites.ts';
import { worklistRoutes } from './routes/worklists.ts';
import { physicianReviewRoutes } from './routes/physician-review.ts';
import { visitRoutes } from './routes/visits.ts';
import { appointmentRoutes } from './routes/appointments.ts';
import { calendarFeedRoutes } from './routes/calendar-feeds.ts';
import { authRoutes } from './routes/auth.ts';
import { userRoutes } from './routes/users.ts';
import { sessionAdminRoutes } from './routes/sessions-admin.ts';
import { securitySettingsRoutes } from './routes/security-settings.ts';
import { siteAdminRoutes } from './routes/site-admin.ts';
import { auditEventRoutes } from './routes/audit-events.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    /** The migrations this build ships, read once at start-up (health compares the database to them). */
    expectedMigrations: readonly MigrationFile[];
  }
}

export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  expectedMigrations: readonly MigrationFile[];
  /** The clock sessions and sign-in read; tests pass a fake one. */
  clock?: () => Date;
  /** Where logs go instead of stdout (the log-redaction test reads them back). */
  logStream?: DestinationStream;
}

/**
 * Builds the Fastify app without listening (server.ts listens; tests call `app.inject`).
 * Order: infrastructure (validation, errors) → app decorations → the OpenAPI document (it collects the
 * routes registered after it) → routes → the web app.
 */
export async function buildApp({
  config,
  database,
  expectedMigrations,
  clock = () => new Date(),
  logStream,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, logStream),
    genReqId: (request) => requestIdFor(request.headers['x-request-id']),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Before anything that can answer early (authentication's 401s): its headers go on every response.
  await registerSecurityHeaders(app);

  app.decorate('database', database);
  app.decorate('expectedMigrations', expectedMigrations);
  await registerAuthentication(app, clock);
  // GET /api/openapi.json and Swagger UI at /api/docs.
  await registerOpenApi(app);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(siteRoutes);
      await api.register(patientRoutes);
      await api.register(settingsRoutes);
      await api.register(doseProgramRoutes);
      await api.register(refillRoutes);
      await api.register(pumpRoutes);
      await api.register(visitRoutes);
      await api.register(appointmentRoutes);
      await api.register(calendarFeedRoutes);
      await api.register(worklistRoutes);
      await api.register(physicianReviewRoutes);
      await api.register(reportRoutes);
      await api.register(userRoutes);
      await api.register(sessionAdminRoutes);
      await api.register(securitySettingsRoutes);
      await api.register(siteAdminRoutes);
      await api.register(auditEventRoutes);
    },
    { prefix: '/api' },
  );

  const webDistDir = config.webDistDir;
  if (webDistDir) await registerWebApp(app, webDistDir);
  // One not-found handler: the web app's own routes get index.html, everything else a problem.
  app.setNotFoundHandler((request, reply) =>
    webDistDir && isWebAppRoute(request.method, request.url)
      ? reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html')
      : sendProblem(request, reply, routeNotFound(request)),
  );
  return app;
}
