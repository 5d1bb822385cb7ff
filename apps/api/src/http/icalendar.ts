// A minimal RFC 5545 (iCalendar) writer for the appointment feeds, by hand: the feed needs VCALENDAR
// with VEVENTs and nothing else, and the rules are few — CRLF line endings, lines folded at 75
// octets, TEXT values escaped, instants in UTC ("Z" form).

const CRLF = '\r\n';
/** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

export type ICalEventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface ICalEvent {
  /** Globally unique and stable across feeds: a calendar app updates the event it already has. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string | null;
  description?: string | null;
  status: ICalEventStatus;
  /** Revision number: bumped on every change so subscribers take the new one (the row's version). */
  sequence: number;
  created?: Date;
  lastModified?: Date;
}

export interface ICalCalendar {
  /** PRODID: who made the feed. */
  productId: string;
  /** X-WR-CALNAME: the name calendar apps show for a subscription. */
  name: string;
  /** X-WR-TIMEZONE: the zone apps should show the events in (times themselves are UTC). */
  timeZone?: string | null;
  /** DTSTAMP of every event: when this feed was generated. */
  generatedAt: Date;
  events: readonly ICalEvent[];
}

/** An instant as a UTC DATE-TIME: 20270314T093000Z (seconds kept, milliseconds dropped). */
export function formatUtcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break written
 * as \n, and other control characters (not allowed in TEXT) dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/**
 * Folds a content line into lines of at most 75 octets (UTF-8), each continuation starting with one
 * space (which counts in its 75). A multi-byte character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const character of line) {
    const octets = Buffer.byteLength(character, 'utf8');
    if (currentOctets + octets > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      currentOctets = 1;
    }
    current += character;
    currentOctets += octets;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function eventLines(event: ICalEvent, generatedAt: Date): string[] {
  return [
    'BEGIN:VEVENT',
    property('UID', escapeText(event.uid)),
    property('DTSTAMP', formatUtcDateTime(generatedAt)),
    property('DTSTART', formatUtcDateTime(event.start)),
    property('DTEND', formatUtcDateTime(event.end)),
    property('SUMMARY', escapeText(event.summary)),
    ...(event.location ? [property('LOCATION', escapeText(event.location))] : []),
    ...(event.description ? [property('DESCRIPTION', escapeText(event.description))] : []),
    property('STATUS', event.status),
    property('SEQUENCE', String(event.sequence)),
    ...(event.created ? [property('CREATED', formatUtcDateTime(event.created))] : []),
    ...(event.lastModified ? [property('LAST-MODIFIED', formatUtcDateTime(event.lastModified))] : []),
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** The whole VCALENDAR object as text, CRLF after every line (the last one too). */
export function writeCalendar(calendar: ICalCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    property('PRODID', calendar.productId),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    property('X-WR-CALNAME', escapeText(calendar.name)),
    ...(calendar.timeZone ? [property('X-WR-TIMEZONE', escapeText(calendar.timeZone))] : []),
    ...calendar.events.flatMap((event) => eventLines(event, calendar.generatedAt)),
    'END:VCALENDAR',
  ];
  return lines.join(CRLF) + CRLF;
}
