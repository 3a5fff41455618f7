// The dashboard's agreement per option (Fleiss' kappa) and per guideline version
// (Krippendorff's alpha) as bar charts against the alert threshold: the figures of the
// agreement report (GET /projects/{p}/agreement), drawn. Option names are user data: text nodes.
import type { AgreementReport, AgreementStatistic } from '../agreement/agreement_api';
import { layoutBars, type BarRow } from './bar_chart';

const why = (s: AgreementStatistic) => (s.value === null ? ` (${s.undefined_reason ?? 'undefined'})` : '');

export function optionBars(report: AgreementReport): BarRow[] {
  return report.by_option.map((o) => ({
    key: o.option,
    label: o.option,
    value: o.fleiss_kappa.value,
    note: `${o.option}: Fleiss' kappa ${o.fleiss_kappa.value?.toFixed(3) ?? '—'}${why(o.fleiss_kappa)} over ${o.paired_items} items, ${o.labels} labels`,
  }));
}

export function guidelineBars(report: AgreementReport): BarRow[] {
  return report.guidelines.map((g) => {
    const label = g.version === 0 ? 'No guidelines' : `Version ${g.version}`;
    return {
      key: String(g.version),
      label,
      value: g.krippendorff_alpha.value,
      note: `${label}: Krippendorff's alpha ${g.krippendorff_alpha.value?.toFixed(3) ?? '—'}${why(g.krippendorff_alpha)} over ${g.paired_items} items, ${g.labels} labels`,
    };
  });
}

export function AgreementBars({ rows, threshold, label, testId }: { rows: BarRow[]; threshold: number; label: string; testId: string }) {
  if (rows.length === 0) return <p class="muted">No labels yet.</p>;
  const layout = layoutBars(rows, threshold);
  const bottom = layout.height - 24;
  return (
    <figure class="dashboard-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img" aria-label={label}>
        {layout.ticks.map((t) => (
          <g key={t.value} class="dashboard-grid">
            <line x1={t.x} x2={t.x} y1={0} y2={bottom} />
            <text x={t.x} y={layout.height - 8} text-anchor="middle">
              {t.value.toFixed(1)}
            </text>
          </g>
        ))}
        {layout.bars.map((b) => (
          <g key={b.key} class="dashboard-bar" data-key={b.key}>
            <text x={layout.left - 8} y={b.y + layout.barHeight - 5} text-anchor="end">
              {b.label}
            </text>
            <rect x={b.x} y={b.y} width={b.width} height={layout.barHeight} fill={b.fill}>
              <title>{b.note}</title>
            </rect>
            <text x={Math.max(b.x + b.width, layout.zeroX) + 4} y={b.y + layout.barHeight - 5}>
              {b.text}
            </text>
          </g>
        ))}
        <line class="dashboard-zero" x1={layout.zeroX} x2={layout.zeroX} y1={0} y2={bottom} />
        <line class="dashboard-threshold" x1={layout.thresholdX} x2={layout.thresholdX} y1={0} y2={bottom} />
      </svg>
      <figcaption class="muted small">Dashed: the alert threshold ({threshold}); hover a bar for its basis.</figcaption>
    </figure>
  );
}
