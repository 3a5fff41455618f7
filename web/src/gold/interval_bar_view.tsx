// The accuracy and its 95% interval as a small inline SVG on a 0–100% scale (geometry in
// interval_bar.ts), with the policy's pause and warn lines; the numbers are also in its label.
import type { GoldPolicy } from '../types';
import type { Interval } from './gold_api';
import { barGeometry } from './interval_bar';
import { percentLabel } from './policy';

const WIDTH = 120;
const HEIGHT = 14;

export function IntervalBar({ interval, accuracy, policy }: { interval: Interval | null | undefined; accuracy?: number | null; policy?: GoldPolicy | undefined }) {
  const g = barGeometry(WIDTH, interval, accuracy, policy);
  const label = interval ? `95% interval ${percentLabel(interval.low)} to ${percentLabel(interval.high)}` : 'No interval';
  return (
    <svg class="interval-bar" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <title>{label}</title>
      <rect class="interval-scale" x={0} y={5} width={WIDTH} height={4} rx={2} />
      <rect class="interval-band" x={g.band.x} y={3} width={Math.max(g.band.width, 1)} height={8} rx={2} />
      {g.ticks.map((t) => (
        <line key={t.kind} class={`interval-tick ${t.kind}`} x1={t.x} x2={t.x} y1={0} y2={HEIGHT} />
      ))}
      {g.point === null ? null : <circle class="interval-point" cx={g.point} cy={7} r={3} />}
    </svg>
  );
}
