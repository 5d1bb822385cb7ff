/**
 * The levels the screens show: worklist urgencies and engine finding severities. Each has its own
 * words and its own icon shape, so it never depends on colour alone (WCAG 1.4.1).
 */
export type SeverityLevel =
  | 'refusal'
  | 'critical'
  | 'override_required'
  | 'overdue'
  | 'unknown'
  | 'warning'
  | 'due_soon'
  | 'upcoming'
  | 'info'
  | 'ok';

const LEVELS: Record<SeverityLevel, { label: string; icon: string; tone: string }> = {
  refusal: { label: 'Blocked', icon: '⛔', tone: 'danger' },
  critical: { label: 'Critical', icon: '⛔', tone: 'danger' },
  override_required: { label: 'Needs override', icon: '✋', tone: 'danger' },
  overdue: { label: 'Overdue', icon: '▲', tone: 'warning' },
  unknown: { label: 'Unknown', icon: '?', tone: 'warning' },
  warning: { label: 'Warning', icon: '▲', tone: 'warning' },
  due_soon: { label: 'Due soon', icon: '●', tone: 'notice' },
  upcoming: { label: 'Upcoming', icon: '○', tone: 'neutral' },
  info: { label: 'Note', icon: 'ℹ', tone: 'neutral' },
  ok: { label: 'OK', icon: '✓', tone: 'ok' },
};

interface SeverityBadgeProps {
  level: SeverityLevel;
  /** Replaces the level's own word ("Replacement overdue" rather than "Overdue"). */
  label?: string;
}

export function SeverityBadge({ level, label }: SeverityBadgeProps) {
  const { label: defaultLabel, icon, tone } = LEVELS[level];
  return (
    <span className={`severity severity--${tone}`}>
      <span className="severity__icon" aria-hidden="true">
        {icon}
      </span>
      {label ?? defaultLabel}
    </span>
  );
}
