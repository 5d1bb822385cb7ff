// Where the sign-in page sends the user afterwards. The path travels in the URL
// (`/sign-in?next=/patients%3Fq%3Dx`), which anyone can craft, so only a path on this origin is
// accepted: never another host (`//evil.example`, `https://…`, `/\evil.example`), never back to the
// sign-in page itself.

export const SIGN_IN_PATH = '/sign-in';
const HOME_PATH = '/';

/** `value` if it is a relative path on this origin, else the home page. */
export function safeNextPath(value: string | null | undefined, origin = window.location.origin): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return HOME_PATH;
  // Browsers read `\` as `/` in URLs (`/\evil.example` is another host); control characters have no
  // business in a path.
  if (/[\\\p{Cc}]/u.test(value)) return HOME_PATH;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return HOME_PATH;
  }
  if (url.origin !== origin || url.pathname === SIGN_IN_PATH) return HOME_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The page the browser is on: path, query and fragment. */
export function currentPath(): string {
  const { pathname, search, hash } = window.location;
  return `${pathname}${search}${hash}`;
}

export function isOnSignInPage(): boolean {
  return window.location.pathname === SIGN_IN_PATH;
}

/** `/sign-in`, with `next` when there is somewhere other than home to come back to. */
export function signInUrlFor(path: string): string {
  const next = safeNextPath(path);
  if (next === HOME_PATH) return SIGN_IN_PATH;
  // `/` stays readable in a query value (RFC 3986 §3.4); `?`, `&`, `=`, `#` are escaped.
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(next).replaceAll('%2F', '/')}`;
}

/** Where to go once signed in: the sign-in page's `next`, or home. */
export function nextPathAfterSignIn(search = window.location.search): string {
  return safeNextPath(new URLSearchParams(search).get('next'));
}

/**
 * Signed in while on the sign-in page: the address becomes `next` before anything renders with it
 * (screens and the navigation read their state from the URL).
 */
export function leaveSignInPageIfActive(session: { stage: string } | null): void {
  if (session?.stage === 'active' && isOnSignInPage()) {
    window.history.replaceState(null, '', nextPathAfterSignIn());
  }
}
