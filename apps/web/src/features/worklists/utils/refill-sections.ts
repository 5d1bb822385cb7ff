import { type RefillWorklistEntry } from '@pumpdesk/contracts';

export type RefillSectionId = 'critical' | 'overdue' | 'due_soon' | 'upcoming' | 'later';

export interface RefillSection {
  id: RefillSectionId;
  title: string;
  /** Said when the section has no one, so an empty section reads as good news, not a failure. */
  emptyText: string;
  entries: RefillWorklistEntry[];
}

const SECTION_OF: Record<RefillWorklistEntry['status'], RefillSectionId> = {
  critical: 'critical',
  // Unknown (no refill or program on record) cannot be judged safe: it sits with the critical ones.
  unknown: 'critical',
  overdue: 'overdue',
  due_soon: 'due_soon',
  upcoming: 'upcoming',
  ok: 'later',
};

const SECTIONS: readonly Omit<RefillSection, 'entries'>[] = [
  { id: 'critical', title: 'Critical', emptyText: 'No critical or unknown pumps.' },
  { id: 'overdue', title: 'Overdue', emptyText: 'No overdue refills.' },
  { id: 'due_soon', title: 'Due this week', emptyText: 'No refills due in the next 7 days.' },
  { id: 'upcoming', title: 'Upcoming', emptyText: 'No refills due in the next 30 days.' },
  { id: 'later', title: 'Later', emptyText: 'No later refills within the horizon.' },
];

/**
 * The entries in their sections, each keeping the API's priority order (high-risk first, then date).
 * "Later" (status OK, listed only when a horizon reaches past 30 days) is left out when empty.
 */
export function refillSections(entries: readonly RefillWorklistEntry[]): RefillSection[] {
  const sections = SECTIONS.map((section) => ({ ...section, entries: [] as RefillWorklistEntry[] }));
  for (const entry of entries) {
    sections.find((section) => section.id === SECTION_OF[entry.status])?.entries.push(entry);
  }
  return sections.filter((section) => section.id !== 'later' || section.entries.length > 0);
}
