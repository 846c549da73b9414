interface SubmitButtonProps {
  busy: boolean;
  label: string;
  busyLabel: string;
  variant?: 'primary' | 'secondary';
  /** Not to be pressed yet, for a reason the form shows beside it. */
  disabled?: boolean;
}

export function SubmitButton({ busy, label, busyLabel, variant = 'primary', disabled = false }: SubmitButtonProps) {
  return (
    <button type="submit" className={`button button-${variant}`} disabled={busy || disabled} aria-busy={busy || undefined}>
      {busy ? busyLabel : label}
    </button>
  );
}
