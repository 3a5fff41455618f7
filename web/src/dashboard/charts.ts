// The geometry of the dashboard's figures, kept pure so it is tested: gold accuracy over weeks
// (one line per annotator with its Wilson interval as a band; weeks spread evenly along x,
// accuracy maps linearly to y over [0, 1]) and the pairwise heatmap (a symmetric grid of
// annotators, each cell coloured by Cohen's kappa, grey when undefined).
import type { GoldAccuracyWeek, PairwiseReport } from './dashboard_api';

export interface ChartDims {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const ACCURACY_CHART: ChartDims = { width: 640, height: 260, left: 44, right: 16, top: 12, bottom: 36 };

export interface AccuracySeries {
  annotatorId: string;
  name: string;
  // low/high: the interval's ends, drawn as a whisker so a single week still shows its interval.
  points: { x: number; y: number; low: number; high: number; week: string; accuracy: number; answers: number }[];
  band: string; // SVG polygon points: the upper bound left to right, then the lower back.
}

export interface AccuracyLayout {
  width: number;
  height: number;
  weeks: string[];
  xs: number[];
  ticks: { value: number; y: number }[];
  series: AccuracySeries[];
}

const round = (v: number) => Math.round(v * 10) / 10;

export function layoutAccuracyChart(rows: GoldAccuracyWeek[], dims: ChartDims = ACCURACY_CHART): AccuracyLayout {
  const weeks = [...new Set(rows.map((r) => r.week))].sort();
  const plotW = dims.width - dims.left - dims.right;
  const plotH = dims.height - dims.top - dims.bottom;
  const xs = weeks.map((_, i) => round(weeks.length === 1 ? dims.left + plotW / 2 : dims.left + (i / (weeks.length - 1)) * plotW));
  const xOf = new Map(weeks.map((w, i) => [w, xs[i]!]));
  const y = (v: number) => round(dims.top + (1 - v) * plotH);
  const byAnnotator = new Map<string, GoldAccuracyWeek[]>();
  for (const r of rows) {
    const key = String(r.annotator_id);
    byAnnotator.set(key, [...(byAnnotator.get(key) ?? []), r]);
  }
  const series: AccuracySeries[] = [...byAnnotator.entries()].map(([annotatorId, own]) => {
    const sorted = [...own].sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
    const upper = sorted.map((r) => `${xOf.get(r.week)!},${y(r.ci95.high)}`);
    const lower = sorted.map((r) => `${xOf.get(r.week)!},${y(r.ci95.low)}`).reverse();
    return {
      annotatorId,
      name: sorted[0]!.display_name,
      points: sorted.map((r) => ({
        x: xOf.get(r.week)!,
        y: y(r.accuracy),
        low: y(r.ci95.low),
        high: y(r.ci95.high),
        week: r.week,
        accuracy: r.accuracy,
        answers: r.answers,
      })),
      band: [...upper, ...lower].join(' '),
    };
  });
  const ticks = [1, 0.8, 0.6, 0.4, 0.2, 0].map((value) => ({ value, y: y(value) }));
  return { width: dims.width, height: dims.height, weeks, xs, ticks, series };
}

// A distinct colour per series (hue steps by the golden angle so neighbours differ).
export const seriesColour = (index: number) => `hsl(${Math.round((index * 137.508) % 360)}, 65%, 42%)`;

// Kappa from red (≤ 0, chance or worse) through yellow to green (1); grey when undefined.
export function kappaColour(kappa: number | null): string {
  if (kappa === null || !Number.isFinite(kappa)) return '#d0d0d0';
  const t = Math.max(0, Math.min(1, kappa));
  return `hsl(${Math.round(t * 120)}, 70%, 55%)`;
}

export interface HeatmapCell {
  row: number;
  column: number;
  x: number;
  y: number;
  kappa: number | null;
  fill: string;
  title: string;
}

export interface HeatmapLayout {
  size: number; // cell side
  left: number; // room for the row names
  top: number; // room for the column numbers
  width: number;
  height: number;
  names: string[];
  labels: string[]; // names cut to fit the room on the left (the full name is in the title)
  cells: HeatmapCell[];
}

// A name cut to `max` characters with an ellipsis.
export function shorten(name: string, max = 18): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

// One cell per ordered pair with shared items (the grid is symmetric); the diagonal and pairs
// with nothing in common stay empty.
export function layoutHeatmap(report: PairwiseReport, size = 36, left = 160, top = 28): HeatmapLayout {
  const index = new Map(report.annotators.map((a, i) => [String(a.annotator_id), i]));
  const names = report.annotators.map((a) => a.display_name);
  const cells: HeatmapCell[] = [];
  for (const p of report.pairs) {
    const a = index.get(String(p.first_id));
    const b = index.get(String(p.second_id));
    if (a === undefined || b === undefined) continue;
    const kappa = p.cohen_kappa.value;
    const figure = kappa === null ? `undefined (${p.cohen_kappa.undefined_reason ?? 'no reason given'})` : kappa.toFixed(3);
    const raw = p.raw_agreement.value === null ? '—' : p.raw_agreement.value.toFixed(3);
    for (const [row, column] of [
      [a, b],
      [b, a],
    ] as const) {
      cells.push({
        row,
        column,
        x: left + column * size,
        y: top + row * size,
        kappa,
        fill: kappaColour(kappa),
        title: `${names[row]} and ${names[column]}: kappa ${figure}, raw agreement ${raw}, ${p.shared_items} shared items`,
      });
    }
  }
  const n = names.length;
  return { size, left, top, width: left + n * size + 8, height: top + n * size + 8, names, labels: names.map((name) => shorten(name)), cells };
}

// The median of the defined values, or null when there are none.
export function median(values: (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
