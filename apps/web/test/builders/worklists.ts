import {
  type AppointmentDto,
  type BatteryWorklistEntry,
  type FollowUpWorklistEntry,
  type RefillWorklistEntry,
  type SiteSummary,
} from '@pumpdesk/contracts';

// Builders for the worklist screens' component tests: entries and appointments as the API sends them.

export function aWorklistSite(overrides: Partial<SiteSummary> = {}): SiteSummary {
  return {
    id: crypto.randomUUID(),
    name: 'Northside Clinic',
    timeZone: 'Europe/London',
    phone: null,
    address: null,
    ...overrides,
  };
}

function entryBase(
  site: { id: string; name: string },
  overrides: { familyName?: string; mrn?: string } = {},
) {
  return {
    patient: {
      id: crypto.randomUUID(),
      mrn: overrides.mrn ?? 'MRN0001',
      givenName: 'Ada',
      familyName: overrides.familyName ?? 'Lovelace',
    },
    pump: {
      id: crypto.randomUUID(),
      manufacturer: 'Medtronic',
      model: 'SynchroMed II',
      serialNumber: 'NGP100001',
    },
    site: { id: site.id, name: site.name },
    responsiblePhysician: { id: crypto.randomUUID(), name: 'Dr Grace Hopper' },
    highRisk: false,
    today: '2026-11-25',
  };
}

export function aRefillEntry(
  site: { id: string; name: string },
  overrides: Partial<RefillWorklistEntry> & { familyName?: string; mrn?: string } = {},
): RefillWorklistEntry {
  const { familyName, mrn, ...rest } = overrides;
  return {
    ...entryBase(site, { familyName, mrn }),
    status: 'overdue',
    urgency: 'overdue',
    message: 'Overdue by 3 days: due 22 Nov 2026 (alarm 29 Nov 2026). No refill booked.',
    dueDate: '2026-11-22',
    dueDateBoundBy: 'alarm_margin',
    daysUntilDue: -3,
    alarmAt: '2026-11-29T10:00:00.000Z',
    alarmDate: '2026-11-29',
    emptyAt: '2026-12-03T10:00:00.000Z',
    emptyDate: '2026-12-03',
    criticalSince: null,
    nextBookedRefill: null,
    noAppointmentByDueDate: true,
    ...rest,
  };
}

export function aBatteryEntry(
  site: { id: string; name: string },
  overrides: Partial<BatteryWorklistEntry> & { familyName?: string; mrn?: string } = {},
): BatteryWorklistEntry {
  const { familyName, mrn, ...rest } = overrides;
  return {
    ...entryBase(site, { familyName, mrn }),
    status: 'replacement_overdue',
    urgency: 'overdue',
    message: 'Replacement overdue since 1 Nov 2026; battery estimated to end 1 Jun 2027.',
    windowStart: '2026-08-01',
    recommendedReplacement: '2026-11-01',
    estimatedEnd: '2027-06-01',
    endOfService: null,
    eriReportedDate: null,
    pastEstimatedEnd: false,
    daysToRecommended: -24,
    ...rest,
  };
}

export function aFollowUpEntry(
  site: { id: string; name: string },
  overrides: Partial<FollowUpWorklistEntry> & { familyName?: string; mrn?: string } = {},
): FollowUpWorklistEntry {
  const { familyName, mrn, ...rest } = overrides;
  return {
    ...entryBase(site, { familyName, mrn }),
    status: 'overdue',
    urgency: 'overdue',
    message: 'Review overdue by 10 days: due 15 Nov 2026 (last review 15 May 2026).',
    lastReview: '2026-05-15',
    nextReviewDue: '2026-11-15',
    daysUntilDue: -10,
    ...rest,
  };
}

export function anAppointment(
  patient: RefillWorklistEntry['patient'],
  site: SiteSummary,
  overrides: Partial<AppointmentDto> = {},
): AppointmentDto {
  const startsAt = overrides.startsAt ?? '2026-12-01T14:30:00.000Z';
  const durationMinutes = overrides.durationMinutes ?? 30;
  return {
    id: crypto.randomUUID(),
    kind: 'refill',
    status: 'booked',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + durationMinutes * 60_000).toISOString(),
    durationMinutes,
    patient,
    site: { id: site.id, name: site.name, timeZone: site.timeZone },
    clinician: null,
    atHome: false,
    notes: null,
    version: 1,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}
