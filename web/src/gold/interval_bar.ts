// Geometry of the small horizontal bar that draws an accuracy with its 95% interval on a 0–100%
// scale: where the interval's band starts and ends, where the point estimate and the policy's
// warn and pause lines sit, in the SVG's user units. Values outside 0..1 (or NaN) are clamped so
// a bad number never draws outside the bar.
export interface BarGeometry {
  width: number;
  band: { x: number; width: number }; // the interval
  point: number | null; // the accuracy (null: none to draw)
  ticks: { x: number; kind: 'warn' | 'pause' }[];
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
const round = (v: number) => Math.round(v * 100) / 100;

export function barGeometry(
  width: number,
  interval: { low: number; high: number } | null | undefined,
  accuracy: number | null | undefined,
  policy?: { warn_below: number; pause_below: number },
): BarGeometry {
  const x = (v: number) => round(clamp01(v) * width);
  let low = interval ? clamp01(interval.low) : 0;
  let high = interval ? clamp01(interval.high) : 0;
  if (low > high) [low, high] = [high, low];
  const ticks: BarGeometry['ticks'] = [];
  // A pause line at 0 means "never pause": nothing to draw.
  if (policy && policy.pause_below > 0) ticks.push({ x: x(policy.pause_below), kind: 'pause' });
  if (policy && policy.warn_below > 0) ticks.push({ x: x(policy.warn_below), kind: 'warn' });
  return {
    width,
    band: interval ? { x: x(low), width: round(x(high) - x(low)) } : { x: 0, width: 0 },
    point: accuracy === null || accuracy === undefined || !Number.isFinite(accuracy) ? null : x(accuracy),
    ticks,
  };
}

export type Verdict = 'too_few_answers' | 'good' | 'warned' | 'paused';

// The badge's words and its colour class (paused red, warned amber, good green, too few grey).
export function verdictBadge(verdict: string): { text: string; tone: 'red' | 'amber' | 'green' | 'grey' } {
  if (verdict === 'paused') return { text: 'paused', tone: 'red' };
  if (verdict === 'warned') return { text: 'warned', tone: 'amber' };
  if (verdict === 'good') return { text: 'good', tone: 'green' };
  if (verdict === 'too_few_answers') return { text: 'too few answers', tone: 'grey' };
  return { text: verdict, tone: 'grey' };
}
