import { useId, type ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface FieldFrameProps {
  label: string;
  error?: string;
  hint?: string;
  /** The frame's class, "field" unless the control sits in a row of fields. */
  className?: string;
  /** A visually hidden label, for controls inside a table row. */
  hideLabel?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}

// FieldFrame gives a form control its label, hint and error, wired together for screen readers.
export function FieldFrame({ label, error, hint, className = 'field', hideLabel, children }: FieldFrameProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? `${className} field-invalid` : className}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
