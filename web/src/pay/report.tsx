// The pay report (GET /projects/{p}/pay): alerts first (annotators under the floor, an
// overspent budget), the budget as a bar (hand-made SVG, labels as text nodes, the same figures
// in the totals table beside it), and a table per annotator with the effective hourly pay
// highlighted when under the floor. Names are text nodes only.
import { api } from '../session';
import type { Id } from '../types';
import { useLoaded } from '../use_loaded';
import { budgetBar, formatCents, formatFractionalCents, formatHours } from './pay';
import { payCsvUrl, payReport, type PayReport } from './pay_api';

const BAR_WIDTH = 360;

function BudgetChart({ report }: { report: PayReport }) {
  const bar = budgetBar(report.spent_cents, report.budget_cents, BAR_WIDTH);
  if (!bar) return <p class="muted">No budget set.</p>;
  const title = `Budget used: ${bar.percent}% (${formatCents(report.spent_cents)} of ${formatCents(report.budget_cents)})`;
  return (
    <figure class="pay-budget" data-testid="pay-budget">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${BAR_WIDTH} 28`} width={BAR_WIDTH} height={28} role="img" aria-label={title}>
        <rect class="pay-budget-track" x={0} y={4} width={bar.total} height={20} rx={3} />
        <rect class="pay-budget-used" x={0} y={4} width={bar.used} height={20} rx={3} />
        {bar.over > 0 ? <rect class="pay-budget-over" x={bar.total} y={4} width={bar.over} height={20} rx={3} /> : null}
      </svg>
    </figure>
  );
}

export function PayReportPanel({ projectId, refresh }: { projectId: Id; refresh: number }) {
  const { value: report, error } = useLoaded(() => payReport(api, projectId), [projectId, refresh]);

  const floor = report ? formatCents(report.policy.floor_cents_per_hour) : '';
  return (
    <section class="card pay-report" aria-labelledby="pay-report-heading">
      <h2 id="pay-report-heading">Pay report</h2>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!report && !error ? <p class="muted">Loading the report…</p> : null}
      {report ? (
        <>
          {report.alerts.length > 0 ? (
            <ul class="pay-alerts" data-testid="pay-alerts" role="alert">
              {report.alerts.map((alert, i) => (
                <li key={i}>{alert}</li>
              ))}
            </ul>
          ) : (
            <p class="ok" data-testid="pay-alerts">
              No alerts: everyone earns at least {floor} per active hour and the budget holds.
            </p>
          )}
          <div class="pay-totals-row">
            <table class="pay-totals" data-testid="pay-totals">
              <tbody>
                <tr>
                  <th scope="row">Spent</th>
                  <td class="num">{formatCents(report.spent_cents)}</td>
                </tr>
                <tr>
                  <th scope="row">Budget</th>
                  <td class="num">{report.budget_cents > 0 ? formatCents(report.budget_cents) : 'none'}</td>
                </tr>
                <tr data-key="remaining">
                  <th scope="row">Remaining</th>
                  <td class={report.remaining_cents !== null && report.remaining_cents < 0 ? 'num pay-over' : 'num'}>
                    {report.remaining_cents === null ? '—' : formatCents(report.remaining_cents)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">Cost per submitted label</th>
                  <td class="num" title={report.cost_per_submitted_cents_reason}>
                    {report.cost_per_submitted_cents === null ? '—' : formatFractionalCents(report.cost_per_submitted_cents)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">Cost per accepted label</th>
                  <td class="num" title={report.cost_per_accepted_cents_reason}>
                    {report.cost_per_accepted_cents === null ? '—' : formatFractionalCents(report.cost_per_accepted_cents)}
                  </td>
                </tr>
              </tbody>
            </table>
            <BudgetChart report={report} />
          </div>
          <table class="pay-annotators" data-testid="pay-annotators">
            <thead>
              <tr>
                <th scope="col">Annotator</th>
                <th scope="col">Tier</th>
                <th scope="col">Labels</th>
                <th scope="col">Accepted</th>
                <th scope="col">Rejected</th>
                <th scope="col">Active hours</th>
                <th scope="col">Earned</th>
                <th scope="col">Per active hour</th>
              </tr>
            </thead>
            <tbody>
              {report.annotators.map((a) => (
                <tr key={String(a.annotator_id)} data-annotator={String(a.annotator_id)}>
                  <td>{a.display_name}</td>
                  <td>{a.tier}</td>
                  <td class="num">
                    {a.submitted}
                    {a.skipped > 0 ? ` (+${a.skipped} skipped)` : ''}
                  </td>
                  <td class="num">{a.accepted}</td>
                  <td class="num">{a.rejected}</td>
                  <td class="num">{formatHours(a.active_time_ms)}</td>
                  <td class="num">{formatCents(a.earned_cents)}</td>
                  <td
                    class={a.below_floor ? 'num pay-effective below-floor' : 'num pay-effective'}
                    title={a.effective_cents_per_hour_reason ?? (a.below_floor ? `under the floor of ${floor}` : undefined)}
                  >
                    {a.effective_cents_per_hour === null ? '—' : formatCents(a.effective_cents_per_hour)}
                    {a.below_floor ? ' (under the floor)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.annotators.length === 0 ? <p class="muted">Nobody has submitted work yet.</p> : null}
          <p>
            <a class="button" href={payCsvUrl(projectId)} download>
              Download as CSV
            </a>
          </p>
        </>
      ) : null}
    </section>
  );
}
