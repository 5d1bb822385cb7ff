import { type ClinicSettingsResponse } from '@pumpdesk/contracts';
import { DEFAULT_CLINIC_SETTINGS } from '@pumpdesk/domain';

// GET /api/settings as the API answers it: the defaults unless overridden.
export function aSettingsResponse(overrides: Partial<ClinicSettingsResponse> = {}): ClinicSettingsResponse {
  return {
    version: 3,
    updatedAt: '2026-11-20T09:15:00.000Z',
    settings: structuredClone(DEFAULT_CLINIC_SETTINGS),
    ...overrides,
  };
}
