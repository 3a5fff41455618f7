// One stored aggregate drawn small: the label, a confidence bar, and the raw vote distribution
// as bars (largest first), with where the label came from. Text only through JSX (no HTML).
import { distributionBars, percent, sourceText, type TaskAggregate } from './aggregates';

const BAR_WIDTH = 80;
const BAR_HEIGHT = 8;

function ShareBar({ share, label, kind }: { share: number; label: string; kind: string }) {
  const width = Math.min(1, Math.max(0, share)) * BAR_WIDTH;
  return (
    <svg class={`aggregate-bar aggregate-bar-${kind}`} width={BAR_WIDTH} height={BAR_HEIGHT} role="img" aria-label={label}>
      <rect class="aggregate-bar-track" x={0} y={0} width={BAR_WIDTH} height={BAR_HEIGHT} />
      <rect class="aggregate-bar-fill" x={0} y={0} width={width} height={BAR_HEIGHT} />
    </svg>
  );
}

export function AggregateRow({ row }: { row: TaskAggregate }) {
  return (
    <tr data-testid="aggregate-row" data-task={row.task_id}>
      <td>{row.task_id}</td>
      <td>
        <strong data-testid="aggregate-label">{row.label ?? '—'}</strong>
        {row.ambiguous ? <span class="aggregate-ambiguous"> (ambiguous)</span> : null}
        <div class="muted">{sourceText(row)}</div>
      </td>
      <td>
        <ShareBar share={row.confidence} kind="confidence" label={`confidence ${percent(row.confidence)}`} />{' '}
        <span data-testid="aggregate-confidence">{percent(row.confidence)}</span>
        <div class="muted">weight {row.weight.toFixed(2)}</div>
      </td>
      <td>
        <ul class="aggregate-distribution">
          {distributionBars(row.distribution, 1).map((bar) => (
            <li key={bar.option}>
              <ShareBar share={bar.share} kind="vote" label={`${bar.option} ${bar.percent} of the votes`} /> {bar.option}{' '}
              {bar.percent}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
