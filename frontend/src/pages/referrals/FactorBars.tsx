import type { CandidateFactor } from '../../api/types';
import { FACTOR_LABELS, percent } from '../../domain/matching';

/** A score's parts: each weighted factor as a bar, with the sentence that explains it where the caller may read one. */
export function FactorBars({ factors, label }: { factors: CandidateFactor[]; label: string }) {
  const counted = factors.filter((f) => f.weight > 0);
  return (
    <ul className="factor-list" aria-label={label}>
      {counted.map((f) => (
        <li key={f.name} className="factor">
          <span className="factor-name">{FACTOR_LABELS[f.name]}</span>
          <meter min={0} max={1} value={f.value} aria-label={`${FACTOR_LABELS[f.name]} ${percent(f.value)}`} />
          <span className="factor-value">{percent(f.value)}</span>
          <span className="factor-why">{f.why ?? ''}</span>
        </li>
      ))}
    </ul>
  );
}
