import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { importConflictEntries } from '../../api/conflicts';
import { invalidateAfterRegistryChange } from '../../api/invalidate';
import type { ImportMode } from '../../api/types';
import { CsvUploadForm } from '../../components/CsvUploadForm';
import { SelectField } from '../../components/SelectField';
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
  const [mode, setMode] = useState<ImportMode>('partial');

  const mutation = useMutation({
    mutationFn: (chosen: File) => importConflictEntries(chosen, mode),
    onSuccess: (report) => {
      if (report.committed) void invalidateAfterRegistryChange(queryClient);
    },
  });

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
      <CsvUploadForm submitLabel="Upload" busy={mutation.isPending} error={mutation.error} onUpload={mutation.mutate} onChoose={mutation.reset}>
        <SelectField
          label="Import mode"
          value={mode}
          options={(Object.keys(MODE_LABELS) as ImportMode[]).map((value) => ({ value, label: MODE_LABELS[value] }))}
          onChange={setMode}
        />
      </CsvUploadForm>
      {mutation.isSuccess && <ImportReportView report={mutation.data} />}
    </>
  );
}
