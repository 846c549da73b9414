interface SubmitButtonProps {
  busy: boolean;
  label: string;
  busyLabel: string;
  variant?: 'primary' | 'secondary';
}

export function SubmitButton({ busy, label, busyLabel, variant = 'primary' }: SubmitButtonProps) {
  return (
    <button type="submit" className={`button button-${variant}`} disabled={busy} aria-busy={busy || undefined}>
      {busy ? busyLabel : label}
    </button>
  );
}
