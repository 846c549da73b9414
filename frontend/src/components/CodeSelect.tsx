import { useId } from 'react';

interface CodeSelectProps {
  label: string;
  value: string;
  onChange: (code: string) => void;
  items: { code: string; name: string }[] | undefined;
  emptyLabel: string;
  /** Show "Name (CODE)" rather than the name alone. */
  showCode?: boolean;
  error?: string;
  name?: string;
  disabled?: boolean;
  className?: string;
  /** A visually hidden label, for selects inside a table row. */
  hideLabel?: boolean;
}

/** A select over reference data (jurisdictions, languages), with an empty first option. */
export function CodeSelect({
  label,
  value,
  onChange,
  items,
  emptyLabel,
  showCode,
  error,
  name,
  disabled,
  className = 'field',
  hideLabel,
}: CodeSelectProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? `${className} field-invalid` : className}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled || !items}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
      >
        <option value="">{items ? emptyLabel : 'Loading…'}</option>
        {items?.map((item) => (
          <option key={item.code} value={item.code}>
            {showCode ? `${item.name} (${item.code})` : item.name}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
