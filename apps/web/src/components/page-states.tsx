import { type ReactNode } from 'react';

/** A region still loading: announced to screen readers, and a visible line of text (no bare spinner). */
export function LoadingState({ what }: { what: string }) {
  return (
    <p className="page-status" role="status">
      Loading {what}…
    </p>
  );
}

/** Nothing to show: says so in words, with what the user can do about it when there is something. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}
