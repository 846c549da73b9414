import { FieldFrame } from './FieldFrame';
import { usePracticeAreas } from '../api/useReference';
import { groupPracticeAreas, type PracticeAreaGroup } from '../domain/practiceAreas';

interface PracticeAreaSelectProps {
  label: string;
  value: string;
  onChange: (code: string) => void;
  /** The option for no choice, e.g. "Choose a practice area" or "Any practice area". */
  emptyLabel: string;
  error?: string;
  name?: string;
  disabled?: boolean;
  className?: string;
}

/** Practice areas grouped under their top-level (LSC) area; a whole area can be chosen too. */
export function PracticeAreaSelect({ label, value, onChange, emptyLabel, error, name, disabled, className = 'field' }: PracticeAreaSelectProps) {
  const areas = usePracticeAreas();
  const groups = groupPracticeAreas(areas.data ?? []);
  return (
    <FieldFrame label={label} error={error} className={className}>
      {(control) => (
        <select
          {...control}
          name={name}
          value={value}
          disabled={disabled || areas.isPending}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{areas.isError ? 'Could not load practice areas' : emptyLabel}</option>
          <PracticeAreaOptions groups={groups} whole="general" />
        </select>
      )}
    </FieldFrame>
  );
}

/** The options of a practice area select: each area as a group of its sub-areas, the whole area first, named "Area (whole)". */
export function PracticeAreaOptions({ groups, whole }: { groups: PracticeAreaGroup[]; whole: string }) {
  return groups.map(({ area, subAreas }) => (
    <optgroup key={area.code} label={area.name}>
      <option value={area.code}>
        {area.name} ({whole})
      </option>
      {subAreas.map((sub) => (
        <option key={sub.code} value={sub.code}>
          {sub.name}
        </option>
      ))}
    </optgroup>
  ));
}
