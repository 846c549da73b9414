import { useJurisdictions } from '../../api/useReference';
import { CodeSelect } from '../../components/CodeSelect';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { BAR_STATUS_LABELS } from '../../domain/attorneys';
import { newBarRow, LIMITS, type BarRow } from '../../forms/attorneyProfileForm';
import { rowErrors, type PathErrors } from '../../forms/fieldPaths';
import { todayIso } from '../../forms/numbers';
import { AddButton, RepeatRow, rowList } from './rows';

const statuses = Object.keys(BAR_STATUS_LABELS) as BarRow['status'][];

export function BarAdmissionRows({ rows, onChange, errors }: { rows: BarRow[]; onChange: (rows: BarRow[]) => void; errors: PathErrors }) {
  const jurisdictions = useJurisdictions();
  const list = rowList(rows, onChange);
  return (
    <>
      {errors.bar_admissions && <p className="field-error">{errors.bar_admissions}</p>}
      {rows.map((row, i) => {
        const e = rowErrors(errors, 'bar_admissions', i);
        return (
          <RepeatRow key={row.key} legend={`Bar admission ${i + 1}`} onRemove={() => list.remove(i)} error={e['']}>
            <CodeSelect
              label="Jurisdiction"
              emptyLabel="Choose a jurisdiction"
              items={jurisdictions.data}
              value={row.jurisdiction}
              onChange={(jurisdiction) => list.update(i, { jurisdiction })}
              error={e.jurisdiction}
            />
            <TextField label="Bar number" value={row.bar_number} onChange={(bar_number) => list.update(i, { bar_number })} error={e.bar_number} maxLength={LIMITS.bar_number} />
            <SelectField
              label="Status"
              value={row.status}
              options={statuses.map((value) => ({ value, label: BAR_STATUS_LABELS[value] }))}
              onChange={(status) => list.update(i, { status })}
              error={e.status}
            />
            <TextField label="Admitted on" type="date" max={todayIso()} value={row.admitted_on} onChange={(admitted_on) => list.update(i, { admitted_on })} error={e.admitted_on} />
          </RepeatRow>
        );
      })}
      <AddButton label="Add a bar admission" onClick={() => list.add(newBarRow())} disabled={rows.length >= LIMITS.bar_admissions} />
    </>
  );
}
