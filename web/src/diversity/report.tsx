// The diversity report (GET /projects/{p}/diversity/report): per question, each reported group's
// labellers, labels, label distribution (stacked SVG bars) and agreement, the chi-square test of
// whether groups label alike, the items where groups' majorities differ, and quota fulfilment.
// Group names and labels are user data: text nodes and titles only.
import { api } from '../session';
import type { Id } from '../types';
import { useLoaded } from '../use_loaded';
import { layoutBar, optionColour, percentText } from './diversity';
import { diversityReport, diversityReportUrl, type AttributeReport, type DiversityReport, type DiversityStatistic } from './diversity_api';

const BAR_WIDTH = 360;
const ROW = 26;
const LEFT = 150;

const statisticText = (s: DiversityStatistic) => (s.value === null ? '—' : s.value.toFixed(3));

function pValueText(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

// The stacked bars of one question's groups, one row per group.
export function GroupBars({ report, attribute }: { report: DiversityReport; attribute: AttributeReport }) {
  const height = attribute.groups.length * ROW + 8;
  return (
    <figure class="dashboard-chart" data-testid={`diversity-bars-${attribute.attribute}`}>
      <svg viewBox={`0 0 ${LEFT + BAR_WIDTH + 60} ${height}`} width={LEFT + BAR_WIDTH + 60} height={height} role="img" aria-label={`Label distribution by ${attribute.attribute}`}>
        {attribute.groups.map((g, i) => (
          <g key={g.group} data-group={g.group}>
            <text x={LEFT - 8} y={i * ROW + 18} text-anchor="end">
              <title>{g.group}</title>
              {g.group.length > 20 ? `${g.group.slice(0, 19)}…` : g.group}
            </text>
            {layoutBar(g.distribution, BAR_WIDTH, LEFT).map((s) => (
              <rect key={s.label} x={s.x} y={i * ROW + 4} width={Math.max(s.width - 1, 0)} height={ROW - 8} fill={s.fill}>
                <title>{`${g.group}: ${s.label} ${s.count} (${percentText(s.share)})`}</title>
              </rect>
            ))}
            <text x={LEFT + BAR_WIDTH + 6} y={i * ROW + 18}>
              {String(g.labels)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <ul class="dashboard-legend" aria-label="Labels">
          {report.options.map((o, i) => (
            <li key={o}>
              <span class="dashboard-swatch" style={{ background: optionColour(i) }} /> {o}
            </li>
          ))}
        </ul>
        <span class="muted small">Bars: each group's share of labels per answer; the number after a bar is its labels.</span>
      </figcaption>
    </figure>
  );
}

function AttributeSection({ report, attribute }: { report: DiversityReport; attribute: AttributeReport }) {
  return (
    <section class="diversity-attribute" data-testid={`diversity-attribute-${attribute.attribute}`}>
      <h3>{attribute.question}</h3>
      {attribute.note ? (
        <p class="muted small" data-testid="diversity-note">
          {attribute.note}.
        </p>
      ) : null}
      {attribute.groups.length === 0 ? (
        <p class="muted">No group has {String(report.min_group_size)} or more annotators with labels yet.</p>
      ) : (
        <>
          <GroupBars report={report} attribute={attribute} />
          <table class="diversity-table">
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col" class="num">
                  Annotators
                </th>
                <th scope="col" class="num">
                  Labels
                </th>
                <th scope="col" class="num">
                  Krippendorff's alpha
                </th>
                <th scope="col" class="num">
                  Raw agreement
                </th>
              </tr>
            </thead>
            <tbody>
              {attribute.groups.map((g) => (
                <tr key={g.group}>
                  <th scope="row">{g.group}</th>
                  <td class="num">{g.annotators}</td>
                  <td class="num">{g.labels}</td>
                  <td class="num" title={g.krippendorff_alpha.undefined_reason ?? undefined}>
                    {statisticText(g.krippendorff_alpha)}
                  </td>
                  <td class="num" title={g.raw_agreement.undefined_reason ?? undefined}>
                    {statisticText(g.raw_agreement)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p class="small" data-testid="diversity-difference">
        Do the groups label alike? Pearson's chi-square:{' '}
        {attribute.difference.statistic.value !== null
          ? `χ² = ${attribute.difference.statistic.value.toFixed(2)}, df = ${attribute.difference.df}, ${pValueText(attribute.difference.p_value)}`
          : attribute.difference.statistic.undefined_reason}
        {attribute.difference.sparse_cells > 0 && attribute.difference.sparse_cells * 5 > attribute.difference.cells
          ? ' (rough: many expected counts are under 5)'
          : ''}
      </p>
      {attribute.disagreements.length > 0 ? (
        <details>
          <summary>
            Items where groups disagree ({String(attribute.disagreements_total)})
          </summary>
          <ul class="diversity-items">
            {attribute.disagreements.map((item) => (
              <li key={String(item.task_id)}>
                Task {String(item.task_id)}: {item.majorities.map((m) => `${m.group} → ${m.label} (${m.labels})`).join('; ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

export function DiversityReportPanel({ projectId, refresh, heading = 'Label distributions by group' }: { projectId: Id; refresh: number; heading?: string }) {
  const { value: report, error } = useLoaded(() => diversityReport(api, projectId), [projectId, refresh]);
  return (
    <section class="card diversity-report" aria-labelledby="diversity-report-heading" data-testid="diversity-report">
      <h2 id="diversity-report-heading">{heading}</h2>
      <p class="small dashboard-links">
        <a href={diversityReportUrl(projectId)}>JSON</a>
        {' · '}
        <a href={diversityReportUrl(projectId, 'groups')} download>
          CSV
        </a>
        {' · '}
        <a href={diversityReportUrl(projectId, 'items')} download>
          Items CSV
        </a>
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!report && !error ? <p class="muted">Loading the report…</p> : null}
      {report && report.attributes.length === 0 ? <p class="muted">The project asks its annotators no questions about themselves.</p> : null}
      {report?.quota ? (
        <p data-testid="diversity-quota">
          Quota by {report.quota.attribute}: {String(report.quota.items_meeting)} of {String(report.quota.finished_items)} finished items meet it.
        </p>
      ) : null}
      {report ? report.attributes.map((a) => <AttributeSection key={a.attribute} report={report} attribute={a} />) : null}
    </section>
  );
}
