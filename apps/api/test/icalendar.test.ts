import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtcDateTime, writeCalendar } from '../src/http/icalendar.ts';

/** RFC 5545 3.1 unfolding: a CRLF followed by one space or tab is removed. */
function unfoldICalendar(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

describe('the iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and line breaks in TEXT', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('bell\u0007 tab\t')).toBe('bell tab\t');
  });

  it('writes instants in UTC basic form', () => {
    expect(formatUtcDateTime(new Date('2027-03-14T09:30:15.123+01:00'))).toBe('20270314T083015Z');
  });

  it('folds lines at 75 octets without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'é'.repeat(80)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const part of physical) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    for (const part of physical.slice(1)) expect(part.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    const ascii = `X:${'a'.repeat(200)}`;
    const asciiParts = foldLine(ascii).split('\r\n');
    expect(asciiParts[0]).toHaveLength(75);
    expect(asciiParts[1]).toHaveLength(75);
  });

  it('writes a VCALENDAR with CRLF line endings, one VEVENT per event', () => {
    const text = writeCalendar({
      productId: '-//PumpDesk//Test//EN',
      name: 'Clinic, North; main',
      timeZone: 'Europe/London',
      generatedAt: new Date('2027-01-01T00:00:00Z'),
      events: [
        {
          uid: 'abc@pumpdesk',
          start: new Date('2027-03-14T09:30:00Z'),
          end: new Date('2027-03-14T10:00:00Z'),
          summary: 'Refill — MRN 1',
          location: 'Room 1, floor 2',
          status: 'CONFIRMED',
          sequence: 3,
        },
        {
          uid: 'def@pumpdesk',
          start: new Date('2027-03-15T09:30:00Z'),
          end: new Date('2027-03-15T10:00:00Z'),
          summary: 'Surgery',
          status: 'CANCELLED',
          sequence: 1,
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfoldICalendar(text);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('X-WR-CALNAME:Clinic\\, North\\; main');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('UID:abc@pumpdesk');
    expect(lines).toContain('DTSTART:20270314T093000Z');
    expect(lines).toContain('DTEND:20270314T100000Z');
    expect(lines).toContain('DTSTAMP:20270101T000000Z');
    expect(lines).toContain('LOCATION:Room 1\\, floor 2');
    expect(lines).toContain('SEQUENCE:3');
    expect(lines).toContain('STATUS:CANCELLED');
  });
});
