import { type RefillWriteResult } from '@pumpdesk/contracts';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { FindingList } from '../../../components/finding-list.tsx';
import { formatInstant } from '../../../lib/format.ts';

interface RefillSavedProps {
  result: RefillWriteResult;
  patientId: string;
  patientName: string;
  timeZone: string;
  today: string;
}

/** The recorded refill: the dates the server computed, the findings stored with it, where to go next. */
export function RefillSaved({ result, patientId, patientName, timeZone, today }: RefillSavedProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="refill-saved" aria-labelledby="refill-saved-title">
      <h2 id="refill-saved-title" ref={heading} tabIndex={-1} className="refill-saved__title">
        <span aria-hidden="true">✓ </span>Refill recorded
      </h2>
      <p>
        Refill of {formatInstant(result.refill.performedAt, timeZone)}: {result.refill.volumeFilledMl} mL at{' '}
        {result.refill.concentrationMcgPerMl} mcg/mL
        {result.doseProgram
          ? `, with a new program at ${result.doseProgram.concentrationMcgPerMl} mcg/mL`
          : ''}
        .
      </p>
      <dl className="refill-summary">
        <div>
          <dt>New alarm date</dt>
          <dd>
            <CalendarDateText date={result.alarmDate} today={today} empty="No alarm date" />
          </dd>
        </div>
        <div>
          <dt>New refill due date</dt>
          <dd>
            <CalendarDateText date={result.dueDate} today={today} />
          </dd>
        </div>
      </dl>
      {result.dueMessage ? <p>{result.dueMessage}</p> : null}
      <FindingList findings={result.findings} title="Recorded with these findings" />
      <p className="refill-saved__links">
        <Link className="button" to={`/patients/${patientId}`}>
          Back to {patientName}
        </Link>
        <Link className="button button--secondary" to="/refills">
          Refill worklist
        </Link>
      </p>
    </section>
  );
}
