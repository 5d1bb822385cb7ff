import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The list sits next to this module when it runs from source (vitest, tsx) and next to the bundle
 * when it runs as dist/server.js: build.mjs copies it there, and esbuild keeps `import.meta.url` as
 * the bundle's own address, so one relative URL finds it in both layouts.
 */
export const COMMON_PASSWORDS_FILE = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));

let commonPasswords: ReadonlySet<string> | undefined;

/** One entry per line, lower-case; lines starting with `#` are the file's notes (no entry does). */
export function parseCommonPasswords(text: string): ReadonlySet<string> {
  const entries = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    if (line !== '' && !line.startsWith('#')) entries.add(line);
  }
  return entries;
}

/** Read once, on the first password check, so starting the API does not pay for it. */
export function loadCommonPasswords(): ReadonlySet<string> {
  commonPasswords ??= parseCommonPasswords(readFileSync(COMMON_PASSWORDS_FILE, 'utf8'));
  return commonPasswords;
}

/** `candidate` must already be NFKC-normalised, trimmed and lower-cased, like the list. */
export function isCommonPassword(candidate: string): boolean {
  return loadCommonPasswords().has(candidate);
}
