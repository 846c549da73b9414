import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { updateOrganization } from '../../api/organizations';
import type { Organization } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ORGANIZATION_KIND_LABELS } from '../../domain/roles';
import { formatDate } from '../../forms/format';
import { EditOrganizationForm } from './EditOrganizationForm';

/** The columns of OrganizationRow, for the table's headings. */
export const ORGANIZATION_COLUMNS = ['Name', 'Kind', 'Status', 'Created', 'Actions'];

interface OrganizationRowProps {
  organization: Organization;
  /** Called with the organisation as the server now has it, and a sentence saying what changed. */
  onChanged: (updated: Organization, announcement: string) => void;
}

type Open = 'edit' | 'activation' | null;

/** One organisation in the platform admin's list, with its edit form or activation confirmation below it. */
export function OrganizationRow({ organization, onChanged }: OrganizationRowProps) {
  const [open, setOpen] = useState<Open>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const activationButton = useRef<HTMLButtonElement>(null);
  // The platform's own organisation holds the platform admins: switching it off would lock them all out.
  const canDeactivate = organization.kind !== 'platform';

  const close = (then: Open) => {
    setOpen(null);
    (then === 'edit' ? editButton : activationButton).current?.focus();
  };

  return (
    <>
      <tr className={organization.active ? undefined : 'row-inactive'}>
        <th scope="row">
          <Link to={`/organizations/${organization.id}/members`}>{organization.name}</Link>
        </th>
        <td>{ORGANIZATION_KIND_LABELS[organization.kind]}</td>
        <td>
          <span className={organization.active ? 'badge badge-active' : 'badge badge-inactive'}>
            {organization.active ? 'Active' : 'Deactivated'}
          </span>
          {organization.deactivated_at && <span className="muted"> since {formatDate(organization.deactivated_at)}</span>}
        </td>
        <td>{formatDate(organization.created_at)}</td>
        <td>
          <div className="row-actions">
            <button
              ref={editButton}
              type="button"
              className="button button-small button-secondary"
              aria-expanded={open === 'edit'}
              onClick={() => setOpen(open === 'edit' ? null : 'edit')}
            >
              Edit <span className="visually-hidden">{organization.name}</span>
            </button>
            {canDeactivate && (
              <button
                ref={activationButton}
                type="button"
                className={organization.active ? 'button button-small button-danger' : 'button button-small button-secondary'}
                aria-expanded={open === 'activation'}
                onClick={() => setOpen(open === 'activation' ? null : 'activation')}
              >
                {organization.active ? 'Deactivate ' : 'Reactivate '}
                <span className="visually-hidden">{organization.name}</span>
              </button>
            )}
          </div>
        </td>
      </tr>
      {open && (
        <tr className="row-detail">
          <td colSpan={ORGANIZATION_COLUMNS.length}>
            {open === 'edit' ? (
              <EditOrganizationForm
                organization={organization}
                onCancel={() => close('edit')}
                onSaved={(updated) => {
                  close('edit');
                  onChanged(updated, `${updated.name} has been saved.`);
                }}
              />
            ) : (
              <ActivationConfirm
                organization={organization}
                onCancel={() => close('activation')}
                onDone={(updated) => {
                  close('activation');
                  onChanged(updated, `${updated.name} has been ${updated.active ? 'reactivated' : 'deactivated'}.`);
                }}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

interface ActivationConfirmProps {
  organization: Organization;
  onDone: (updated: Organization) => void;
  onCancel: () => void;
}

/** Asks before switching an organisation off or on, saying what that does to its members. */
function ActivationConfirm({ organization, onDone, onCancel }: ActivationConfirmProps) {
  const confirmButton = useRef<HTMLButtonElement>(null);
  const deactivating = organization.active;
  const mutation = useMutation({
    mutationFn: () => updateOrganization(organization.id, { active: !deactivating }),
    onSuccess: onDone,
  });

  useEffect(() => confirmButton.current?.focus(), []);

  return (
    <div className="confirm" role="group" aria-label={`Confirm ${deactivating ? 'deactivation' : 'reactivation'} of ${organization.name}`}>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <p>
        {deactivating
          ? `Deactivate ${organization.name}? Its members are signed out at once and cannot sign in until it is reactivated. Its referrals and matters stay as they are.`
          : `Reactivate ${organization.name}? Its members can sign in again; everyone signs in afresh.`}
      </p>
      <div className="form-actions">
        <button
          ref={confirmButton}
          type="button"
          className={deactivating ? 'button button-danger' : 'button button-primary'}
          disabled={mutation.isPending}
          aria-busy={mutation.isPending || undefined}
          onClick={() => mutation.mutate()}
        >
          {deactivating ? 'Yes, deactivate' : 'Yes, reactivate'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
