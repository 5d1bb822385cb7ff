import { type WorklistRequest } from '@pumpdesk/contracts';
import { type CalendarDate } from '@pumpdesk/domain';
import { type Principal } from '../access/principal.ts';
import { toDateColumn } from '../assessment/engine-inputs.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../repositories/cursor.ts';
import { type WorklistArguments, type WorklistRawRow, type WorklistSpec } from './run-worklist.ts';
import { type WorklistPosition } from './worklist-sql.ts';

/** The position a cursor encodes; a cursor we did not issue is refused (400 invalid_cursor). */
export function positionOf(cursor: string | undefined): WorklistPosition | null {
  if (cursor === undefined) return null;
  const parts = decodeCursor(cursor, 4);
  const [rank, highRisk, orderDate, patientId] = parts ?? [];
  if (
    rank === undefined ||
    !/^[0-5]$/.test(rank) ||
    (highRisk !== 'true' && highRisk !== 'false') ||
    orderDate === undefined ||
    (orderDate !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(orderDate)) ||
    patientId === undefined ||
    !/^[0-9a-f-]{36}$/i.test(patientId)
  ) {
    throw new InvalidCursorError('The cursor is not one this worklist issued.');
  }
  return { rank: Number(rank), highRisk: highRisk === 'true', orderDate: orderDate || null, patientId };
}

/** The page's rows (read with one extra) and the cursor to the next page. */
export function pageOf<T>(
  rows: readonly WorklistRawRow[],
  limit: number,
  toEntry: (row: WorklistRawRow) => T,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor([
          String(last.rank),
          String(last.high_risk),
          last.order_date ? toDateColumn(last.order_date) : '',
          last.patient_id,
        ])
      : null;
  return { items: items.map(toEntry), nextCursor };
}

/** The part of an entry every worklist has. */
export function entryBaseOf(row: WorklistRawRow) {
  return {
    patient: { id: row.patient_id, mrn: row.mrn, givenName: row.given_name, familyName: row.family_name },
    pump: {
      id: row.pump_id,
      manufacturer: row.manufacturer,
      model: row.model_name,
      serialNumber: row.serial_number,
    },
    site: { id: row.site_id, name: row.site_name },
    responsiblePhysician:
      row.responsible_physician_id && row.physician_name !== null
        ? { id: row.responsible_physician_id, name: row.physician_name }
        : null,
    urgency: row.urgency as 'critical' | 'unknown' | 'overdue' | 'due_soon' | 'upcoming' | 'ok',
    highRisk: row.high_risk,
    today: toDateColumn(row.today),
  };
}

/** A date column that may be null. */
export function dateOrNull(value: unknown): CalendarDate | null {
  return value instanceof Date || typeof value === 'string' ? toDateColumn(value) : null;
}

export function instantOrNull(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : null;
}

/**
 * A worklist query as the arguments of one page (the filters and the keyset position), limited to the
 * principal's sites.
 */
export function worklistArgumentsOf(
  spec: WorklistSpec,
  query: WorklistRequest<string>,
  now: Date,
  principal: Principal | undefined,
): WorklistArguments {
  return [
    spec,
    {
      now,
      siteId: query.siteId,
      physicianId: query.physicianId,
      horizonDays: query.horizonDays,
      highRiskOnly: query.highRisk,
      principal,
    },
    { limit: query.limit, after: positionOf(query.cursor), statuses: query.status },
  ];
}
