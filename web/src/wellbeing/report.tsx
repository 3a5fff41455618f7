// The wellbeing report (GET /projects/{p}/wellbeing): per annotator, sensitive items today, in
// the session and the current run, breaks forced today, the opt-out, whether they are held back
// now and until when, and the totals. Names are text nodes only.
import { api } from '../session';
import type { Id } from '../types';
import { useLoaded } from '../use_loaded';
import { clockText } from './wellbeing';
import { wellbeingCsvUrl, wellbeingReport, type AnnotatorExposure } from './wellbeing_api';

const HELD: Record<string, string> = {
  opted_out: 'opted out',
  daily_cap: 'daily cap',
  session_cap: 'session cap',
  break: 'on a break',
};

function heldText(a: AnnotatorExposure, now: number): string {
  if (!a.held) return '—';
  return a.held_until !== null ? `${HELD[a.held]} until ${clockText(a.held_until, now)}` : HELD[a.held]!;
}

export function WellbeingReportPanel({ projectId, refresh }: { projectId: Id; refresh: number }) {
  const { value: report, error } = useLoaded(() => wellbeingReport(api, projectId), [projectId, refresh]);
  return (
    <section class="card wellbeing-report" aria-labelledby="wellbeing-report-heading">
      <h2 id="wellbeing-report-heading">Exposure report</h2>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!report && !error ? <p class="muted">Loading the report…</p> : null}
      {report && !report.policy.enabled ? (
        <p class="muted" data-testid="wellbeing-disabled">
          The policy is off: sensitive items are handed out like any other. Exposure is still counted below.
        </p>
      ) : null}
      {report && report.annotators.length === 0 ? <p class="muted">Nobody has finished a task here yet.</p> : null}
      {report && report.annotators.length > 0 ? (
        <table class="wellbeing-table" data-testid="wellbeing-table">
          <thead>
            <tr>
              <th scope="col">Annotator</th>
              <th scope="col" class="num">
                Sensitive today
              </th>
              <th scope="col" class="num">
                This session
              </th>
              <th scope="col" class="num">
                Current run
              </th>
              <th scope="col" class="num">
                Breaks today
              </th>
              <th scope="col">Opted out</th>
              <th scope="col">Held back</th>
              <th scope="col" class="num">
                Sensitive / all finished
              </th>
            </tr>
          </thead>
          <tbody>
            {report.annotators.map((a) => (
              <tr key={String(a.annotator_id)} data-annotator={String(a.annotator_id)}>
                <th scope="row">{a.display_name}</th>
                <td class="num">{a.sensitive_today}</td>
                <td class="num">{a.sensitive_session}</td>
                <td class="num">{a.sensitive_run}</td>
                <td class="num">{a.breaks_today}</td>
                <td>{a.opted_out ? 'yes' : 'no'}</td>
                <td>{heldText(a, report.now)}</td>
                <td class="num">
                  {a.sensitive_total} / {a.finished_total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        <a class="button" href={wellbeingCsvUrl(projectId)} download>
          Download as CSV
        </a>
      </p>
    </section>
  );
}
