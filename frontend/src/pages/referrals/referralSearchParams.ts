import type { ReferralFilters } from '../../api/referrals';

const KEYS = ['status', 'practice_area', 'jurisdiction', 'urgency', 'sort'] as const;

/** Filters kept in the address, so a reload or the back button keeps them. */
export function filtersFromSearch(params: URLSearchParams): ReferralFilters {
  const filters: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters as ReferralFilters;
}

export function filtersToSearch(filters: ReferralFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}
