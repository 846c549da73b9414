import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { deletePartnership, listPartnerships } from '../api/partnerships';
import { queryKeys } from '../api/queryKeys';
import type { Partnership } from '../api/types';
import { useNames } from '../api/useReference';
import { useCurrentUser } from '../auth/currentUser';
import { ChangedMeanwhile, isChangedMeanwhile } from '../components/ChangedMeanwhile';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Notice } from '../components/Notice';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { canWritePartnerships } from '../domain/partnerships';
import { formatDay } from '../forms/format';
import { PartnershipForm } from './partnerships/PartnershipForm';

/** Firms' commitments to referring organisations: which cases, how many hours a year, who to call. */
export function PartnershipsPage() {
  useDocumentTitle('Partnerships');
  const me = useCurrentUser();
  const writer = canWritePartnerships(me.role);
  const [editing, setEditing] = useState<Partnership | 'new' | null>(null);
  const [notice, setNotice] = useState('');
  const partnerships = useInfiniteQuery({
    queryKey: queryKeys.partnerships,
    queryFn: ({ pageParam }) => listPartnerships(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const items = partnerships.data?.pages.flatMap((page) => page.items) ?? [];
  const close = (message = '') => {
    setEditing(null);
    setNotice(message);
  };

  return (
    <>
      <div className="page-heading">
        <h1>Partnerships</h1>
        {writer && editing === null && (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            Record a partnership
          </button>
        )}
      </div>
      <p className="lead">
        {me.role === 'platform_admin'
          ? 'Every partnership between a law firm and a referring organisation.'
          : `The partnerships of ${me.organization.name}: the practice areas they cover, the hours pledged each year and the hours delivered so far. Matching favours partner firms while pledged hours are left.`}
      </p>
      {notice && <Notice>{notice}</Notice>}
      {editing !== null && (
        <section className="card" aria-labelledby="partnership-form-heading">
          <h2 id="partnership-form-heading">{editing === 'new' ? 'Record a partnership' : 'Edit the partnership'}</h2>
          <PartnershipForm
            key={editing === 'new' ? 'new' : editing.id}
            partnership={editing === 'new' ? undefined : editing}
            onSaved={(saved) => close(`The partnership of ${saved.firm_name} and ${saved.referrer_name} has been saved.`)}
            onCancel={() => close()}
          />
        </section>
      )}
      {partnerships.isPending ? (
        <Loading label="Loading partnerships…" />
      ) : !partnerships.data ? (
        <ErrorAlert error={partnerships.error} />
      ) : items.length === 0 ? (
        <p className="card">No partnerships yet.</p>
      ) : (
        <section className="card" aria-label="Partnership list">
          <DataTable columns={['Partner', 'Practice areas', 'Hours delivered of pledged', 'Dates', 'Contact', ...(writer ? [''] : [])]}>
            {items.map((p) => (
              <PartnershipRow key={p.id} partnership={p} writer={writer} onEdit={() => setEditing(p)} onDeleted={close} />
            ))}
          </DataTable>
          {partnerships.hasNextPage && (
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={partnerships.isFetchingNextPage}
                onClick={() => void partnerships.fetchNextPage()}
              >
                {partnerships.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
          {partnerships.isError && <ErrorAlert error={partnerships.error} />}
        </section>
      )}
    </>
  );
}

interface PartnershipRowProps {
  partnership: Partnership;
  writer: boolean;
  onEdit: () => void;
  onDeleted: (message: string) => void;
}

function PartnershipRow({ partnership: p, writer, onEdit, onDeleted }: PartnershipRowProps) {
  const me = useCurrentUser();
  const names = useNames();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const partner =
    me.role === 'platform_admin' ? `${p.firm_name} and ${p.referrer_name}` : me.organization.id === p.firm_id ? p.referrer_name : p.firm_name;
  const remove = useMutation({
    mutationFn: () => deletePartnership(p.id, p.version),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.partnerships });
      onDeleted(`The partnership with ${partner} has been deleted.`);
    },
  });
  return (
    <tr>
      <th scope="row">{partner}</th>
      <td>{p.practice_areas.length === 0 ? 'All practice areas' : p.practice_areas.map(names.practiceArea).join(', ')}</td>
      <td>
        <DeliveredHours delivered={p.delivered_hours} pledged={p.pledged_hours} />
      </td>
      <td>
        {formatDay(p.starts_on)} – {p.ends_on ? formatDay(p.ends_on) : 'no end date'}
      </td>
      <td>
        {p.contact_name}
        {p.contact_email && (
          <>
            {p.contact_name && <br />}
            <a href={`mailto:${p.contact_email}`}>{p.contact_email}</a>
          </>
        )}
      </td>
      {writer && (
        <td>
          {isChangedMeanwhile(remove.error) ? (
            <ChangedMeanwhile
              subject="this partnership"
              outcome="It was not deleted."
              onReload={() => {
                remove.reset();
                setConfirming(false);
                void queryClient.invalidateQueries({ queryKey: queryKeys.partnerships });
              }}
            />
          ) : confirming ? (
            <div role="group" aria-label={`Delete the partnership with ${partner}?`}>
              <p>Delete the partnership with {partner}?</p>
              <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
                {remove.isPending ? 'Deleting…' : 'Delete'}
              </button>{' '}
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                Keep it
              </button>
              {remove.error && <ErrorAlert error={remove.error} />}
            </div>
          ) : (
            <>
              <button type="button" className="button button-secondary" onClick={onEdit} aria-label={`Edit the partnership with ${partner}`}>
                Edit
              </button>{' '}
              <button type="button" className="button button-secondary" onClick={() => setConfirming(true)} aria-label={`Delete the partnership with ${partner}`}>
                Delete
              </button>
            </>
          )}
        </td>
      )}
    </tr>
  );
}

/** Hours the firm's attorneys gave against the hours it pledged, in figures and as a bar. */
function DeliveredHours({ delivered, pledged }: { delivered: number; pledged: number }) {
  const hours = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return (
    <>
      {`${hours(delivered)} of ${hours(pledged)}`}
      {pledged > 0 && (
        <>
          <br />
          <meter min={0} max={pledged} value={Math.min(delivered, pledged)} aria-label={`${Math.round((delivered / pledged) * 100)}% of the pledged hours delivered`} />
        </>
      )}
    </>
  );
}
