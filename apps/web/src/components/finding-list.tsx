import { type FindingDto } from '@pumpdesk/contracts';
import { SeverityBadge } from './severity-badge.tsx';

interface FindingListProps {
  findings: readonly FindingDto[];
  /** Heading for the list; findings are announced politely when they change (live preview). */
  title?: string;
}

/** The engine's findings, most severe first as the API orders them, each with its sentence. */
export function FindingList({ findings, title }: FindingListProps) {
  if (findings.length === 0) return null;
  return (
    <section className="findings" aria-live="polite">
      {title ? <h3 className="findings__title">{title}</h3> : null}
      <ul className="findings__list">
        {findings.map((finding) => (
          <li key={`${finding.code}:${finding.message}`} className={`finding finding--${finding.severity}`}>
            <SeverityBadge level={finding.severity} />
            <span className="finding__message">{finding.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
