import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { exportTimeEntries, type TimeExportFormat, type TimeExportRequest } from '../../api/timeEntries';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lastTwelveMonths } from '../../components/PeriodFields';
import { PeriodForm } from '../../components/PeriodForm';
import { saveFile } from '../../components/saveFile';
import { SelectField } from '../../components/SelectField';

const FORMATS: { value: TimeExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV (spreadsheet)' },
  { value: 'ledes', label: 'LEDES 1998B (billing system)' },
];

/** Downloads the firm's approved time over a period, as CSV or LEDES 1998B, for its billing system. */
export function TimeExportForm() {
  const [choice, setChoice] = useState<Pick<TimeExportRequest, 'format' | 'narratives'>>({ format: 'csv', narratives: true });
  const download = useMutation({
    mutationFn: exportTimeEntries,
    onSuccess: ({ file, filename }) => saveFile(file, filename),
  });
  return (
    <>
      <p>
        The approved time of your firm’s attorneys with work dates in the period. No client’s name or details are in the file: a
        matter is named by its id. Narratives are the attorneys’ own words; leave them out when the file goes outside the firm.
      </p>
      <PeriodForm
        name="Export approved time"
        period={lastTwelveMonths()}
        onApply={(period) => download.mutate({ ...choice, ...period })}
        submitLabel={download.isPending ? 'Preparing the file…' : 'Download'}
      >
        <SelectField<TimeExportFormat> label="Format" value={choice.format} options={FORMATS} onChange={(format) => setChoice({ ...choice, format })} />
        <CheckboxField label="Include narratives" checked={choice.narratives} onChange={(narratives) => setChoice({ ...choice, narratives })} />
      </PeriodForm>
      {download.isError && <ErrorAlert error={download.error} />}
    </>
  );
}
