import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './queryKeys';
import { listJurisdictions, listLanguages, listPracticeAreas } from './reference';

// Reference data changes with a deployment, not while someone is using the app.
const forever = { staleTime: Infinity, gcTime: Infinity } as const;

export const usePracticeAreas = () => useQuery({ queryKey: queryKeys.practiceAreas, queryFn: listPracticeAreas, ...forever });

export const useLanguages = () => useQuery({ queryKey: queryKeys.languages, queryFn: listLanguages, ...forever });

export const useJurisdictions = () => useQuery({ queryKey: queryKeys.jurisdictions, queryFn: listJurisdictions, ...forever });

/** Looks up names by code, falling back to the code while the list loads or for an unknown one. */
export function useNames() {
  const areas = usePracticeAreas();
  const jurisdictions = useJurisdictions();
  const languages = useLanguages();
  const find = (items: { code: string; name: string }[] | undefined, code: string) =>
    items?.find((item) => item.code === code)?.name ?? code;
  return {
    practiceArea: (code: string) => find(areas.data, code),
    jurisdiction: (code: string) => find(jurisdictions.data, code),
    language: (code: string) => find(languages.data, code),
  };
}
