import { useLanguages } from '../../api/useReference';
import { CodeSelect } from '../../components/CodeSelect';
import { LIMITS } from '../../forms/attorneyProfileForm';
import { rowErrors, type PathErrors } from '../../forms/fieldPaths';

/** The languages an attorney works in: a list with remove buttons and a select to add one. */
export function LanguagePicker({ codes, onChange, errors }: { codes: string[]; onChange: (codes: string[]) => void; errors: PathErrors }) {
  const languages = useLanguages();
  const name = (code: string) => languages.data?.find((l) => l.code === code)?.name ?? code;
  const available = languages.data?.filter((l) => !codes.includes(l.code));
  return (
    <>
      {errors.languages && <p className="field-error">{errors.languages}</p>}
      {codes.length === 0 ? (
        <p className="muted">No languages chosen.</p>
      ) : (
        <ul className="chip-list" aria-label="Languages you work in">
          {codes.map((code, i) => {
            const error = rowErrors(errors, 'languages', i)[''];
            return (
              <li key={code} className={error ? 'chip chip-invalid' : 'chip'}>
                {name(code)}
                <button type="button" className="chip-remove" onClick={() => onChange(codes.filter((c) => c !== code))}>
                  <span aria-hidden="true">×</span>
                  <span className="visually-hidden">Remove {name(code)}</span>
                </button>
                {error && <span className="field-error"> {error}</span>}
              </li>
            );
          })}
        </ul>
      )}
      <CodeSelect
        label="Add a language"
        emptyLabel="Choose a language to add"
        items={available}
        value=""
        onChange={(code) => code && onChange([...codes, code])}
        disabled={codes.length >= LIMITS.languages}
      />
    </>
  );
}
