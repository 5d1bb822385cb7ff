import { emailSchema, type UserCreateBody, type UserRole } from '@pumpdesk/contracts';
import { ApiError } from '../../../lib/api-client.ts';

// The checks the form can make before sending: the password's length (counted as the API counts it:
// code points after NFKC, docs/security.md); the common-password list and the name/email rule are the
// API's, and its answer lands under the same field.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const PASSWORD_RULES: readonly string[] = [
  `At least ${PASSWORD_MIN_LENGTH} characters (15 or more is better), at most ${PASSWORD_MAX_LENGTH}.`,
  'Not a commonly used password, and not the user’s email, name or “PumpDesk”.',
  'The user must choose their own password when they first sign in.',
];

export function passwordProblem(password: string): string | null {
  const length = Array.from(password.normalize('NFKC')).length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return null;
}

export interface NewUserValues {
  name: string;
  email: string;
  role: UserRole | '';
  allSites: boolean;
  siteIds: string[];
  password: string;
}

export type NewUserField = 'name' | 'email' | 'role' | 'sites' | 'password';
export type NewUserErrors = Partial<Record<NewUserField | 'form', string>>;

export const emptyNewUser: NewUserValues = {
  name: '',
  email: '',
  role: '',
  allSites: false,
  siteIds: [],
  password: '',
};

export function validateNewUser(
  values: NewUserValues,
): { ok: true; body: UserCreateBody } | { ok: false; errors: NewUserErrors } {
  const errors: NewUserErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Enter the user’s name.';
  else if (name.length > 200) errors.name = 'Use at most 200 characters.';
  const email = emailSchema.safeParse(values.email);
  if (!values.email.trim()) errors.email = 'Enter the user’s email address (their sign-in name).';
  else if (!email.success) errors.email = 'Enter a valid email address, like name@example.org.';
  if (values.role === '') errors.role = 'Choose a role.';
  // Admins work at every site; everyone else sees only the patients of their sites.
  if (values.role !== 'admin' && values.role !== '' && !values.allSites && values.siteIds.length === 0) {
    errors.sites = 'Choose at least one site, or every site.';
  }
  const password = passwordProblem(values.password);
  if (password) errors.password = password;
  if (Object.keys(errors).length > 0 || values.role === '' || !email.success) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name,
      email: email.data,
      role: values.role,
      allSites: values.allSites,
      siteIds: values.allSites ? [] : values.siteIds,
      password: values.password,
    },
  };
}

/** The API's refusal on the fields it names, or as one sentence for the form. */
export function newUserServerErrors(error: unknown): NewUserErrors {
  if (!(error instanceof ApiError)) return { form: 'The user could not be created. Try again.' };
  if (error.code === 'EMAIL_TAKEN') return { email: 'Another user already has this email address.' };
  const errors: NewUserErrors = {};
  for (const fieldError of error.fieldErrors) {
    const field = fieldError.path.split('.')[1];
    const key: NewUserField | 'form' =
      field === 'name' || field === 'email' || field === 'role' || field === 'password'
        ? field
        : field === 'siteIds' || field === 'allSites'
          ? 'sites'
          : 'form';
    errors[key] ??= fieldError.message;
  }
  if (Object.keys(errors).length === 0) errors.form = userProblemMessage(error);
  return errors;
}

/** A refused change to a user, in words an admin can act on. */
export function userProblemMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The change could not be saved. Try again.';
  switch (error.code) {
    case 'EMAIL_TAKEN':
      return 'Another user already has this email address.';
    case 'LAST_ADMIN':
      return 'This is the last active administrator: they cannot be disabled or demoted. Make another user an administrator first.';
    case 'OWN_ADMIN_ACCOUNT':
      return 'You cannot disable your own account or remove your own administrator role. Ask another administrator.';
    case 'VERSION_CONFLICT':
      return 'Someone else changed this user since the list was loaded. The list has been reloaded: check it and try again.';
    case 'SECOND_FACTOR_NOT_ENABLED':
      return 'This user has no authenticator app to reset.';
    default:
      return error.detail ? `${error.title}: ${error.detail}` : error.title;
  }
}
