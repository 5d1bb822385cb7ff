import { CalendarDateText } from '../../../components/date-text.tsx';
import { type LiveRefillJudgement } from '../utils/live-refill.ts';

interface LiveDatesProps {
  judgement: LiveRefillJudgement;
  /** The site's today, for "in 30 days". */
  today: string;
  timeZone: string;
}

/**
 * The alarm and due dates the refill would bring, recomputed by the engine as values are typed, and
 * announced politely (a screen-reader user hears the new due date after typing a volume).
 */
export function LiveDates({ judgement, today, timeZone }: LiveDatesProps) {
  const { dates } = judgement;
  return (
    <section className="refill-live" aria-labelledby="refill-live-title">
      <h2 id="refill-live-title" className="refill-live__title">
        After this refill
      </h2>
      <div aria-live="polite" aria-atomic="true" data-testid="live-dates">
        {dates ? (
          <>
            <dl className="refill-live__dates">
              <div>
                <dt>New alarm date</dt>
                <dd>
                  <CalendarDateText date={dates.alarmDate} today={today} empty="No alarm date" />
                </dd>
              </div>
              <div>
                <dt>New refill due date</dt>
                <dd>
                  <CalendarDateText date={dates.dueDate} today={today} />
                </dd>
              </div>
            </dl>
            <p className="refill-live__message">{dates.dueMessage}</p>
            {judgement.datesUseVolumeFilled ? (
              <p className="field__hint">
                Counted from the volume filled until the reservoir reading after the fill is entered.
              </p>
            ) : null}
          </>
        ) : (
          <p className="muted">
            The new alarm and due dates appear once the refill time and the volume filled are entered.
          </p>
        )}
      </div>
      <p className="field__hint">Dates in the site’s calendar ({timeZone}), computed as you type.</p>
    </section>
  );
}
