// Layout of a horizontal bar chart of agreement figures (one bar per row, from zero), for the
// dashboard's per-option and per-guideline-version charts. Pure, so it is tested without a DOM.
import {kappaColour, shorten} from './charts';

export interface BarRow {
  key: string;
  label: string;
  value: number|null;  // Null: undefined for this row (its reason goes in `note`).
  note: string;        // The bar's title: the figure with its basis.
}

export interface PlacedBar {
  key: string;
  label: string;
  note: string;
  y: number;      // Top of the bar.
  x: number;      // Left edge (the zero line for positive values).
  width: number;  // 0 for an undefined value.
  fill: string;
  text: string;  // The value printed beside the bar.
}

export interface BarLayout {
  width: number;
  height: number;
  left: number;  // Where the axis starts (after the row labels).
  barHeight: number;
  zeroX: number;
  thresholdX: number;
  ticks: {value: number; x: number}[];
  bars: PlacedBar[];
}

const ROW = 26;
const BAR = 18;
const TOP = 8;
const AXIS = 24;

// Bars on a scale from min(0, lowest value, -0.2 if any is negative) to 1; `threshold` is drawn
// as a dashed line (the alert threshold).
export function layoutBars(rows: BarRow[], threshold: number, width = 640, left = 170): BarLayout {
  const values = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
  const low = Math.min(0, ...values.map((v) => Math.floor(v * 5) / 5));
  const right = width - 48;
  const x = (v: number) => left + ((v - low) / (1 - low)) * (right - left);
  const ticks = [];
  for (let t = low; t <= 1 + 1e-9; t += 0.2) ticks.push({value: Math.round(t * 10) / 10, x: x(t)});
  const bars = rows.map((r, i) => {
    const v = r.value;
    const from = v === null ? x(0) : Math.min(x(0), x(v));
    return {
      key: r.key,
      label: shorten(r.label, 24),
      note: r.note,
      y: TOP + i * ROW,
      x: from,
      width: v === null ? 0 : Math.abs(x(v) - x(0)),
      fill: kappaColour(v),
      text: v === null ? '—' : v.toFixed(2),
    };
  });
  return {
    width,
    height: TOP + rows.length * ROW + AXIS,
    left,
    barHeight: BAR,
    zeroX: x(0),
    thresholdX: x(threshold),
    ticks,
    bars
  };
}
