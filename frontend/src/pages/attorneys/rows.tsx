import type { ReactNode } from 'react';

interface RepeatRowProps {
  legend: string;
  onRemove: () => void;
  /** A message about the whole row, e.g. `languages[1]`. */
  error?: string;
  children: ReactNode;
}

/** One item of a repeated group, with its own legend and a remove button. */
export function RepeatRow({ legend, onRemove, error, children }: RepeatRowProps) {
  return (
    <fieldset className="repeat-row">
      <legend>{legend}</legend>
      {error && <p className="field-error">{error}</p>}
      <div className="field-grid">{children}</div>
      <button type="button" className="button button-small button-secondary" onClick={onRemove}>
        Remove {legend.toLowerCase()}
      </button>
    </fieldset>
  );
}

/** Helpers for a list of rows held in form state. */
export function rowList<T>(rows: T[], onChange: (rows: T[]) => void) {
  return {
    update: (index: number, change: Partial<T>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row))),
    remove: (index: number) => onChange(rows.filter((_, i) => i !== index)),
    add: (row: T) => onChange([...rows, row]),
  };
}

export function AddButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="button button-secondary" onClick={onClick} disabled={disabled}>
      {label}
    </button>
  );
}
