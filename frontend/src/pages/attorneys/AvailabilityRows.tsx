import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { timeZoneChoices, WEEKDAYS } from '../../domain/attorneys';
import { LIMITS, newWindowRow, type WindowRow } from '../../forms/attorneyProfileForm';
import { rowErrors, type PathErrors } from '../../forms/fieldPaths';
import { AddButton, RepeatRow, rowList } from './rows';

export function AvailabilityRows({ rows, onChange, errors }: { rows: WindowRow[]; onChange: (rows: WindowRow[]) => void; errors: PathErrors }) {
  const list = rowList(rows, onChange);
  const zones = timeZoneChoices(...rows.map((row) => row.time_zone));
  return (
    <>
      {errors.availability && <p className="field-error">{errors.availability}</p>}
      {rows.map((row, i) => {
        const e = rowErrors(errors, 'availability', i);
        return (
          <RepeatRow key={row.key} legend={`Time window ${i + 1}`} onRemove={() => list.remove(i)} error={e['']}>
            <SelectField
              label="Day"
              value={String(row.weekday)}
              options={WEEKDAYS.map((label, value) => ({ value: String(value), label }))}
              onChange={(weekday) => list.update(i, { weekday: Number(weekday) })}
              error={e.weekday}
            />
            <TextField label="From" type="time" value={row.start} onChange={(start) => list.update(i, { start })} error={e.start} />
            <TextField label="Until" type="time" value={row.end} onChange={(end) => list.update(i, { end })} error={e.end} />
            <SelectField
              label="Time zone"
              value={row.time_zone}
              options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
              onChange={(time_zone) => list.update(i, { time_zone })}
              error={e.time_zone}
            />
          </RepeatRow>
        );
      })}
      <AddButton label="Add a time window" onClick={() => list.add(newWindowRow(rows.at(-1)))} disabled={rows.length >= LIMITS.availability} />
    </>
  );
}
