import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import type { PathErrors } from '../../forms/fieldPaths';
import { todayIso } from '../../forms/numbers';
import type { ClientFields as Client } from '../../forms/referralForm';

interface ClientFieldsProps {
  client: Client;
  onChange: (client: Client) => void;
  errors: PathErrors;
}

export function ClientFields({ client, onChange, errors }: ClientFieldsProps) {
  const set = (field: keyof Client) => (value: string) => onChange({ ...client, [field]: value });
  return (
    <>
      <TextField label="Client name" value={client.name} onChange={set('name')} error={errors['client.name']} autoComplete="off" required />
      <div className="field-grid">
        <TextField label="Client email" type="email" value={client.email} onChange={set('email')} error={errors['client.email']} autoComplete="off" />
        <TextField label="Client phone" type="tel" value={client.phone} onChange={set('phone')} error={errors['client.phone']} autoComplete="off" />
        <TextField
          label="Date of birth"
          type="date"
          max={todayIso()}
          value={client.date_of_birth}
          onChange={set('date_of_birth')}
          error={errors['client.date_of_birth']}
        />
      </div>
      <TextField label="Client address" value={client.address} onChange={set('address')} error={errors['client.address']} autoComplete="off" />
      <TextAreaField label="Notes about the client" value={client.notes} onChange={set('notes')} error={errors['client.notes']} rows={3} />
    </>
  );
}
