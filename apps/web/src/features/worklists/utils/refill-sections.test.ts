import { describe, expect, it } from 'vitest';
import { aRefillEntry, aWorklistSite } from '../../../../test/builders/worklists.ts';
import { refillSections } from './refill-sections.ts';

const site = aWorklistSite();

describe('refill worklist sections', () => {
  it('puts critical and unknown together, keeps the API order, and adds "Later" only when needed', () => {
    const entries = (['unknown', 'critical', 'overdue', 'due_soon', 'upcoming'] as const).map((status) =>
      aRefillEntry(site, { status, urgency: status, familyName: status }),
    );
    const sections = refillSections(entries);
    expect(
      sections.map((section) => [section.title, section.entries.map((e) => e.patient.familyName)]),
    ).toEqual([
      ['Critical', ['unknown', 'critical']],
      ['Overdue', ['overdue']],
      ['Due this week', ['due_soon']],
      ['Upcoming', ['upcoming']],
    ]);
    const withOk = refillSections([aRefillEntry(site, { status: 'ok', urgency: 'ok' })]);
    expect(withOk.map((section) => [section.title, section.entries.length])).toEqual([
      ['Critical', 0],
      ['Overdue', 0],
      ['Due this week', 0],
      ['Upcoming', 0],
      ['Later', 1],
    ]);
  });
});
