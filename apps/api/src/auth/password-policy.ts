import { isCommonPassword } from './common-passwords.ts';
import { normalisePassword } from './password-hashing.ts';

/**
 * OWASP ASVS 5.0 §6.2 / NIST SP 800-63B: at least 8 characters (15 recommended), at least 64 allowed
 * (we allow 256), no composition rules (no "one upper-case, one digit"), and refuse passwords that are
 * known to be common or that repeat the account's own details.
 */
export const PASSWORD_RULES = { minLength: 8, recommendedLength: 15, maxLength: 256 } as const;

export type PasswordProblemCode = 'too_short' | 'too_long' | 'common' | 'context';

export type PasswordCheck = { ok: true } | { ok: false; code: PasswordProblemCode; message: string };

export interface PasswordContext {
  email?: string;
  name?: string;
}

const MESSAGES: Record<PasswordProblemCode, string> = {
  too_short: `Use at least ${PASSWORD_RULES.minLength} characters; ${PASSWORD_RULES.recommendedLength} or more is better.`,
  too_long: `Use at most ${PASSWORD_RULES.maxLength} characters.`,
  common:
    'This password is one of the most commonly used and easy to guess. Try a few unrelated words together.',
  context: 'Do not use your email address, your name or "PumpDesk" as your password.',
};

/** How people compare two words by eye: same letters, whatever the case or the spaces around them. */
function comparable(text: string): string {
  return normalisePassword(text).trim().toLowerCase();
}

/** The account's own details that a password must not repeat (empty ones are left out). */
function contextWords(context: PasswordContext): string[] {
  const words = ['pumpdesk'];
  if (context.email) {
    const email = comparable(context.email);
    const at = email.lastIndexOf('@');
    words.push(email, at > 0 ? email.slice(0, at) : email);
  }
  if (context.name) words.push(comparable(context.name));
  return words.filter((word) => word !== '');
}

function problem(code: PasswordProblemCode): PasswordCheck {
  return { ok: false, code, message: MESSAGES[code] };
}

/** Checks a new password (sign-up, change, reset); sign-in never applies the policy. */
export function checkNewPassword(password: string, context: PasswordContext): PasswordCheck {
  // Length in Unicode code points after normalisation, as ASVS asks: an emoji counts as one character.
  const length = Array.from(normalisePassword(password)).length;
  if (length < PASSWORD_RULES.minLength) return problem('too_short');
  if (length > PASSWORD_RULES.maxLength) return problem('too_long');

  const candidate = comparable(password);
  if (contextWords(context).includes(candidate)) return problem('context');
  if (isCommonPassword(candidate)) return problem('common');
  return { ok: true };
}
