import { FieldFrame } from '../../components/FieldFrame';
import { PracticeAreaOptions } from '../../components/PracticeAreaSelect';
import { usePracticeAreas } from '../../api/useReference';
import { groupPracticeAreas } from '../../domain/practiceAreas';

interface PracticeAreasFieldProps {
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}

/** The practice areas a partnership covers: whole areas or sub-areas, several at once; none means all. */
export function PracticeAreasField({ value, onChange, error }: PracticeAreasFieldProps) {
  const areas = usePracticeAreas();
  const groups = groupPracticeAreas(areas.data ?? []);
  return (
    <FieldFrame
      label="Practice areas"
      hint="Choose none for every practice area. Hold Ctrl (⌘ on a Mac) to choose several."
      error={error}
    >
      {(control) => (
        <select
          {...control}
          multiple
          size={8}
          value={value}
          disabled={areas.isPending}
          onChange={(event) => onChange([...event.target.selectedOptions].map((option) => option.value))}
        >
          <PracticeAreaOptions groups={groups} whole="all" />
        </select>
      )}
    </FieldFrame>
  );
}
