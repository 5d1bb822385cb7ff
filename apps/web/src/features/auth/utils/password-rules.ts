import { ApiError } from '../../../lib/api-client.ts';

// The password rules the form can check before sending (docs/security.md, ASVS 5.0 §6.2): length
// only, counted like the API counts (code points after NFKC). The common-password list and the
// name/email check are the API's; its answer lands on the same fields.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';
export type PasswordErrors = Partial<Record<PasswordField, string>>;

export function passwordLength(password: string): number {
  // Code points, not UTF-16 units and not graphemes: the API's count.
  return Array.from(password.normalize('NFKC')).length;
}

export function checkNewPassword(values: Record<PasswordField, string>): PasswordErrors {
  const errors: PasswordErrors = {};
  if (!values.currentPassword) errors.currentPassword = 'Enter your current password.';
  const length = passwordLength(values.newPassword);
  if (length < PASSWORD_MIN_LENGTH) {
    errors.newPassword = `Use at least ${PASSWORD_MIN_LENGTH} characters (15 or more is better).`;
  } else if (length > PASSWORD_MAX_LENGTH) {
    errors.newPassword = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  } else if (values.newPassword === values.currentPassword) {
    errors.newPassword = 'Choose a password different from the current one.';
  }
  if (!errors.newPassword && values.confirmPassword !== values.newPassword) {
    errors.confirmPassword = 'The two new passwords are not the same.';
  }
  return errors;
}

/** The API's answer on the fields it names (`body.newPassword`), or a wrong current password (401). */
export function passwordFieldErrors(error: unknown): PasswordErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: PasswordErrors = {};
  for (const fieldError of error.fieldErrors) {
    if (fieldError.path === 'body.newPassword') errors.newPassword ??= fieldError.message;
    if (fieldError.path === 'body.currentPassword') errors.currentPassword ??= fieldError.message;
  }
  if (error.status === 401 && error.code !== 'UNAUTHENTICATED' && !errors.currentPassword) {
    errors.currentPassword = 'The current password is not correct.';
  }
  return errors;
}
