import { type AppointmentDto } from '@pumpdesk/contracts';
import { useId, useState } from 'react';
import { useCloseAppointment } from '../api/close-appointment.ts';
import { type CloseAction, closeActionLabels, closeProblemMessage } from '../utils/appointment-labels.ts';

interface AppointmentActionsProps {
  appointment: AppointmentDto;
  /** Who and when, for the buttons' accessible names ("Mark done: Okafor, Adaeze at 09:30"). */
  context: string;
}

/**
 * Closing a booked appointment: done at once; no-show and cancel first ask (with an optional reason,
 * kept in the appointment's notes), since a close cannot be undone. Sends the version read: a 409
 * reloads the calendar and says what happened.
 */
export function AppointmentActions({ appointment, context }: AppointmentActionsProps) {
  const close = useCloseAppointment(appointment.id);
  const [confirming, setConfirming] = useState<Exclude<CloseAction, 'complete'> | null>(null);
  const [reason, setReason] = useState('');
  const reasonId = useId();

  function send(action: CloseAction): void {
    if (close.isPending) return;
    const trimmed = reason.trim();
    close.mutate(
      {
        action,
        version: appointment.version,
        reason: action === 'complete' ? undefined : trimmed || undefined,
      },
      {
        onSuccess: () => {
          setConfirming(null);
          setReason('');
        },
      },
    );
  }

  return (
    <div className="appointment-actions">
      {appointment.status !== 'booked' ? null : confirming === null ? (
        <div className="appointment-actions__buttons">
          {(['complete', 'no-show', 'cancel'] as const).map((action) => (
            <button
              key={action}
              type="button"
              className={
                action === 'complete' ? 'button button--small' : 'button button--secondary button--small'
              }
              disabled={close.isPending}
              aria-label={`${closeActionLabels[action]}: ${context}`}
              onClick={() => {
                close.reset();
                if (action === 'complete') send(action);
                else setConfirming(action);
              }}
            >
              {closeActionLabels[action]}
            </button>
          ))}
        </div>
      ) : (
        <form
          className="appointment-actions__confirm"
          aria-label={`${confirming === 'cancel' ? 'Cancel' : 'Record a no-show for'} ${context}`}
          onSubmit={(event) => {
            event.preventDefault();
            send(confirming);
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>Reason (optional)</label>
            <input
              id={reasonId}
              maxLength={500}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
              }}
            />
          </div>
          <div className="appointment-actions__buttons">
            <button type="submit" className="button button--small" disabled={close.isPending}>
              {close.isPending
                ? 'Saving…'
                : confirming === 'cancel'
                  ? 'Cancel appointment'
                  : 'Record no-show'}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={close.isPending}
              onClick={() => {
                setConfirming(null);
                close.reset();
              }}
            >
              Keep it booked
            </button>
          </div>
        </form>
      )}
      {close.isError ? (
        <p className="appointment-actions__error" role="alert">
          {closeProblemMessage(close.error)}
        </p>
      ) : null}
    </div>
  );
}
