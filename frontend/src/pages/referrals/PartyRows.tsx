import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { PARTY_KIND_LABELS, PARTY_ROLE_LABELS } from '../../domain/referrals';
import { rowErrors, type PathErrors } from '../../forms/fieldPaths';
import { emptyParty, PARTIES_MAX, type PartyRow } from '../../forms/referralForm';
import type { Party } from '../../api/types';

interface PartyRowsProps {
  rows: PartyRow[];
  onChange: (rows: PartyRow[]) => void;
  errors: PathErrors;
  clientName: string;
}

const roles = Object.keys(PARTY_ROLE_LABELS) as Party['role'][];
const kinds = Object.keys(PARTY_KIND_LABELS) as Party['kind'][];

/** The people and organisations involved, as repeatable rows; conflict checks run on these. */
export function PartyRows({ rows, onChange, errors, clientName }: PartyRowsProps) {
  const update = (index: number, change: Partial<PartyRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index));
  const hasClient = rows.some((row) => row.role === 'client');
  const full = rows.length >= PARTIES_MAX;

  return (
    <>
      {rows.length === 0 && <p className="muted">No parties yet.</p>}
      {errors.parties && <p className="field-error">{errors.parties}</p>}
      {rows.map((row, index) => {
        const rowErr = rowErrors(errors, 'parties', index);
        const aliasError = rowErr.aliases ?? Object.entries(rowErr).find(([path]) => path.startsWith('aliases['))?.[1];
        return (
          <fieldset key={row.key} className="repeat-row">
            <legend>Party {index + 1}</legend>
            {rowErr[''] && <p className="field-error">{rowErr['']}</p>}
            <div className="field-grid">
              <TextField
                label="Name"
                value={row.name}
                onChange={(name) => update(index, { name })}
                error={rowErr.name}
                maxLength={200}
                required
              />
              <SelectField
                label="Role"
                value={row.role}
                options={roles.map((value) => ({ value, label: PARTY_ROLE_LABELS[value] }))}
                onChange={(role) => update(index, { role })}
                error={rowErr.role}
              />
              <SelectField
                label="Kind"
                value={row.kind}
                options={kinds.map((value) => ({ value, label: PARTY_KIND_LABELS[value] }))}
                onChange={(kind) => update(index, { kind })}
                error={rowErr.kind}
              />
            </div>
            <TextField
              label="Other names"
              hint="Aliases, former names or trading names, separated by semicolons (;)."
              value={row.aliases}
              onChange={(aliases) => update(index, { aliases })}
              error={aliasError}
            />
            <button type="button" className="button button-small button-secondary" onClick={() => remove(index)}>
              Remove party {index + 1}
            </button>
          </fieldset>
        );
      })}
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={full}
          onClick={() => onChange([...rows, emptyParty()])}
        >
          Add a party
        </button>
        {!hasClient && (
          <button
            type="button"
            className="button button-secondary"
            disabled={full || !clientName.trim()}
            onClick={() => onChange([...rows, emptyParty({ name: clientName.trim(), role: 'client' })])}
          >
            Add the client as a party
          </button>
        )}
      </div>
    </>
  );
}
