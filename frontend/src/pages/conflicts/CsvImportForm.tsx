import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { importConflictEntries } from '../../api/conflicts';
import { invalidateAfterRegistryChange } from '../../api/invalidate';
import type { ImportMode } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { ImportReportView } from './ImportReportView';

const EXAMPLE = `name,type,role,aliases,matter_ref
"Lakeview Property Management, Inc.",organization,client,Lakeview PM;Lakeview Mgmt,2024-0117
Robert Smith,person,adverse,Bob Smith,2023-0042`;

const MODE_LABELS: Record<ImportMode, string> = {
  partial: 'Import the good lines, report the rest',
  all_or_nothing: 'All or nothing: import only if every line is good',
};

export function CsvImportForm() {
  const queryClient = useQueryClient();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [mode, setMode] = useState<ImportMode>('partial');

  const mutation = useMutation({
    mutationFn: (chosen: File) => importConflictEntries(chosen, mode),
    onSuccess: (report) => {
      if (report.committed) void invalidateAfterRegistryChange(queryClient);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError('Choose a CSV file.');
      fileInput.current?.focus();
      return;
    }
    setFileError(undefined);
    mutation.mutate(file);
  };

  return (
    <>
      <p>
        The first line must be the header <code>name,type,role,aliases,matter_ref</code>. <code>type</code> is{' '}
        <code>person</code> or <code>organization</code>; <code>role</code> is <code>client</code>,{' '}
        <code>former_client</code>, <code>adverse</code> or <code>related</code>. Separate aliases with semicolons (<code>;</code>) and
        put a name that contains a comma in double quotes. For example:
      </p>
      <pre className="example">{EXAMPLE}</pre>
      <p>
        Export CSV writes the registry in this layout. A cell that starts with <code>=</code>, <code>+</code>,{' '}
        <code>-</code> or <code>@</code> gets a leading <code>'</code> so that spreadsheets show it as text; an upload
        removes that apostrophe again.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert error={mutation.error} />
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor={fileId}>CSV file</label>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              mutation.reset();
            }}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${fileId}-error` : undefined}
          />
          {fileError && (
            <p className="field-error" id={`${fileId}-error`}>
              {fileError}
            </p>
          )}
        </div>
        <SelectField
          label="Import mode"
          value={mode}
          options={(Object.keys(MODE_LABELS) as ImportMode[]).map((value) => ({ value, label: MODE_LABELS[value] }))}
          onChange={setMode}
        />
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Upload" busyLabel="Importing…" />
        </div>
      </form>
      {mutation.isSuccess && <ImportReportView report={mutation.data} />}
    </>
  );
}
