import { useMutation } from '@tanstack/react-query';
import { verifyAuditTrail } from '../../api/audit';
import type { AuditVerification } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VERIFY_REASON_LABELS } from '../../domain/audit';

const count = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'}`;

/** Recomputes the trail's hash chain on the server and says whether it is whole, or where it breaks. */
export function VerifyChain() {
  const verify = useMutation({ mutationFn: verifyAuditTrail });
  return (
    <section className="card" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Is the trail intact?</h2>
      <p>
        Each entry carries the hash of the one before it, so changing or removing an entry breaks the chain from there on.
        Verifying recomputes every link.
      </p>
      <div className="form-actions">
        <button type="button" className="button button-secondary" disabled={verify.isPending} onClick={() => verify.mutate()}>
          {verify.isPending ? 'Verifying…' : 'Verify the chain'}
        </button>
      </div>
      {verify.data && <Verdict result={verify.data} />}
      {verify.isError && <ErrorAlert error={verify.error} />}
    </section>
  );
}

function Verdict({ result }: { result: AuditVerification }) {
  if (result.ok) {
    return (
      <div className="alert alert-success" role="status">
        <p>The chain is intact: {count(result.checked)} checked.</p>
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="alert">
      <p>
        The chain is broken at entry {result.first_broken_id ?? '?'}
        {result.reason && <>: {VERIFY_REASON_LABELS[result.reason]}</>}. {count(result.checked)} before it are intact.
      </p>
      {result.detail && <p>{result.detail}</p>}
    </div>
  );
}
