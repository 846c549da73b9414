import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { updateMe } from '../../api/me';
import { fieldErrors } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { validatePersonName } from '../../forms/validation';

export function ChangeNameForm({ currentName }: { currentName: string }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(currentName);
  const [error, setError] = useState<string>();

  const mutation = useMutation({
    mutationFn: () => updateMe({ name: name.trim() }),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me, me),
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validatePersonName(name);
    setError(found);
    if (found) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      {mutation.isSuccess && <Notice>Your name has been saved.</Notice>}
      <FormAlert error={mutation.error} fields={['name']} />
      <TextField
        label="Full name"
        name="name"
        autoComplete="name"
        value={name}
        onChange={(value) => {
          setName(value);
          if (mutation.isSuccess) mutation.reset();
        }}
        error={error ?? fieldErrors(mutation.error).name}
        required
      />
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Save name" busyLabel="Saving…" />
      </div>
    </form>
  );
}
