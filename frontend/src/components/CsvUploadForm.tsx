import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FieldFrame } from './FieldFrame';
import { FormAlert } from './FormAlert';
import { SubmitButton } from './SubmitButton';

interface CsvUploadFormProps {
  /** The form's accessible name. */
  name?: string;
  submitLabel: string;
  busy: boolean;
  /** Why the server refused the last upload. */
  error: unknown;
  onUpload: (file: File) => void;
  /** Another file was chosen: what was said about the last one no longer applies. */
  onChoose: () => void;
  /** Further choices sent with the file, shown after it. */
  children?: ReactNode;
}

/** Chooses a CSV file and sends it, asking for one first when none is chosen. */
export function CsvUploadForm({ name, submitLabel, busy, error, onUpload, onChoose, children }: CsvUploadFormProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError('Choose a CSV file.');
      fileInput.current?.focus();
      return;
    }
    setFileError(undefined);
    onUpload(file);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={name}>
      <FormAlert error={error} />
      <FieldFrame label="CSV file" error={fileError}>
        {(control) => (
          <input
            {...control}
            ref={fileInput}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              onChoose();
            }}
          />
        )}
      </FieldFrame>
      {children}
      <div className="form-actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel="Importing…" />
      </div>
    </form>
  );
}
