const NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** ISO weekdays as `Mon, Wed`; empty (or all seven) is every day. */
export function weekdaysText(weekdays: readonly number[]): string {
  if (weekdays.length === 0 || weekdays.length === 7) return 'Every day';
  return [...weekdays]
    .sort((a, b) => a - b)
    .map((day) => NAMES[day - 1] ?? String(day))
    .join(', ');
}

export function weekdayName(weekday: number): string {
  return ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][weekday - 1] ?? '';
}
