import { FieldFrame } from './FieldFrame';

interface Option<V extends string> {
  value: V;
  label: string;
}

interface SelectFieldProps<V extends string> {
  label: string;
  value: V;
  options: Option<V>[];
  onChange: (value: V) => void;
  error?: string;
  name?: string;
  disabled?: boolean;
}

export function SelectField<V extends string>({ label, value, options, onChange, error, name, disabled }: SelectFieldProps<V>) {
  return (
    <FieldFrame label={label} error={error}>
      {(control) => (
        <select {...control} name={name} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as V)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
