import { type ReactElement } from 'react';

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

type IconShape =
  | 'octagon-cross'
  | 'octagon-bang'
  | 'diamond-bang'
  | 'triangle-bang'
  | 'circle-query'
  | 'dot'
  | 'ring'
  | 'circle-i'
  | 'check';

const LEVELS: Record<SeverityLevel, { label: string; icon: IconShape; tone: string }> = {
  refusal: { label: 'Blocked', icon: 'octagon-cross', tone: 'danger' },
  critical: { label: 'Critical', icon: 'octagon-bang', tone: 'danger' },
  override_required: { label: 'Needs override', icon: 'diamond-bang', tone: 'danger' },
  overdue: { label: 'Overdue', icon: 'triangle-bang', tone: 'warning' },
  unknown: { label: 'Unknown', icon: 'circle-query', tone: 'warning' },
  warning: { label: 'Warning', icon: 'triangle-bang', tone: 'warning' },
  due_soon: { label: 'Due soon', icon: 'dot', tone: 'notice' },
  upcoming: { label: 'Upcoming', icon: 'ring', tone: 'neutral' },
  info: { label: 'Note', icon: 'circle-i', tone: 'neutral' },
  ok: { label: 'OK', icon: 'check', tone: 'ok' },
};

// Drawn as SVG rather than emoji or symbol characters: tablets and Linux browsers without an emoji font
// showed an empty box where the icon should be.
const MARK = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round' } as const;
const SHAPES: Record<IconShape, ReactElement> = {
  'octagon-cross': (
    <>
      <polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" fill="currentColor" />
      <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" {...MARK} stroke="#fff" />
    </>
  ),
  'octagon-bang': (
    <>
      <polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" fill="currentColor" />
      <path d="M8 4.5v4.5" {...MARK} stroke="#fff" />
      <circle cx="8" cy="11.5" r="1.1" fill="#fff" />
    </>
  ),
  'diamond-bang': (
    <>
      <polygon points="8,0.5 15.5,8 8,15.5 0.5,8" fill="currentColor" />
      <path d="M8 4.5v4.5" {...MARK} stroke="#fff" />
      <circle cx="8" cy="11.5" r="1.1" fill="#fff" />
    </>
  ),
  'triangle-bang': (
    <>
      <polygon points="8,1 15.5,15 0.5,15" fill="currentColor" />
      <path d="M8 6v4.5" {...MARK} stroke="#fff" />
      <circle cx="8" cy="12.7" r="1" fill="#fff" />
    </>
  ),
  'circle-query': (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M6 6.2a2 2 0 1 1 2.6 1.9c-.5.2-.6.6-.6 1.1v.6" {...MARK} stroke="#fff" strokeWidth={1.6} />
      <circle cx="8" cy="12" r="1" fill="#fff" />
    </>
  ),
  dot: <circle cx="8" cy="8" r="5.5" fill="currentColor" />,
  ring: <circle cx="8" cy="8" r="5.5" {...MARK} />,
  'circle-i': (
    <>
      <circle cx="8" cy="8" r="7" {...MARK} strokeWidth={1.5} />
      <path d="M8 7.5v4" {...MARK} />
      <circle cx="8" cy="4.8" r="1" fill="currentColor" />
    </>
  ),
  check: <path d="M2.5 8.5l3.5 3.5 7.5-8" {...MARK} strokeWidth={2.4} />,
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
      <svg
        className="severity__icon"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        aria-hidden="true"
        focusable="false"
      >
        {SHAPES[icon]}
      </svg>
      {label ?? defaultLabel}
    </span>
  );
}
