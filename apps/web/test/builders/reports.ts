import {
  type BatteryReplacementsReport,
  type CaseloadReport,
  type FollowUpComplianceReport,
  type OverdueOverTimeReport,
  type RefillsPerClinicianReport,
  type RefillsPerMonthReport,
} from '@pumpdesk/contracts';

// Reports as GET /api/reports/<name> answers them, with small distinct numbers a test can look for.

const header = (siteId: string | null = null) => ({
  generatedAt: '2026-11-25T10:00:00.000Z',
  referenceDate: '2026-11-25',
  parameters: { siteId },
});

export function aCaseloadReport(overrides: Partial<CaseloadReport> = {}): CaseloadReport {
  return {
    ...header(),
    totals: { patients: 17, implantedPumps: 12 },
    byStatus: [
      { status: 'candidate', label: 'Candidate', patients: 3, implantedPumps: 0 },
      { status: 'trial', label: 'Trial', patients: 1, implantedPumps: 0 },
      { status: 'active', label: 'Active', patients: 11, implantedPumps: 11 },
      { status: 'inactive', label: 'Inactive', patients: 0, implantedPumps: 0 },
      { status: 'explanted', label: 'Explanted', patients: 1, implantedPumps: 0 },
      { status: 'deceased', label: 'Deceased', patients: 0, implantedPumps: 0 },
      { status: 'transferred', label: 'Transferred', patients: 1, implantedPumps: 1 },
    ],
    byDiagnosis: [
      { diagnosis: 'multiple_sclerosis', label: 'Multiple sclerosis', patients: 9, implantedPumps: 7 },
      { diagnosis: 'spinal_cord_injury', label: 'Spinal cord injury', patients: 4, implantedPumps: 3 },
      { diagnosis: 'cerebral_palsy', label: 'Cerebral palsy', patients: 2, implantedPumps: 1 },
      { diagnosis: 'stroke', label: 'Stroke', patients: 1, implantedPumps: 1 },
      { diagnosis: 'brain_injury', label: 'Brain injury', patients: 1, implantedPumps: 0 },
      { diagnosis: 'other', label: 'Other', patients: 0, implantedPumps: 0 },
    ],
    bySite: [
      { siteId: crypto.randomUUID(), siteName: 'Northside Clinic', patients: 10, implantedPumps: 8 },
      { siteId: crypto.randomUUID(), siteName: 'Riverside Hospital', patients: 7, implantedPumps: 4 },
    ],
    ...overrides,
  };
}

export function aRefillsPerMonthReport(
  overrides: Partial<RefillsPerMonthReport> = {},
): RefillsPerMonthReport {
  return {
    ...header(),
    months: [
      { month: '2026-10', recorded: 14, forecast: null },
      { month: '2026-11', recorded: 6, forecast: 9 },
      { month: '2026-12', recorded: null, forecast: 13 },
      { month: '2027-01', recorded: null, forecast: 11 },
    ],
    ...overrides,
  };
}

export function aBatteryReplacementsReport(
  overrides: Partial<BatteryReplacementsReport> = {},
): BatteryReplacementsReport {
  return {
    ...header(),
    overdueNow: 2,
    months: [
      { month: '2026-11', replacements: 5, overdue: 2 },
      { month: '2026-12', replacements: 0, overdue: 0 },
      { month: '2027-01', replacements: 1, overdue: 0 },
    ],
    ...overrides,
  };
}

export function aFollowUpComplianceReport(
  overrides: Partial<FollowUpComplianceReport> = {},
): FollowUpComplianceReport {
  return {
    ...header(),
    reviewIntervalDays: 182,
    overall: { patients: 12, compliant: 8, notCompliant: 4, neverReviewed: 1, compliantShare: 0.6667 },
    bySite: [
      {
        siteId: crypto.randomUUID(),
        siteName: 'Northside Clinic',
        patients: 8,
        compliant: 6,
        notCompliant: 2,
        neverReviewed: 1,
        compliantShare: 0.75,
      },
      {
        siteId: crypto.randomUUID(),
        siteName: 'Riverside Hospital',
        patients: 4,
        compliant: 2,
        notCompliant: 2,
        neverReviewed: 0,
        compliantShare: 0.5,
      },
    ],
    ...overrides,
  };
}

export function anOverdueOverTimeReport(
  overrides: Partial<OverdueOverTimeReport> = {},
): OverdueOverTimeReport {
  return {
    ...header(),
    points: [
      { date: '2026-09-30', kind: 'month_end', implantedPumps: 10, overdue: 3, noRefillRecorded: 1 },
      { date: '2026-10-31', kind: 'month_end', implantedPumps: 11, overdue: 2, noRefillRecorded: 1 },
      { date: '2026-11-25', kind: 'today', implantedPumps: 12, overdue: 4, noRefillRecorded: 2 },
    ],
    ...overrides,
  };
}

export function aRefillsPerClinicianReport(
  overrides: Partial<RefillsPerClinicianReport> = {},
): RefillsPerClinicianReport {
  const rosa = crypto.randomUUID();
  const amara = crypto.randomUUID();
  return {
    ...header(),
    months: ['2026-10', '2026-11'],
    rows: [
      { userId: amara, name: 'Dr Amara Nwosu', role: 'physician', month: '2026-11', refills: 2 },
      { userId: rosa, name: 'Rosa Lind', role: 'nurse', month: '2026-10', refills: 14 },
      { userId: rosa, name: 'Rosa Lind', role: 'nurse', month: '2026-11', refills: 4 },
    ],
    ...overrides,
  };
}

/** Every report by its name in the URL, for a fake API. */
export function allReports(): Record<string, unknown> {
  return {
    caseload: aCaseloadReport(),
    'refills-per-month': aRefillsPerMonthReport(),
    'battery-replacements': aBatteryReplacementsReport(),
    'follow-up-compliance': aFollowUpComplianceReport(),
    'overdue-over-time': anOverdueOverTimeReport(),
    'refills-per-clinician': aRefillsPerClinicianReport(),
  };
}
