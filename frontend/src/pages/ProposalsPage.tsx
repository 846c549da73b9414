import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { dismissProposal, listProposals, sendProposal } from '../api/proposals';
import { queryKeys } from '../api/queryKeys';
import type { Proposal } from '../api/types';
import { useNames } from '../api/useReference';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Notice } from '../components/Notice';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDeadline } from '../forms/format';
import { UrgencyBadge } from './referrals/badges';

const COLUMNS = ['Practice area', 'Jurisdiction', 'Urgency', 'Deadline', 'Referred by', 'Attorney', 'Fit', 'Decision'];

/** One proposal with its Send and Dismiss buttons; a refusal (the referral taken meanwhile, say) shows under them. */
function ProposalRow({ proposal, onDone }: { proposal: Proposal; onDone: (message: string) => void }) {
  const names = useNames();
  const queryClient = useQueryClient();
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.proposals });
    void queryClient.invalidateQueries({ queryKey: queryKeys.offers });
    onDone(message);
  };
  const send = useMutation({
    mutationFn: () => sendProposal(proposal.id),
    onSuccess: () => done(`The referral has been offered to ${proposal.attorney_name}.`),
  });
  const dismiss = useMutation({
    mutationFn: () => dismissProposal(proposal.id),
    onSuccess: () => done(`The proposal to ${proposal.attorney_name} has been dismissed; it will not be proposed again.`),
  });
  const busy = send.isPending || dismiss.isPending;
  const r = proposal.referral;
  return (
    <tr>
      <th scope="row">
        <Link to={`/referrals/${r.id}`}>{names.practiceArea(r.practice_area)}</Link>
      </th>
      <td>{names.jurisdiction(r.jurisdiction)}</td>
      <td>
        <UrgencyBadge urgency={r.urgency} />
      </td>
      <td>{formatDeadline(r.deadline)}</td>
      <td>{r.organization_name}</td>
      <td>{proposal.attorney_name}</td>
      <td>{Math.round(proposal.score * 100)}%</td>
      <td>
        <button type="button" className="button" disabled={busy} onClick={() => send.mutate()}>
          Send offer
        </button>{' '}
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => dismiss.mutate()}>
          Dismiss
        </button>
        {send.isError && <ErrorAlert error={send.error} />}
        {dismiss.isError && <ErrorAlert error={dismiss.error} />}
      </td>
    </tr>
  );
}

/** The nightly matching's proposals for the firm's attorneys: a coordinator sends each as an offer or dismisses it. */
export function ProposalsPage() {
  useDocumentTitle('Proposals');
  const [notice, setNotice] = useState('');
  const proposals = useQuery({ queryKey: queryKeys.proposals, queryFn: listProposals });
  return (
    <>
      <h1>Proposals</h1>
      <p className="lead">
        Each night the matching assigns the open referrals nobody has been offered to the attorneys with room for them, placing
        as many as it can and then the best fits. Send a proposal to offer the referral to the attorney, or dismiss it. The
        next night’s run replaces the proposals still waiting here.
      </p>
      {notice && <Notice>{notice}</Notice>}
      <QueryState query={proposals} loadingLabel="Loading proposals…">
        {(items) =>
          items.length === 0 ? (
            <p className="card">No proposal is waiting: the next run is tonight.</p>
          ) : (
            <section className="card" aria-label="Proposals waiting for a decision">
              <p role="status">{items.length === 1 ? '1 proposal is waiting.' : `${items.length} proposals are waiting.`}</p>
              <DataTable columns={COLUMNS}>
                {items.map((p) => (
                  <ProposalRow key={p.id} proposal={p} onDone={setNotice} />
                ))}
              </DataTable>
            </section>
          )
        }
      </QueryState>
    </>
  );
}
