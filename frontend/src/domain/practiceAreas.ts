import type { PracticeArea } from '../api/types';

export interface PracticeAreaGroup {
  area: PracticeArea;
  subAreas: PracticeArea[];
}

/** Top-level areas, each with its sub-areas, in the order the API lists them. */
export function groupPracticeAreas(areas: PracticeArea[]): PracticeAreaGroup[] {
  const groups = new Map<string, PracticeAreaGroup>();
  for (const area of areas) if (!area.parent_code) groups.set(area.code, { area, subAreas: [] });
  for (const area of areas) if (area.parent_code) groups.get(area.parent_code)?.subAreas.push(area);
  return [...groups.values()];
}
