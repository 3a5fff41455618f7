// The anchoring report (GET /projects/{p}/anchoring): per single-choice control, grouped SVG
// bars of the blind and drafted label shares per option, the distribution tests, the model's
// accuracy on blind labels with its Wilson interval, and the alert with what to do about it.
// Option names and model versions are user data: text nodes and titles only.
import { api } from '../session';
import type { Id } from '../types';
import { useLoaded } from '../use_loaded';
import { agreementText, ARM_COLOUR, ARM_NAME, ARMS, CHART, distanceText, layoutGroupedBars, percentText, pText } from './anchoring';
import { anchoringReport, anchoringUrl, type AnchoringControl, type AnchoringReport } from './anchoring_api';

const AXIS_ROOM = 34; // below the plot, for the options' names

// Blind against drafted shares per option, one group of two bars per option.
export function ArmBars({ control }: { control: AnchoringControl }) {
  const groups = layoutGroupedBars(control.distribution);
  const bottom = CHART.top + CHART.height;
  const width = CHART.left + CHART.width + 8;
  const height = bottom + AXIS_ROOM;
  return (
    <figure class="dashboard-chart" data-testid={`anchoring-bars-${control.control}`}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`Blind and drafted label shares of ${control.control}`}>
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <line x1={CHART.left} x2={CHART.left + CHART.width} y1={bottom - tick * CHART.height} y2={bottom - tick * CHART.height} stroke="#ddd" />
            <text x={CHART.left - 4} y={bottom - tick * CHART.height + 4} text-anchor="end">
              {percentText(tick)}
            </text>
          </g>
        ))}
        {groups.map((g) => (
          <g key={g.option} data-option={g.option}>
            {g.bars.map((b) => (
              <rect key={b.arm} data-arm={b.arm} data-share={b.share.toFixed(4)} x={b.x} y={b.y} width={Math.max(b.width - 2, 1)} height={b.height} fill={ARM_COLOUR[b.arm]}>
                <title>{`${g.option}, ${b.arm}: ${percentText(b.share)} (${b.count} labels)`}</title>
              </rect>
            ))}
            <text x={g.centre} y={bottom + 16} text-anchor="middle">
              <title>{g.option}</title>
              {g.option.length > 16 ? `${g.option.slice(0, 15)}…` : g.option}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <ul class="dashboard-legend" aria-label="Arms">
          {ARMS.map((arm) => (
            <li key={arm}>
              <span class="dashboard-swatch" style={{ background: ARM_COLOUR[arm] }} /> {ARM_NAME[arm]}
            </li>
          ))}
        </ul>
        <span class="muted small">Each bar is the option's share of that arm's labels.</span>
      </figcaption>
    </figure>
  );
}

function ControlSection({ control, report }: { control: AnchoringControl; report: AnchoringReport }) {
  return (
    <section class="anchoring-control" data-testid={`anchoring-control-${control.control}`} data-alert={control.alert ? 'yes' : 'no'}>
      <h3>{control.control}</h3>
      {control.alert ? (
        <div class="anchoring-alert" role="alert" data-testid="anchoring-alert">
          <p>
            <strong>Anchoring:</strong> drafted labels of {control.control} agree with the model more often than blind labels do (
            {percentText(control.model_agreement_drafted.rate)} against {percentText(control.model_accuracy_blind.rate)}, {pText(control.agreement_test)}
            ). Annotators seem to accept the model's answer where they would have answered otherwise without it.
          </p>
          <p>What to do:</p>
          <ul>
            <li>Raise the blind share in the form above, so more labels are made without the model and the model's accuracy is measured better.</li>
            <li>Retrain or replace the model where its blind accuracy is low, and turn drafts off until it improves.</li>
            <li>
              Review drafted labels (the export marks each one) and go over the guidelines with the team: a draft is a suggestion to
              check, not an answer.
            </li>
          </ul>
        </div>
      ) : null}
      <ArmBars control={control} />
      <dl class="anchoring-figures">
        <dt>Blind and drafted labels differ? Chi-square</dt>
        <dd data-testid="anchoring-chi-square">{pText(control.chi_square)}</dd>
        <dt>G-test</dt>
        <dd data-testid="anchoring-g-test">{pText(control.g_test)}</dd>
        <dt>Jensen-Shannon distance (0 = same, 1 = disjoint)</dt>
        <dd data-testid="anchoring-js">{distanceText(control.js_distance)}</dd>
        <dt>Model accuracy on blind labels</dt>
        <dd data-testid="anchoring-accuracy">{agreementText(control.model_accuracy_blind)}</dd>
        <dt>Drafted labels equal to the model</dt>
        <dd data-testid="anchoring-drafted-agreement">{agreementText(control.model_agreement_drafted)}</dd>
      </dl>
      {control.comparison_reason ? (
        <p class="muted small" data-testid="anchoring-reason">
          Not compared: {control.comparison_reason}.
        </p>
      ) : null}
      {!control.alert && control.agreement_test ? (
        <p class="muted small">No sign of anchoring at p &lt; {String(report.alert_p_value)}.</p>
      ) : null}
    </section>
  );
}

export function AnchoringReportPanel({ projectId, refresh }: { projectId: Id; refresh: number }) {
  const { value: report, error } = useLoaded(() => anchoringReport(api, projectId), [projectId, refresh]);
  return (
    <section class="card anchoring-report" aria-labelledby="anchoring-report-heading" data-testid="anchoring-report">
      <h2 id="anchoring-report-heading">Anchoring report</h2>
      <p class="muted small">
        Anchoring is when people go along with a suggestion they would not have made themselves. Blind labels (no draft shown)
        say what annotators answer without the model; drafted labels what they answer with it. If drafted labels agree with the
        model much more often than blind ones, the drafts are steering the labels.
      </p>
      <p class="small dashboard-links">
        <a href={anchoringUrl(projectId)}>JSON</a>
        {' · '}
        <a href={anchoringUrl(projectId, 'csv')} download>
          CSV
        </a>
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!report && !error ? <p class="muted">Loading the report…</p> : null}
      {report ? (
        <>
          <p data-testid="anchoring-summary">
            {report.model_version === null ? (
              'No predictions imported yet: import a model’s predictions to use drafts.'
            ) : (
              <>
                Model <span class="anchoring-model" data-testid="anchoring-model">{report.model_version}</span>:{' '}
                {String(report.drafted_labels)} drafted and {String(report.blind_labels)} blind labels. Accepted unchanged:{' '}
                <span data-testid="anchoring-accept-rate">
                  {report.accept_rate === null ? '—' : `${percentText(report.accept_rate)} (${report.accepted_unchanged} of ${report.drafted_labels})`}
                </span>
                .
              </>
            )}
          </p>
          {report.model_version !== null && report.controls.length === 0 ? (
            <p class="muted">The project has no single-choice question to compare.</p>
          ) : null}
          {report.controls.map((c) => (
            <ControlSection key={c.control} control={c} report={report} />
          ))}
        </>
      ) : null}
    </section>
  );
}
