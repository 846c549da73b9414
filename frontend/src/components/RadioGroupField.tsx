import { useId } from 'react';

interface RadioGroupFieldProps<V extends string> {
  legend: string;
  /** The group's name for its radios: unique on the page. */
  name: string;
  value: V | '';
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  error?: string;
  hint?: string;
}

/** Radios in a fieldset, with the group's hint and error wired to it for screen readers. */
export function RadioGroupField<V extends string>({ legend, name, value, options, onChange, error, hint }: RadioGroupFieldProps<V>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={error ? 'field radio-group field-invalid' : 'field radio-group'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {options.map((option, index) => (
        <label key={option.value} className="radio-choice">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            // focusFirstInvalid looks for aria-invalid: the first radio takes the focus for its group.
            aria-invalid={error && index === 0 ? true : undefined}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
