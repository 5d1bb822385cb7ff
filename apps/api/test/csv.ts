// A small RFC 4180 reader shared by the tests of the CSV downloads (worklists, reports): comma-separated
// fields, CRLF between records (a final CRLF ends the last record), fields in double quotes may hold
// commas, CR/LF and doubled quotes (""). Strict: a stray quote inside an unquoted field or text after a
// closing quote throws, so a malformed download fails the test instead of being read loosely.

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let index = 0;
  const atRecordEnd = () => text.startsWith('\r\n', index) || index >= text.length;

  while (index < text.length) {
    let field = '';
    if (text[index] === '"') {
      index += 1;
      for (;;) {
        if (index >= text.length) throw new Error('CSV: unterminated quoted field');
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        field += text.charAt(index);
        index += 1;
      }
      if (!atRecordEnd() && text[index] !== ',') {
        throw new Error(`CSV: text after a closing quote at ${String(index)}`);
      }
    } else {
      while (!atRecordEnd() && text[index] !== ',') {
        if (text[index] === '"') throw new Error(`CSV: quote inside an unquoted field at ${String(index)}`);
        if (text[index] === '\r' || text[index] === '\n') {
          throw new Error(`CSV: bare line break at ${String(index)} (records end with CRLF)`);
        }
        field += text.charAt(index);
        index += 1;
      }
    }
    record.push(field);
    if (text[index] === ',') {
      index += 1;
      // A comma at the very end of a record: one more, empty, field.
      if (atRecordEnd()) record.push('');
      else continue;
    }
    if (text.startsWith('\r\n', index)) index += 2;
    records.push(record);
    record = [];
  }
  return records;
}

/** A JSON value as the CSV writes it: null empty, numbers and booleans as text. */
export function csvText(value: string | number | boolean | null): string {
  return value === null ? '' : String(value);
}

/** The records of a CSV with a header row, each as header → text (the worklist tests read these). */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((row) => {
    if (row.length !== header.length) {
      throw new Error(`CSV: a record has ${String(row.length)} fields, the header ${String(header.length)}`);
    }
    return Object.fromEntries(header.map((name, column) => [name, row[column] ?? '']));
  });
}
