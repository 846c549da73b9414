import { useMutation } from '@tanstack/react-query';
import { exportConflictEntries } from '../../api/conflicts';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Hands a file to the browser to save, as a link to it with a download name would. */
function saveFile(file: Blob, filename: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

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
