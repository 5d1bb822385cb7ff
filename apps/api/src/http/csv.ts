import { type FastifyReply } from 'fastify';

// CSV downloads (worklists, reports): RFC 4180 (comma, CRLF, fields quoted when they hold a comma, a
// quote or a line break), UTF-8. A spreadsheet runs a cell that starts with = + - @ as a formula
// (OWASP "CSV injection"), so such TEXT cells get a leading apostrophe; numbers are written as numbers.

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((column) => cell(column.header)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => cell(column.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Sends a CSV as a download. The route's JSON serializer is bypassed: the body is already text.
 * `filename` is ours (ASCII, no quotes), never built from input.
 */
export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${filename}"`)
    .header('Cache-Control', 'no-store')
    .serializer((payload) => payload as string)
    .send(csv);
}
