import { PracticeAreaSelect } from '../../components/PracticeAreaSelect';
import { SelectField } from '../../components/SelectField';
import { EXPERIENCE_LABELS, EXPERIENCE_LEVELS } from '../../domain/attorneys';
import { LIMITS, newAreaRow, type AreaRow } from '../../forms/attorneyProfileForm';
import { rowErrors, type PathErrors } from '../../forms/fieldPaths';
import { AddButton, RepeatRow, rowList } from './rows';

export function PracticeAreaRows({ rows, onChange, errors }: { rows: AreaRow[]; onChange: (rows: AreaRow[]) => void; errors: PathErrors }) {
  const list = rowList(rows, onChange);
  return (
    <>
      {errors.practice_areas && <p className="field-error">{errors.practice_areas}</p>}
      {rows.map((row, i) => {
        const e = rowErrors(errors, 'practice_areas', i);
        return (
          <RepeatRow key={row.key} legend={`Practice area ${i + 1}`} onRemove={() => list.remove(i)} error={e['']}>
            <PracticeAreaSelect
              label="Area"
              emptyLabel="Choose a practice area"
              value={row.code}
              onChange={(code) => list.update(i, { code })}
              error={e.code}
            />
            <SelectField
              label="Experience"
              value={row.experience}
              options={EXPERIENCE_LEVELS.map((value) => ({ value, label: EXPERIENCE_LABELS[value] }))}
              onChange={(experience) => list.update(i, { experience })}
              error={e.experience}
            />
          </RepeatRow>
        );
      })}
      <AddButton label="Add a practice area" onClick={() => list.add(newAreaRow())} disabled={rows.length >= LIMITS.practice_areas} />
    </>
  );
}
