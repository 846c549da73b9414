import { FieldFrame } from './FieldFrame';

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
  return (
    <FieldFrame label={label} error={error} className={className} hideLabel={hideLabel}>
      {(control) => (
        <select {...control} name={name} value={value} disabled={disabled || !items} onChange={(event) => onChange(event.target.value)}>
          <option value="">{items ? emptyLabel : 'Loading…'}</option>
          {items?.map((item) => (
            <option key={item.code} value={item.code}>
              {showCode ? `${item.name} (${item.code})` : item.name}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
