import { TextField } from '../../components/TextField';
import { LIMITS, newBlackoutRow, type BlackoutRow } from '../../forms/attorneyProfileForm';
import { rowErrors, type PathErrors } from '../../forms/fieldPaths';
import { AddButton, RepeatRow, rowList } from './rows';

export function BlackoutRows({ rows, onChange, errors }: { rows: BlackoutRow[]; onChange: (rows: BlackoutRow[]) => void; errors: PathErrors }) {
  const list = rowList(rows, onChange);
  return (
    <>
      {errors.blackouts && <p className="field-error">{errors.blackouts}</p>}
      {rows.map((row, i) => {
        const e = rowErrors(errors, 'blackouts', i);
        return (
          <RepeatRow key={row.key} legend={`Unavailable period ${i + 1}`} onRemove={() => list.remove(i)} error={e['']}>
            <TextField label="First day" type="date" value={row.start} onChange={(start) => list.update(i, { start })} error={e.start} />
            <TextField label="Last day" type="date" min={row.start || undefined} value={row.end} onChange={(end) => list.update(i, { end })} error={e.end} />
          </RepeatRow>
        );
      })}
      <AddButton label="Add an unavailable period" onClick={() => list.add(newBlackoutRow())} disabled={rows.length >= LIMITS.blackouts} />
    </>
  );
}
