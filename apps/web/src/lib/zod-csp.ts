import { z } from 'zod';

// The API's Content-Security-Policy has script-src 'self' without 'unsafe-eval'. Zod 4 compiles a
// faster object parser with `new Function`, and first probes whether that is allowed: the browser
// blocks the probe and reports a CSP violation. `jitless` skips both (same results, interpreted).
// Zod reads the setting when each object schema is created, so it must run before any schema module
// is evaluated: main.tsx imports this file first.
z.config({ jitless: true });
