// The project's quality Dashboard (#/projects/{id}/dashboard; admins and managers): gold accuracy
// per annotator over weeks with Wilson 95% bands, the pairwise agreement heatmap (Cohen's kappa),
// and tiles for the adjudication backlog, the latest agreement, the project's cost and the
// median effective pay, bars of agreement per option and per guideline version, and label
// distributions by annotator group (diversity/report.tsx), each with
// a link to the JSON or CSV behind it. Charts are hand-made SVG
// whose names are text nodes or titles; annotator names are user data and never markup.
import type { ComponentChildren } from 'preact';
import { agreementReport, formatStatistic, type AgreementReport } from '../agreement/agreement_api';
import { listAdjudications } from '../adjudication/adjudication_api';
import { AgreementBars, guidelineBars, optionBars } from '../dashboard/agreement_bars';
import { layoutAccuracyChart, layoutHeatmap, median, seriesColour } from '../dashboard/charts';
import { goldAccuracy, goldAccuracyUrl, pairwiseAgreement, pairwiseUrl, type GoldAccuracyWeek, type PairwiseReport } from '../dashboard/dashboard_api';
import { formatCents } from '../pay/pay';
import { payCsvUrl, payReport, type PayReport } from '../pay/pay_api';
import { DiversityReportPanel } from '../diversity/report';
import { api } from '../session';
import type { Id, User } from '../types';
import { useLoaded, type Loaded } from '../use_loaded';
import { useManagedProject } from './managed_project';

const projectPath = (id: Id) => `/api/v1/projects/${encodeURIComponent(String(id))}`;

export function DashboardPage({ id, user }: { id: Id; user: User }) {
  const { project, back, instead } = useManagedProject(id, user, 'The dashboard is for administrators and managers.');
  if (instead || !project) return instead;
  return (
    <section class="dashboard-page">
      <p>{back}</p>
      <h1>Quality dashboard</h1>
      <Dashboard projectId={project.id} />
    </section>
  );
}

function Dashboard({ projectId }: { projectId: Id }) {
  const agreement = useLoaded<AgreementReport>(() => agreementReport(api, projectId), [projectId]);
  return (
    <>
      <Tiles projectId={projectId} agreement={agreement} />
      <GoldAccuracyCard projectId={projectId} />
      <HeatmapCard projectId={projectId} />
      <AgreementBarsCard projectId={projectId} agreement={agreement} />
      <DiversityReportPanel projectId={projectId} refresh={0} />
    </>
  );
}

function DataLinks({ json, csv }: { json: string; csv?: string }) {
  return (
    <p class="small dashboard-links">
      <a href={json}>JSON</a>
      {csv ? (
        <>
          {' · '}
          <a href={csv} download>
            CSV
          </a>
        </>
      ) : null}
    </p>
  );
}

function Tile({ label, value, note, testId, children }: { label: string; value: string; note?: string; testId: string; children?: ComponentChildren }) {
  return (
    <div class="card dashboard-tile" data-testid={testId}>
      <div class="muted small">{label}</div>
      <div class="dashboard-tile-value">{value}</div>
      {note ? <div class="muted small">{note}</div> : null}
      {children}
    </div>
  );
}

function Tiles({ projectId, agreement }: { projectId: Id; agreement: Loaded<AgreementReport> }) {
  const backlog = useLoaded(() => listAdjudications(api, projectId, 'open', null, 1), [projectId]);
  const pay = useLoaded<PayReport>(() => payReport(api, projectId), [projectId]);
  const latest = agreement.value?.weeks.at(-1);
  const medianPay = pay.value ? median(pay.value.annotators.map((a) => a.effective_cents_per_hour)) : null;
  return (
    <div class="dashboard-tiles">
      <Tile
        label="Adjudication backlog"
        testId="tile-backlog"
        value={backlog.value ? String(backlog.value.open) : backlog.error ? '—' : '…'}
        note={backlog.error || 'open items'}
      >
        <DataLinks json={`${projectPath(projectId)}/adjudications?state=open`} />
      </Tile>
      <Tile
        label="Latest agreement"
        testId="tile-agreement"
        value={latest ? formatStatistic(latest.krippendorff_alpha) : agreement.error ? '—' : agreement.value ? 'no labels' : '…'}
        note={agreement.error || (latest ? `Krippendorff's alpha, ${latest.week}; raw ${formatStatistic(latest.raw_agreement)}` : '')}
      >
        <DataLinks json={`${projectPath(projectId)}/agreement`} />
      </Tile>
      <Tile
        label="Project cost"
        testId="tile-cost"
        value={pay.value ? formatCents(pay.value.spent_cents) : pay.error ? '—' : '…'}
        note={pay.error || (pay.value ? `${pay.value.submitted} labels submitted` : '')}
      >
        <DataLinks json={`${projectPath(projectId)}/pay`} csv={payCsvUrl(projectId)} />
      </Tile>
      <Tile
        label="Median effective pay"
        testId="tile-pay"
        value={medianPay === null ? '—' : `${formatCents(Math.round(medianPay))}/h`}
        note={pay.error || (pay.value && medianPay === null ? 'no active time recorded yet' : 'per active hour')}
      />
    </div>
  );
}

function AgreementBarsCard({ projectId, agreement }: { projectId: Id; agreement: Loaded<AgreementReport> }) {
  const report = agreement.value;
  return (
    <section class="card" aria-labelledby="dashboard-agreement-heading">
      <h2 id="dashboard-agreement-heading">Agreement per option and per guideline version</h2>
      <DataLinks json={`${projectPath(projectId)}/agreement`} />
      {agreement.error ? (
        <p class="error" role="alert">
          {agreement.error}
        </p>
      ) : !report ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          <h3>Per option: Fleiss' kappa</h3>
          <AgreementBars rows={optionBars(report)} threshold={report.thresholds.kappa} label="Fleiss' kappa per option" testId="agreement-option-bars" />
          <h3>Per guideline version: Krippendorff's alpha</h3>
          <AgreementBars
            rows={guidelineBars(report)}
            threshold={report.thresholds.kappa}
            label="Krippendorff's alpha per guideline version"
            testId="agreement-guideline-bars"
          />
          <p class="muted small">
            A low option is one annotators read differently: tighten its definition or add worked examples. A new guideline
            version should move its bar right.
          </p>
        </>
      )}
    </section>
  );
}

function GoldAccuracyCard({ projectId }: { projectId: Id }) {
  const { value, error } = useLoaded<GoldAccuracyWeek[]>(() => goldAccuracy(api, projectId), [projectId]);
  return (
    <section class="card" aria-labelledby="dashboard-gold-heading">
      <h2 id="dashboard-gold-heading">Accuracy on gold per week</h2>
      <DataLinks json={goldAccuracyUrl(projectId)} csv={goldAccuracyUrl(projectId, true)} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : !value ? (
        <p class="muted">Loading…</p>
      ) : value.length === 0 ? (
        <p class="muted">No gold answers yet: mark gold items and the chart fills as annotators answer them.</p>
      ) : (
        <AccuracyChart rows={value} />
      )}
    </section>
  );
}

function AccuracyChart({ rows }: { rows: GoldAccuracyWeek[] }) {
  const layout = layoutAccuracyChart(rows);
  const right = layout.width - 16;
  return (
    <figure class="dashboard-chart" data-testid="gold-accuracy-chart">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img" aria-label="Accuracy on gold per week">
        {layout.ticks.map((t) => (
          <g key={t.value} class="dashboard-grid">
            <line x1={44} x2={right} y1={t.y} y2={t.y} />
            <text x={38} y={t.y + 4} text-anchor="end">
              {t.value.toFixed(1)}
            </text>
          </g>
        ))}
        {layout.series.map((s, i) => (
          <g key={s.annotatorId} class="dashboard-series" data-annotator={s.annotatorId}>
            <polygon class="dashboard-band" points={s.band} fill={seriesColour(i)} fill-opacity="0.15" />
            <polyline class="dashboard-line" points={s.points.map((p) => `${p.x},${p.y}`).join(' ')} stroke={seriesColour(i)} fill="none" stroke-width="2" />
            {s.points.map((p) => (
              <g key={p.week}>
                <line class="dashboard-whisker" x1={p.x} x2={p.x} y1={p.high} y2={p.low} stroke={seriesColour(i)} stroke-width="1.5" />
                <circle cx={p.x} cy={p.y} r="3.5" fill={seriesColour(i)}>
                  <title>{`${s.name}, ${p.week}: ${(p.accuracy * 100).toFixed(0)}% of ${p.answers} answers`}</title>
                </circle>
              </g>
            ))}
          </g>
        ))}
        {layout.weeks.map((w, i) => (
          <text key={w} x={layout.xs[i] ?? 44} y={layout.height - 12} text-anchor="middle">
            {w}
          </text>
        ))}
      </svg>
      <figcaption>
        <ul class="dashboard-legend">
          {layout.series.map((s, i) => (
            <li key={s.annotatorId}>
              <span class="dashboard-swatch" style={{ background: seriesColour(i) }} /> {s.name}
            </li>
          ))}
        </ul>
        <span class="muted small">Lines: accuracy; shaded bands and whiskers: Wilson 95% intervals.</span>
      </figcaption>
    </figure>
  );
}

function HeatmapCard({ projectId }: { projectId: Id }) {
  const { value, error } = useLoaded<PairwiseReport>(() => pairwiseAgreement(api, projectId), [projectId]);
  return (
    <section class="card" aria-labelledby="dashboard-heatmap-heading">
      <h2 id="dashboard-heatmap-heading">Pairwise agreement</h2>
      <DataLinks json={pairwiseUrl(projectId)} csv={pairwiseUrl(projectId, true)} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : !value ? (
        <p class="muted">Loading…</p>
      ) : value.pairs.length === 0 ? (
        <p class="muted">No two annotators have labelled the same item yet.</p>
      ) : (
        <Heatmap report={value} />
      )}
    </section>
  );
}

function Heatmap({ report }: { report: PairwiseReport }) {
  const layout = layoutHeatmap(report);
  return (
    <figure class="dashboard-chart" data-testid="pairwise-heatmap">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img" aria-label="Cohen's kappa per pair of annotators">
        {layout.labels.map((label, i) => (
          <g key={`n${i}`}>
            <text x={layout.left - 6} y={layout.top + i * layout.size + layout.size / 2 + 4} text-anchor="end">
              <title>{layout.names[i]}</title>
              {`${i + 1}. ${label}`}
            </text>
            <text x={layout.left + i * layout.size + layout.size / 2} y={layout.top - 8} text-anchor="middle">
              {String(i + 1)}
            </text>
          </g>
        ))}
        {layout.cells.map((c) => (
          <rect key={`${c.row}-${c.column}`} class="dashboard-cell" x={c.x} y={c.y} width={layout.size - 2} height={layout.size - 2} fill={c.fill}>
            <title>{c.title}</title>
          </rect>
        ))}
      </svg>
      <figcaption>
        On the control <code>{report.control}</code>; hover a cell for its kappa. Pairs sharing fewer than {String(report.min_shared_items)} items
        have no kappa (grey).
        <ul class="dashboard-legend" aria-label="Colour legend">
          {[
            ['hsl(0, 70%, 55%)', 'kappa ≤ 0 (chance)'],
            ['hsl(60, 70%, 55%)', '0.5'],
            ['hsl(120, 70%, 55%)', '1 (full agreement)'],
            ['#d0d0d0', 'too few shared items'],
          ].map(([colour, label]) => (
            <li key={label}>
              <span class="dashboard-swatch" style={{ background: colour }} /> {label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
