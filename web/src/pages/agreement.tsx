// The project's Agreement page (#/projects/{id}/agreement; admins, managers and reviewers): how
// well the annotators agree on one single-choice control, overall, per week (a line chart with
// the 0.4 and 0.70 alert thresholds), per option and per guideline version, and the alerts with
// their advice. The chart is hand-made SVG whose labels are text nodes; the tables carry the
// same figures for screen readers. Option names are user data: text nodes only.
import { useEffect, useState } from 'preact/hooks';
import {
  agreementReport,
  formatStatistic,
  STATISTIC_NAMES,
  type AgreementFigures,
  type AgreementReport,
  type AgreementStatistic,
} from '../agreement/agreement_api';
import { layoutLineChart, polylinePoints } from '../agreement/chart';
import { projectHash } from '../router';
import { api, messageOf } from '../session';
import type { Id, User } from '../types';

const canRead = (user: User) => ['admin', 'manager', 'reviewer'].includes(user.role);

export function AgreementPage({ id, user }: { id: Id; user: User }) {
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!canRead(user)) return;
    let live = true;
    agreementReport(api, id).then(
      (r) => live && (setReport(r), setError('')),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const back = <a href={projectHash(id)}>← Project</a>;
  if (!canRead(user) || error) {
    return (
      <section>
        <p>{back}</p>
        <p class="error" role="alert">
          {error || 'Agreement is for administrators, managers and reviewers.'}
        </p>
      </section>
    );
  }
  if (!report) return <p class="muted">Loading…</p>;
  return (
    <section class="agreement-page">
      <p>{back}</p>
      <h1>Agreement</h1>
      <p class="muted">
        On the control <code>{report.control}</code>, over {report.overall.labels} submitted labels by {report.annotators}{' '}
        annotators. Alerts come when Krippendorff's alpha or an option's kappa is below {report.thresholds.kappa}, or raw
        agreement below {report.thresholds.raw}, in a group of at least {report.min_paired_items} items with two or more
        labels.
      </p>
      <Alerts report={report} />
      <section class="card" aria-labelledby="agreement-overall-heading">
        <h2 id="agreement-overall-heading">Whole project</h2>
        <FiguresTable rows={[{ key: 'project', label: 'All labels', figures: report.overall }]} testId="agreement-overall" thresholds={report.thresholds} />
      </section>
      <section class="card" aria-labelledby="agreement-weeks-heading">
        <h2 id="agreement-weeks-heading">Per week</h2>
        <WeekChart report={report} />
        <FiguresTable
          rows={report.weeks.map((w) => ({ key: w.week, label: w.week, figures: w }))}
          testId="agreement-weeks"
          thresholds={report.thresholds}
        />
      </section>
      <section class="card" aria-labelledby="agreement-options-heading">
        <h2 id="agreement-options-heading">Per option</h2>
        <table class="agreement-table" data-testid="agreement-options">
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col">Labels</th>
              <th scope="col">Items</th>
              <th scope="col">Fleiss' kappa</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {report.by_option.map((o) => (
              <tr key={o.option}>
                <th scope="row">{o.option}</th>
                <td class="num">{String(o.labels)}</td>
                <td class="num">{String(o.paired_items)}</td>
                <StatCell s={o.fleiss_kappa} below={report.thresholds.kappa} />
                <td class="muted small">{o.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="agreement-guidelines-heading">
        <h2 id="agreement-guidelines-heading">Per guideline version</h2>
        <FiguresTable
          rows={report.guidelines.map((g) => ({
            key: String(g.version),
            label: g.version === 0 ? 'No guidelines' : `Version ${g.version}`,
            figures: g,
          }))}
          testId="agreement-guidelines"
          thresholds={report.thresholds}
        />
      </section>
    </section>
  );
}

function Alerts({ report }: { report: AgreementReport }) {
  if (report.alerts.length === 0) {
    return <p class="agreement-ok">No alert: agreement is above the thresholds wherever there are enough items.</p>;
  }
  return (
    <section class="card agreement-alerts" aria-labelledby="agreement-alerts-heading" data-testid="agreement-alerts">
      <h2 id="agreement-alerts-heading">Alerts</h2>
      <ul>
        {report.alerts.map((a) => (
          <li key={`${a.scope}/${a.statistic}`} role="alert">
            <strong>{a.scope}</strong>: {STATISTIC_NAMES[a.statistic] ?? a.statistic} is {a.value.toFixed(3)}, below{' '}
            {String(a.threshold)}. <span class="agreement-advice">{a.advice}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StatCell({ s, below }: { s: AgreementStatistic; below: number }) {
  const low = s.value !== null && s.value < below;
  return (
    <td class={low ? 'num agreement-low' : 'num'} title={s.undefined_reason ?? ''}>
      {formatStatistic(s)}
      {s.value === null && s.undefined_reason ? <span class="muted small"> ({s.undefined_reason})</span> : null}
    </td>
  );
}

function FiguresTable({
  rows,
  testId,
  thresholds,
}: {
  rows: { key: string; label: string; figures: AgreementFigures }[];
  testId: string;
  thresholds: AgreementReport['thresholds'];
}) {
  return (
    <table class="agreement-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col">Labels</th>
          <th scope="col">Items with 2+ labels</th>
          <th scope="col">Raw agreement</th>
          <th scope="col">Krippendorff's alpha</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.label}</th>
            <td class="num">{String(r.figures.labels)}</td>
            <td class="num">{String(r.figures.paired_items)}</td>
            <StatCell s={r.figures.raw_agreement} below={thresholds.raw} />
            <StatCell s={r.figures.krippendorff_alpha} below={thresholds.kappa} />
            <td class="muted small">{r.figures.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WeekChart({ report }: { report: AgreementReport }) {
  if (report.weeks.length === 0) return <p class="muted">No labels yet.</p>;
  const layout = layoutLineChart(
    report.weeks.map((w) => ({ week: w.week, raw: w.raw_agreement.value, alpha: w.krippendorff_alpha.value })),
    report.thresholds,
  );
  const left = layout.xs[0] ?? 0;
  const right = layout.width - 16;
  return (
    <figure class="agreement-chart" data-testid="agreement-chart">
      <figcaption>
        <span class="agreement-key-raw">Raw agreement</span> and <span class="agreement-key-alpha">Krippendorff's alpha</span>{' '}
        per ISO week; dashed: the alert thresholds.
      </figcaption>
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img" aria-label="Agreement per week">
        {layout.ticks.map((t) => (
          <g key={t.value} class="agreement-tick">
            <line x1={44} x2={right} y1={t.y} y2={t.y} />
            <text x={38} y={t.y + 4} text-anchor="end">
              {t.value.toFixed(1)}
            </text>
          </g>
        ))}
        {layout.thresholds.map((t) => (
          <g key={t.key} class={`agreement-threshold agreement-threshold-${t.key}`} data-key={t.key}>
            <line x1={44} x2={right} y1={t.y} y2={t.y} />
            <text x={right} y={t.y - 4} text-anchor="end">
              {t.key === 'raw' ? `raw ${t.value}` : `alpha ${t.value}`}
            </text>
          </g>
        ))}
        {layout.raw.map((s, i) => (
          <polyline key={`raw${i}`} class="agreement-line-raw" points={polylinePoints(s)} />
        ))}
        {layout.alpha.map((s, i) => (
          <polyline key={`alpha${i}`} class="agreement-line-alpha" points={polylinePoints(s)} />
        ))}
        {layout.raw.flat().map((p) => (
          <circle key={`r${p.x}`} class="agreement-dot-raw" cx={p.x} cy={p.y} r={3} />
        ))}
        {layout.alpha.flat().map((p) => (
          <circle key={`a${p.x}`} class="agreement-dot-alpha" cx={p.x} cy={p.y} r={3} />
        ))}
        {report.weeks.map((w, i) => (
          <text key={w.week} class="agreement-week" x={layout.xs[i] ?? left} y={layout.height - 12} text-anchor="middle">
            {w.week}
          </text>
        ))}
      </svg>
    </figure>
  );
}
