import { type SiteSummary, type UserRole, type UserSummary } from '@pumpdesk/contracts';
import { type ReactNode, useRef, useState } from 'react';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useUsers } from '../api/users-api.ts';
import { CreateUserForm } from './create-user-form.tsx';
import { UserActionPanel } from './user-action-panel.tsx';
import { type UserAction, UsersTable } from './users-table.tsx';
import '../users.css';

interface UsersPageProps {
  /** Active sites, from the sites feature (passed in by `src/app`). */
  sites: readonly SiteSummary[];
  /** The app's role names (the auth feature's), passed in by `src/app`. */
  roleLabels: Record<UserRole, string>;
  /** The signed-in admin: their own row offers no disable (the API refuses it too). */
  currentUserId: string | null;
  actions?: ReactNode;
}

/** Users as an admin manages them. */
export function UsersPage({ sites, roleLabels, currentUserId, actions }: UsersPageProps) {
  const query = useUsers();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<{ userId: string; action: UserAction } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const users = query.data?.items ?? [];
  const selectedUser = selected ? users.find((user) => user.id === selected.userId) : undefined;

  function done(text: string): void {
    setMessage(text);
    setSelected(null);
  }

  return (
    <div className="page users-page">
      <PageHeader
        title="Users"
        subtitle="Who can sign in, their role and their sites"
        actions={
          <>
            {actions}
            {!creating ? (
              <button
                ref={addButtonRef}
                type="button"
                className="button"
                onClick={() => {
                  setCreating(true);
                  setMessage(null);
                }}
              >
                Add a user
              </button>
            ) : null}
          </>
        }
      />
      <div role="status" className="users-page__message">
        {message ? <p className="notice">{message}</p> : null}
      </div>
      {creating ? (
        <CreateUserForm
          sites={sites}
          roleLabels={roleLabels}
          onCreated={(user: UserSummary) => {
            setCreating(false);
            setMessage(
              `${user.name} was added. Give them their first password in person or by phone; they must choose their own when they first sign in.`,
            );
          }}
          onCancel={() => {
            setCreating(false);
          }}
        />
      ) : null}
      {selected && selectedUser ? (
        <UserActionPanel
          key={`${selected.userId}:${selected.action}`}
          user={selectedUser}
          action={selected.action}
          onDone={done}
          onClose={() => {
            setSelected(null);
          }}
        />
      ) : null}
      {query.isPending ? <LoadingState what="users" /> : null}
      {query.isError && !query.data ? (
        <QueryError what="users" error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {query.data && users.length === 0 ? <EmptyState title="There are no users yet." /> : null}
      {users.length > 0 ? (
        <UsersTable
          users={users}
          sites={sites}
          roleLabels={roleLabels}
          currentUserId={currentUserId}
          busy={query.isFetching && !query.isPending}
          onAction={(user, action) => {
            setMessage(null);
            setSelected({ userId: user.id, action });
          }}
        />
      ) : null}
    </div>
  );
}
