import { randomUUID } from 'node:crypto';
import { type FastifyServerOptions } from 'fastify';
import { type AppConfig } from './config.ts';

/**
 * pino options. Logs carry request ids and never patient data or secrets: request logs keep only the
 * method, route and status (no query strings: they can hold a patient's name or MRN), and the paths
 * below are redacted wherever they appear.
 */
export function loggerOptions(config: AppConfig): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.givenName',
        '*.familyName',
        '*.dateOfBirth',
        '*.mrn',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        path: request.url.replace(/\?.*$/s, ''),
        id: request.id,
      }),
    },
  };
}

/** Accept a caller's request id when it looks like one (a proxy's), otherwise make a new one. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.-]{8,128}$/.test(header) ? header : randomUUID();
}
