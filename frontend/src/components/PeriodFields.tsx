import { TextField } from './TextField';

export interface Period {
  from: string;
  to: string;
}

interface PeriodFieldsProps {
  period: Period;
  onChange: (period: Period) => void;
  errors?: Partial<Record<keyof Period, string>>;
}

/** The first and last day of a period (both included), as date fields side by side. */
export function PeriodFields({ period, onChange, errors = {} }: PeriodFieldsProps) {
  return (
    <>
      <TextField label="From" type="date" value={period.from} onChange={(from) => onChange({ ...period, from })} error={errors.from} />
      <TextField label="To" type="date" value={period.to} onChange={(to) => onChange({ ...period, to })} error={errors.to} />
    </>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The last twelve months: from the first day of the month eleven months back to today. */
export function lastTwelveMonths(now = new Date()): Period {
  return { from: isoDay(new Date(now.getFullYear(), now.getMonth() - 11, 1)), to: isoDay(now) };
}

/** Why a period cannot be asked for, per field; nothing when it can. */
export function periodErrors({ from, to }: Period): Partial<Record<keyof Period, string>> {
  const errors: Partial<Record<keyof Period, string>> = {};
  if (!from) errors.from = 'Enter the first day.';
  if (!to) errors.to = 'Enter the last day.';
  if (from && to && to < from) errors.to = 'The last day must be on or after the first.';
  return errors;
}
