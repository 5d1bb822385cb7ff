import fastifyHelmet from '@fastify/helmet';
import { type FastifyInstance } from 'fastify';
import { API_DOCS_PREFIX } from './openapi.ts';

/** One year, with subdomains: browsers that reached us over TLS never try plain http again. */
export const HSTS_HEADER = 'max-age=31536000; includeSubDomains';

/**
 * The web app's policy. The built app is one module script and one stylesheet under /assets, so
 * nothing inline is allowed (React's `style` props go through the CSSOM, which CSP does not block).
 * `data:` images: index.html's empty favicon (`data:,`). No framing, no plugins, no foreign forms.
 */
export const APP_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI's policy (/api/docs only). Its scripts are files served by @fastify/swagger-ui (no CDN,
 * no inline script), but its stylesheet inlines SVG icons as data: URLs and its markdown and syntax
 * highlighting write style attributes, so styles may be inline here and nowhere else.
 */
export const DOCS_CSP_DIRECTIVES = {
  ...APP_CSP_DIRECTIVES,
  'style-src': ["'self'", "'unsafe-inline'"],
};

/**
 * Security headers on every response (the API, Swagger UI, the web app and its 404 fallback):
 * helmet's set with a strict CSP, no framing, no referrer; HSTS only on requests that came over TLS
 * (`request.protocol` honours X-Forwarded-Proto when TRUST_PROXY is set), so a plain-http install
 * never pins browsers to https it cannot serve. API responses are `no-store` unless the route chose
 * its own caching: they carry patient data, which neither browsers nor proxies may keep.
 * Register before the routes: the hooks apply to the routes registered after them.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  // Before helmet's own onRoute hook, which turns a route's `helmet` option into its config.
  app.addHook('onRoute', (route) => {
    if (isDocsUrl(route.url) && route.helmet === undefined) {
      route.helmet = { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP_DIRECTIVES } };
    }
  });
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP_DIRECTIVES },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_HEADER);
    if (isApiUrl(request.url) && !isDocsUrl(request.url) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}

function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function isDocsUrl(url: string): boolean {
  return url === API_DOCS_PREFIX || /^\/api\/docs[/?]/.test(url);
}
