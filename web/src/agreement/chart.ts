// The geometry of the agreement-per-week line chart, kept pure so it is tested: weeks spread
// evenly along x, values map linearly to y over [low, 1] (low is 0, or below it when alpha went
// negative), undefined values break the line into segments, and the two alert thresholds are
// horizontal lines.
export interface WeekPoint {
  week: string;
  raw: number | null;
  alpha: number | null;
}

export interface LineChartDims {
  width: number;
  height: number;
  left: number; // room for the y labels
  right: number;
  top: number;
  bottom: number; // room for the week labels
}

export const LINE_CHART: LineChartDims = { width: 640, height: 260, left: 44, right: 16, top: 12, bottom: 36 };

export interface PlotPoint {
  x: number;
  y: number;
  value: number;
}

export interface LineChartLayout {
  width: number;
  height: number;
  low: number;
  xs: number[]; // per week
  y: (value: number) => number;
  raw: PlotPoint[][]; // segments of defined values
  alpha: PlotPoint[][];
  thresholds: { key: 'kappa' | 'raw'; value: number; y: number }[];
  ticks: { value: number; y: number }[];
}

function segments(values: (number | null)[], xs: number[], y: (v: number) => number): PlotPoint[][] {
  const out: PlotPoint[][] = [];
  let current: PlotPoint[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current.length) out.push(current);
      current = [];
      return;
    }
    current.push({ x: xs[i]!, y: y(v), value: v });
  });
  if (current.length) out.push(current);
  return out;
}

export function layoutLineChart(
  points: WeekPoint[],
  thresholds: { kappa: number; raw: number },
  dims: LineChartDims = LINE_CHART,
): LineChartLayout {
  const defined = points.flatMap((p) => [p.raw, p.alpha]).filter((v): v is number => v !== null && Number.isFinite(v));
  // Alpha can be negative (worse than chance): extend the axis down to the next tenth.
  const low = Math.min(0, Math.floor(Math.min(0, ...defined) * 10) / 10);
  const plotW = dims.width - dims.left - dims.right;
  const plotH = dims.height - dims.top - dims.bottom;
  const y = (v: number) => Math.round((dims.top + ((1 - v) / (1 - low)) * plotH) * 10) / 10;
  const xs = points.map((_, i) =>
    Math.round((points.length === 1 ? dims.left + plotW / 2 : dims.left + (i / (points.length - 1)) * plotW) * 10) / 10,
  );
  const ticks: { value: number; y: number }[] = [];
  for (let v = 1; v >= low - 1e-9; v = Math.round((v - 0.2) * 10) / 10) ticks.push({ value: v, y: y(v) });
  return {
    width: dims.width,
    height: dims.height,
    low,
    xs,
    y,
    raw: segments(
      points.map((p) => p.raw),
      xs,
      y,
    ),
    alpha: segments(
      points.map((p) => p.alpha),
      xs,
      y,
    ),
    thresholds: [
      { key: 'kappa', value: thresholds.kappa, y: y(thresholds.kappa) },
      { key: 'raw', value: thresholds.raw, y: y(thresholds.raw) },
    ],
    ticks,
  };
}

// "x1,y1 x2,y2" for an SVG polyline.
export function polylinePoints(segment: PlotPoint[]): string {
  return segment.map((p) => `${p.x},${p.y}`).join(' ');
}
