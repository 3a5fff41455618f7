// The geometry of the routing report's horizontal bar charts, kept pure so it is tested: each
// bar's length is its value over the largest value (at least 1, so all-zero charts draw no bars),
// rows are stacked with a gap, and the label column and value text sit beside the bars.
import type { RoutingReport } from './routing_api';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
}

export interface Bar extends BarDatum {
  x: number; // left of the bar
  y: number; // top of the row
  width: number; // the bar's length, 0 for 0
  height: number;
  textX: number; // where the value is written, right of the bar
  textY: number; // baseline of the label and the value
}

export interface ChartLayout {
  width: number;
  height: number;
  bars: Bar[];
}

export const CHART = { width: 560, labelWidth: 200, valueWidth: 60, row: 28, bar: 18, pad: 4 };

export function layoutBars(data: BarDatum[], dims = CHART): ChartLayout {
  const track = Math.max(0, dims.width - dims.labelWidth - dims.valueWidth);
  const largest = Math.max(1, ...data.map((d) => Math.max(0, d.value)));
  const bars = data.map((d, i) => {
    const y = dims.pad + i * dims.row;
    const width = Math.round((Math.max(0, d.value) / largest) * track * 10) / 10;
    return {
      ...d,
      x: dims.labelWidth,
      y,
      width,
      height: dims.bar,
      textX: dims.labelWidth + width + 6,
      textY: y + dims.bar - 4,
    };
  });
  return { width: dims.width, height: dims.pad * 2 + data.length * dims.row, bars };
}

// Labels the finished tasks took against what fixed overlap would have taken.
export function labelBars(report: RoutingReport): BarDatum[] {
  return [
    { key: 'finished_labels', label: 'Labels used', value: report.finished_labels },
    { key: 'fixed_overlap_labels', label: 'With fixed overlap', value: report.fixed_overlap_labels },
  ];
}

// The tasks by what routing did with them. These overlap, as the server counts them: a task
// that asked for more and then escalated counts in both, and "finished" (all the labels it
// wants) includes those that stopped early or asked for more.
export function outcomeBars(report: RoutingReport): BarDatum[] {
  return [
    { key: 'open', label: 'Not finished', value: Math.max(0, report.tasks - report.finished) },
    { key: 'finished', label: 'Finished', value: report.finished },
    { key: 'stopped_early', label: 'Stopped early', value: report.stopped_early },
    { key: 'asked_more', label: 'Asked for more', value: report.asked_more },
    { key: 'escalated', label: 'Escalated', value: report.escalated },
    { key: 'adjudicated', label: 'Adjudicated', value: report.adjudicated },
  ];
}
