// Pure logic of the anchoring report's display: the grouped bars of blind against drafted label
// shares per option, and how its figures read (p-values, percentages, Wilson intervals).
import type { AnchoringTest, ArmCounts, ModelAgreement } from './anchoring_api';

export type Arm = 'blind' | 'drafted';
export const ARMS: Arm[] = ['blind', 'drafted'];
export const ARM_COLOUR: Record<Arm, string> = { blind: '#4c78a8', drafted: '#f58518' };
export const ARM_NAME: Record<Arm, string> = { blind: 'Blind (no draft shown)', drafted: 'Drafted (draft shown)' };

export interface Bar {
  arm: Arm;
  count: number;
  share: number; // of the arm's labels, 0..1
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarGroup {
  option: string;
  x: number; // left edge of the group
  centre: number; // where the option's name goes
  bars: Bar[]; // one per arm with labels (an arm without labels draws nothing)
}

export interface ChartGeometry {
  width: number; // the plot's width
  height: number; // the plot's height: a share of 1 is this tall
  left: number; // room for the axis
  top: number;
  gap: number; // between groups, as a share of a group's width
}

export const CHART: ChartGeometry = { width: 420, height: 140, left: 36, top: 8, gap: 0.3 };

// One group per option in order, two bars each (blind, drafted) as tall as the option's share
// of that arm's labels; shares, not counts, so arms of different sizes compare.
export function layoutGroupedBars(distribution: ArmCounts[], g: ChartGeometry = CHART): BarGroup[] {
  if (distribution.length === 0) return [];
  const totals = { blind: 0, drafted: 0 };
  for (const d of distribution) {
    totals.blind += d.blind;
    totals.drafted += d.drafted;
  }
  const groupWidth = g.width / distribution.length;
  const barWidth = (groupWidth * (1 - g.gap)) / ARMS.length;
  const bottom = g.top + g.height;
  return distribution.map((d, i) => {
    const x = g.left + i * groupWidth;
    const start = x + (groupWidth * g.gap) / 2;
    const bars: Bar[] = [];
    ARMS.forEach((arm, j) => {
      if (totals[arm] === 0) return;
      const share = d[arm] / totals[arm];
      const height = share * g.height;
      bars.push({ arm, count: d[arm], share, x: start + j * barWidth, y: bottom - height, width: barWidth, height });
    });
    return { option: d.option, x, centre: x + groupWidth / 2, bars };
  });
}

// "62%" (whole percent), "—" when undefined.
export const percentText = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`);

// "p < 0.001", "p = 0.042", "—".
export function pText(test: AnchoringTest | null): string {
  if (!test) return '—';
  return test.p_value < 0.001 ? 'p < 0.001' : `p = ${test.p_value.toFixed(3)}`;
}

// "0.213", "—".
export const distanceText = (d: number | null) => (d === null ? '—' : d.toFixed(3));

// "62% (95% CI 48%–74%, 31 of 50)", or why there is no figure.
export function agreementText(a: ModelAgreement): string {
  if (a.rate === null || a.compared === 0) return 'no labels to compare yet';
  const interval = a.wilson_low !== null && a.wilson_high !== null ? `95% CI ${percentText(a.wilson_low)}–${percentText(a.wilson_high)}, ` : '';
  return `${percentText(a.rate)} (${interval}${a.agree} of ${a.compared})`;
}
