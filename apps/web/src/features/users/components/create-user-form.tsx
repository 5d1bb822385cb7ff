import { type SiteSummary, type UserRole, type UserSummary, userRoleSchema } from '@pumpdesk/contracts';
import { useRef, useState } from 'react';
import { createUser, useUserMutation } from '../api/users-api.ts';
import {
  emptyNewUser,
  type NewUserErrors,
  type NewUserField,
  newUserServerErrors,
  type NewUserValues,
  validateNewUser,
} from '../utils/user-form.ts';
import { PasswordRules } from './password-rules.tsx';

interface CreateUserFormProps {
  sites: readonly SiteSummary[];
  roleLabels: Record<UserRole, string>;
  onCreated: (user: UserSummary) => void;
  onCancel: () => void;
}

const FIELD_ORDER: readonly NewUserField[] = ['name', 'email', 'role', 'sites', 'password'];

/** A new user with a first password, which they must change at their first sign-in. */
export function CreateUserForm({ sites, roleLabels, onCreated, onCancel }: CreateUserFormProps) {
  const [values, setValues] = useState<NewUserValues>(emptyNewUser);
  const [errors, setErrors] = useState<NewUserErrors>({});
  const create = useUserMutation(createUser);
  const formRef = useRef<HTMLFormElement>(null);

  function change<Key extends keyof NewUserValues>(key: Key, value: NewUserValues[Key]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function focusFirst(found: NewUserErrors): void {
    const first = FIELD_ORDER.find((field) => found[field]);
    const target = first ? formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`) : null;
    target?.focus();
  }

  function submit(): void {
    if (create.isPending) return;
    const checked = validateNewUser(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirst(checked.errors);
      return;
    }
    setErrors({});
    create.mutate(checked.body, {
      onSuccess: (user) => {
        setValues(emptyNewUser);
        onCreated(user);
      },
      onError: (error) => {
        const found = newUserServerErrors(error);
        setErrors(found);
        focusFirst(found);
      },
    });
  }

  const describedBy = (field: NewUserField, hint?: string) =>
    [errors[field] ? `new-user-${field}-error` : null, hint ?? null].filter(Boolean).join(' ') || undefined;
  const error = (field: NewUserField) =>
    errors[field] ? (
      <p id={`new-user-${field}-error`} className="field__error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form
      ref={formRef}
      className="create-user"
      aria-labelledby="create-user-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 id="create-user-title" className="create-user__title">
        Add a user
      </h2>
      {errors.form ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__message">{errors.form}</p>
        </div>
      ) : null}
      <div className="create-user__row">
        <div className="field field--grow">
          <label htmlFor="new-user-name">Name</label>
          <input
            id="new-user-name"
            data-field="name"
            autoComplete="off"
            maxLength={200}
            value={values.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy('name')}
            onChange={(event) => {
              change('name', event.target.value);
            }}
          />
          {error('name')}
        </div>
        <div className="field field--grow">
          <label htmlFor="new-user-email">Email (their sign-in name)</label>
          <input
            id="new-user-email"
            data-field="email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={values.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy('email')}
            onChange={(event) => {
              change('email', event.target.value);
            }}
          />
          {error('email')}
        </div>
        <div className="field">
          <label htmlFor="new-user-role">Role</label>
          <select
            id="new-user-role"
            data-field="role"
            value={values.role}
            aria-invalid={errors.role ? true : undefined}
            aria-describedby={describedBy('role')}
            onChange={(event) => {
              const parsed = userRoleSchema.safeParse(event.target.value);
              change('role', parsed.success ? parsed.data : '');
            }}
          >
            <option value="">Choose a role</option>
            {userRoleSchema.options.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
          {error('role')}
        </div>
      </div>
      <fieldset className="create-user__sites" aria-describedby={describedBy('sites', 'new-user-sites-hint')}>
        <legend>Sites</legend>
        <p id="new-user-sites-hint" className="field__hint">
          Users see the patients of their sites only. Administrators work at every site.
        </p>
        <label className="checkbox">
          <input
            type="checkbox"
            data-field="sites"
            checked={values.allSites}
            onChange={(event) => {
              change('allSites', event.target.checked);
            }}
          />
          Every site, including sites added later
        </label>
        <div className="create-user__site-list">
          {sites.map((site) => (
            <label key={site.id} className="checkbox">
              <input
                type="checkbox"
                disabled={values.allSites}
                checked={values.allSites || values.siteIds.includes(site.id)}
                onChange={(event) => {
                  change(
                    'siteIds',
                    event.target.checked
                      ? [...values.siteIds, site.id]
                      : values.siteIds.filter((id) => id !== site.id),
                  );
                }}
              />
              {site.name}
            </label>
          ))}
        </div>
        {error('sites')}
      </fieldset>
      <div className="field create-user__password">
        <label htmlFor="new-user-password">First password</label>
        <input
          id="new-user-password"
          data-field="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy('password', 'new-user-password-rules')}
          onChange={(event) => {
            change('password', event.target.value);
          }}
        />
        {error('password')}
        <PasswordRules id="new-user-password-rules" />
      </div>
      <div className="create-user__actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={onCancel}
          disabled={create.isPending}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
