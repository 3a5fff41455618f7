// The routing report (GET /projects/{p}/routing): the counts as a table, and two bar charts
// people read faster: labels used against fixed overlap, and the tasks by outcome. The charts
// are hand-made SVG whose labels are text nodes; the table carries the same figures for
// screen readers, so the charts are aria-hidden apart from their titles.
import { api } from '../session';
import type { Id } from '../types';
import { useLoaded } from '../use_loaded';
import { layoutBars, labelBars, outcomeBars, type BarDatum } from './chart';
import { routingReport, type RoutingReport } from './routing_api';

const ROWS: { key: keyof RoutingReport; label: string }[] = [
  { key: 'tasks', label: 'Tasks (not gold)' },
  { key: 'finished', label: 'Finished' },
  { key: 'finished_labels', label: 'Labels the finished tasks took' },
  { key: 'fixed_overlap_labels', label: 'Labels fixed overlap would have taken' },
  { key: 'labels_saved', label: 'Labels saved' },
  { key: 'stopped_early', label: 'Stopped early' },
  { key: 'asked_more', label: 'Asking for more labels' },
  { key: 'escalated', label: 'Escalated (waiting for adjudication)' },
  { key: 'adjudicated', label: 'Adjudicated' },
];

export function RoutingReportPanel({ projectId, refresh }: { projectId: Id; refresh: number }) {
  const { value: report, error } = useLoaded(() => routingReport(api, projectId), [projectId, refresh]);

  return (
    <section class="card routing-report" aria-labelledby="routing-report-heading">
      <h2 id="routing-report-heading">What routing did</h2>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!report && !error ? <p class="muted">Loading the report…</p> : null}
      {report ? (
        <div class="routing-report-body">
          <table class="routing-counts" data-testid="routing-counts">
            <tbody>
              {ROWS.map((row) => (
                <tr key={row.key} data-key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td class="num">{String(report[row.key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="routing-charts">
            <BarChart id="routing-labels-chart" title="Labels: used against fixed overlap" data={labelBars(report)} />
            <BarChart id="routing-outcomes-chart" title="Tasks by outcome" data={outcomeBars(report)} />
            <p class="muted small">
              A task can count twice: one that asked for more and then went to adjudication is in both bars. Labels saved is
              what fixed overlap ({report.overlap} per task) would have taken minus what the finished tasks took.
            </p>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function BarChart({ id, title, data }: { id: string; title: string; data: BarDatum[] }) {
  const layout = layoutBars(data);
  return (
    <figure class="routing-chart" data-testid={id}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img" aria-label={title}>
        {layout.bars.map((bar) => (
          <g key={bar.key} data-key={bar.key} class={`routing-bar routing-bar-${bar.key}`}>
            <text x={bar.x - 8} y={bar.textY} text-anchor="end">
              {bar.label}
            </text>
            <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={2} />
            <text x={bar.textX} y={bar.textY}>
              {String(bar.value)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
