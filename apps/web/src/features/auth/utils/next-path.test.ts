import { describe, expect, it } from 'vitest';
import { nextPathAfterSignIn, safeNextPath, signInUrlFor } from './next-path.ts';

const ORIGIN = 'https://pumpdesk.example';

describe('the path to return to after signing in', () => {
  it('keeps a path on this origin with its query and fragment', () => {
    expect(safeNextPath('/patients?q=x&status=trial#top', ORIGIN)).toBe('/patients?q=x&status=trial#top');
    expect(safeNextPath('/', ORIGIN)).toBe('/');
  });

  it.each([
    ['another host, protocol-relative', '//evil.example/patients'],
    ['another host, absolute', 'https://evil.example/'],
    ['another scheme', 'javascript:alert(1)'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['an encoded newline', '/patients\n//evil.example'],
    ['a relative path', 'patients'],
    ['the sign-in page itself', '/sign-in?next=/patients'],
    ['nothing', null],
    ['empty', ''],
  ])('sends %s home', (_what, value) => {
    expect(safeNextPath(value, ORIGIN)).toBe('/');
  });

  it('is written into the sign-in URL readably and read back', () => {
    const url = signInUrlFor('/patients?q=x');
    expect(url).toBe('/sign-in?next=/patients%3Fq%3Dx');
    expect(nextPathAfterSignIn(new URL(url, ORIGIN).search)).toBe('/patients?q=x');
    expect(signInUrlFor('/')).toBe('/sign-in');
    expect(nextPathAfterSignIn('?next=//evil.example')).toBe('/');
  });
});
