import { useState, type FormEvent, type ReactNode } from 'react';
import { PeriodFields, periodErrors, type Period } from './PeriodFields';
import { hasErrors } from '../forms/validation';

interface PeriodFormProps {
  /** The form's accessible name. */
  name: string;
  period: Period;
  onApply: (period: Period) => void;
  /** Further choices sent with the period, shown before it (a report and its grouping, an organisation). */
  children?: ReactNode;
  submitLabel?: string;
}

/** A period to show figures for, checked before it is asked for: figures load when it is sent, not at every key. */
export function PeriodForm({ name, period, onApply, children, submitLabel = 'Show' }: PeriodFormProps) {
  const [draft, setDraft] = useState<Period>({ from: period.from, to: period.to });
  const [errors, setErrors] = useState<ReturnType<typeof periodErrors>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = periodErrors(draft);
    setErrors(found);
    if (!hasErrors(found)) onApply(draft);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={name}>
      <div className="filter-bar">
        {children}
        <PeriodFields period={draft} onChange={setDraft} errors={errors} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
