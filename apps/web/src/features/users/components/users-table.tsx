import { type SiteSummary, type UserRole, type UserSummary } from '@pumpdesk/contracts';

export type UserAction = 'disable' | 'enable' | 'password' | 'second-factor';

interface UsersTableProps {
  users: readonly UserSummary[];
  sites: readonly SiteSummary[];
  roleLabels: Record<UserRole, string>;
  currentUserId: string | null;
  busy: boolean;
  onAction: (user: UserSummary, action: UserAction) => void;
}

export function UsersTable({ users, sites, roleLabels, currentUserId, busy, onAction }: UsersTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table users-table" aria-busy={busy}>
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Sites</th>
            <th scope="col">Status</th>
            <th scope="col">Second factor</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const isSelf = user.id === currentUserId;
            return (
              <tr key={user.id} className={user.active ? undefined : 'users-table__row--disabled'}>
                <th scope="row" className="data-table__name">
                  {user.name}
                  {isSelf ? <span className="muted"> (you)</span> : null}
                </th>
                <td className="users-table__email">
                  <EmailText email={user.email} />
                </td>
                <td>{roleLabels[user.role]}</td>
                <td>{siteNames(user, sites)}</td>
                <td>
                  {user.active ? 'Active' : <strong>Disabled</strong>}
                  {user.active && user.mustChangePassword ? (
                    <span className="users-table__note">Must choose a new password</span>
                  ) : null}
                </td>
                <td>{user.totpEnabled ? 'Authenticator app' : <span className="muted">None</span>}</td>
                <td>
                  <div className="users-table__actions">
                    {user.active && !isSelf ? (
                      <ActionButton user={user} action="disable" label="Disable" onAction={onAction} />
                    ) : null}
                    {!user.active ? (
                      <ActionButton user={user} action="enable" label="Enable" onAction={onAction} />
                    ) : null}
                    {!isSelf ? (
                      <ActionButton
                        user={user}
                        action="password"
                        label="Reset password"
                        onAction={onAction}
                      />
                    ) : null}
                    {user.totpEnabled && !isSelf ? (
                      <ActionButton
                        user={user}
                        action="second-factor"
                        label="Reset second factor"
                        onAction={onAction}
                      />
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ActionButton(props: {
  user: UserSummary;
  action: UserAction;
  label: string;
  onAction: (user: UserSummary, action: UserAction) => void;
}) {
  return (
    <button
      type="button"
      className="button button--secondary users-table__button"
      aria-label={`${props.label} for ${props.user.name}`}
      onClick={() => {
        props.onAction(props.user, props.action);
      }}
    >
      {props.label}
    </button>
  );
}

function siteNames(user: UserSummary, sites: readonly SiteSummary[]): string {
  if (user.allSites || user.role === 'admin') return 'All sites';
  if (user.siteIds.length === 0) return 'None';
  const names = user.siteIds.map((id) => sites.find((site) => site.id === id)?.name);
  const known = names.filter((name): name is string => name !== undefined);
  const others = names.length - known.length;
  if (others > 0) known.push(others === 1 ? '1 inactive site' : `${others} inactive sites`);
  return known.join(', ');
}

/** Breaks after the @ when the column is narrow, never in the middle of a word. */
function EmailText({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}
