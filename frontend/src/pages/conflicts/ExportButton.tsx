import { useMutation } from '@tanstack/react-query';
import { exportConflictEntries } from '../../api/conflicts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveFile } from '../../components/saveFile';

/**
 * Downloads the registry as CSV. A plain link would not carry the session's token, so the file is
 * fetched through the API client and then saved.
 */
export function ExportButton() {
  const download = useMutation({
    mutationFn: exportConflictEntries,
    onSuccess: ({ file, filename }) => saveFile(file, filename),
  });
  return (
    <>
      <button type="button" className="button button-secondary" disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? 'Preparing the file…' : 'Export CSV'}
      </button>
      {download.isError && <ErrorAlert error={download.error} />}
    </>
  );
}
