import {
  APPOINTMENT_DEFAULT_MINUTES,
  APPOINTMENT_MAX_MINUTES,
  APPOINTMENT_MIN_MINUTES,
  type AppointmentDto,
} from '@pumpdesk/contracts';
import { type SubmitEvent, useEffect, useId, useRef, useState } from 'react';
import { isCalendarDate } from '@pumpdesk/domain';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formatInstant } from '../../../lib/format.ts';
import { useSaveAppointment } from '../api/save-appointment.ts';
import { instantToWallTime, wallTimeToInstant } from '../../../lib/wall-time.ts';

interface AppointmentFormProps {
  patient: { id: string; name: string };
  site: { id: string; name: string; timeZone: string };
  /** The booked appointment to move; none: book a new refill appointment. */
  appointment: AppointmentDto | undefined;
  /** The site's today (`YYYY-MM-DD`): the earliest day offered. */
  today: string;
  /** The first day suggested for a new booking (the due date when it is still ahead). */
  suggestedDate: string;
  onSaved: (appointment: AppointmentDto) => void;
  onCancel: () => void;
}

interface FieldErrors {
  when?: string;
  duration?: string;
}

const DEFAULT_TIME = '09:00';

/**
 * Book or move a refill appointment, inline under the worklist row. Day and time are on the site's
 * wall clock (whatever the computer's zone) and sent as an instant. A refusal (an overlap, someone
 * else's change) is shown with what was typed still in place.
 */
export function AppointmentForm(props: AppointmentFormProps) {
  const { appointment, site } = props;
  const moving = appointment !== undefined;
  const timeZone = appointment?.site.timeZone ?? site.timeZone;
  const initial = appointment
    ? instantToWallTime(new Date(appointment.startsAt), timeZone)
    : { date: props.suggestedDate, time: DEFAULT_TIME };
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [duration, setDuration] = useState(
    String(appointment?.durationMinutes ?? APPOINTMENT_DEFAULT_MINUTES),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<{ title: string; detail: string | undefined } | null>(null);
  const save = useSaveAppointment();
  const id = useId();
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const title = `${moving ? 'Move the refill appointment' : 'Book a refill appointment'} for ${props.patient.name}`;

  function submit(event: SubmitEvent): void {
    event.preventDefault();
    if (save.isPending) return;
    const found: FieldErrors = {};
    const startsAt = wallTimeToInstant(date, time, timeZone);
    if (!startsAt.ok) {
      found.when =
        startsAt.reason === 'nonexistent'
          ? `That time does not exist in ${timeZone} on that day (the clocks change): choose another.`
          : 'Enter a day and a time.';
    }
    const minutes = Number(duration);
    if (!/^\d+$/.test(duration) || minutes < APPOINTMENT_MIN_MINUTES || minutes > APPOINTMENT_MAX_MINUTES) {
      found.duration = `Enter whole minutes from ${APPOINTMENT_MIN_MINUTES} to ${APPOINTMENT_MAX_MINUTES}.`;
    }
    setErrors(found);
    setProblem(null);
    if (!startsAt.ok || found.duration) return;
    const startsAtIso = startsAt.instant.toISOString();
    save.mutate(
      appointment
        ? {
            action: 'move',
            appointmentId: appointment.id,
            body: { version: appointment.version, startsAt: startsAtIso, durationMinutes: minutes },
          }
        : {
            action: 'book',
            patientId: props.patient.id,
            body: { kind: 'refill', startsAt: startsAtIso, durationMinutes: minutes, siteId: site.id },
          },
      {
        onSuccess: (saved) => {
          props.onSaved(saved);
        },
        onError: (error) => {
          const shown = describeFailure(error);
          setErrors(shown.fields);
          setProblem(shown.problem);
        },
      },
    );
  }

  const whenErrorId = `${id}-when-error`;
  const durationErrorId = `${id}-duration-error`;
  return (
    <form
      className="appointment-form"
      aria-label={title}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          props.onCancel();
        }
      }}
    >
      <h3 className="appointment-form__title">{title}</h3>
      {moving ? (
        <p className="appointment-form__current">
          Now booked for {formatInstant(appointment.startsAt, timeZone)} at {appointment.site.name}.
        </p>
      ) : null}
      {problem ? (
        <div className="alert alert--error appointment-form__problem" role="alert">
          <p className="alert__message">
            <strong>{problem.title}</strong>
            {problem.detail ? ` ${problem.detail}` : null}
          </p>
        </div>
      ) : null}
      <div className="appointment-form__fields">
        <div className="field">
          <label htmlFor={`${id}-date`}>Day</label>
          <input
            ref={firstField}
            id={`${id}-date`}
            type="date"
            required
            min={props.today}
            value={date}
            aria-invalid={errors.when ? true : undefined}
            aria-describedby={[`${id}-date-text`, errors.when ? whenErrorId : null].filter(Boolean).join(' ')}
            onChange={(event) => {
              setDate(event.target.value);
            }}
          />
          {/* The browser writes the day in its own locale's order: repeat it unambiguously. */}
          <span id={`${id}-date-text`} className="field__hint" aria-live="polite">
            {isCalendarDate(date) ? <CalendarDateText date={date} today={props.today} /> : null}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>Time at {appointment?.site.name ?? site.name}</label>
          <input
            id={`${id}-time`}
            type="time"
            required
            step={300}
            value={time}
            aria-invalid={errors.when ? true : undefined}
            aria-describedby={[`${id}-zone`, errors.when ? whenErrorId : null].filter(Boolean).join(' ')}
            onChange={(event) => {
              setTime(event.target.value);
            }}
          />
          <span id={`${id}-zone`} className="field__hint">
            Time zone {timeZone}
          </span>
        </div>
        <div className="field field--narrow">
          <label htmlFor={`${id}-duration`}>Minutes</label>
          <input
            id={`${id}-duration`}
            type="number"
            inputMode="numeric"
            required
            min={APPOINTMENT_MIN_MINUTES}
            max={APPOINTMENT_MAX_MINUTES}
            step={5}
            value={duration}
            aria-invalid={errors.duration ? true : undefined}
            aria-describedby={errors.duration ? durationErrorId : undefined}
            onChange={(event) => {
              setDuration(event.target.value);
            }}
          />
        </div>
      </div>
      {errors.when ? (
        <p id={whenErrorId} className="field__error">
          {errors.when}
        </p>
      ) : null}
      {errors.duration ? (
        <p id={durationErrorId} className="field__error">
          {errors.duration}
        </p>
      ) : null}
      <div className="appointment-form__actions">
        <button type="submit" className="button" aria-disabled={save.isPending}>
          {save.isPending ? 'Saving…' : moving ? 'Move appointment' : 'Book appointment'}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The API's refusal, worded for the nurse: field rules under their fields, the rest above the form. */
function describeFailure(error: unknown): {
  fields: FieldErrors;
  problem: { title: string; detail: string | undefined } | null;
} {
  if (!(error instanceof ApiError)) {
    return { fields: {}, problem: { title: 'The appointment could not be saved.', detail: undefined } };
  }
  switch (error.code) {
    case 'OVERLAPPING_APPOINTMENT':
      return {
        fields: { when: 'The patient already has an appointment at that time: choose another.' },
        problem: { title: 'This overlaps another appointment of the patient.', detail: error.detail },
      };
    case 'VERSION_CONFLICT':
      return {
        fields: {},
        problem: {
          title: 'Someone else changed this appointment since it was shown.',
          detail:
            'It has been read again: check the new time above, then save yours again if it still applies.',
        },
      };
    case 'APPOINTMENT_CLOSED':
      return {
        fields: {},
        problem: {
          title: 'This appointment is no longer booked.',
          detail: 'It was marked done, cancelled or a no-show. Cancel, then book a new one.',
        },
      };
    default: {
      const fields: FieldErrors = {};
      for (const fieldError of error.fieldErrors) {
        if (fieldError.path === 'body.startsAt') fields.when = fieldError.message;
        else if (fieldError.path === 'body.durationMinutes') fields.duration = fieldError.message;
      }
      const shownInFields =
        error.fieldErrors.length > 0 && Object.keys(fields).length === error.fieldErrors.length;
      return {
        fields,
        problem: shownInFields ? null : { title: error.title, detail: error.detail },
      };
    }
  }
}
