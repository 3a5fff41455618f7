// Stored aggregates on the project page (managers): recompute them as a background job with
// progress, then see each task's aggregated label, confidence and vote distribution.
import { useEffect, useState } from 'preact/hooks';
import { JobProgress, useBackgroundJob } from '../background_job';
import { AggregateRow } from '../aggregates/aggregate_row';
import { TRUTH_METHODS, type AggregationManifest, type TaskAggregate, type TruthMethod } from '../aggregates/aggregates';
import { aggregatesCsvUrl, listAggregates, startAggregation } from '../aggregates/aggregates_api';
import { api, messageOf } from '../session';
import type { Id } from '../types';

const SHOWN = 50;

export function AggregatesPanel({ projectId }: { projectId: Id }) {
  const [method, setMethod] = useState<TruthMethod>('ds');
  const [rows, setRows] = useState<TaskAggregate[] | null>(null);
  const [more, setMore] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { job, running, error: jobError, start } = useBackgroundJob(() => void load());
  const error = jobError ?? loadError;

  async function load() {
    try {
      const page = await listAggregates(api, projectId, SHOWN);
      setRows(page.aggregates);
      setMore(page.next_cursor !== null);
      setLoadError(null);
    } catch (e) {
      setLoadError(messageOf(e));
    }
  }

  useEffect(() => {
    void load();
  }, [projectId]);

  const manifest = job?.state === 'succeeded' ? (job.manifest as unknown as AggregationManifest | null) : null;
  return (
    <section class="card" aria-labelledby="aggregates-heading">
      <h2 id="aggregates-heading">Aggregates</h2>
      <p>
        Each task's label by truth inference over everyone's labels, with its confidence and the raw vote
        distribution. Paused annotators' labels are left out; gold tasks keep their reference; adjudicated tasks keep
        the adjudicator's label.
      </p>
      <label for="aggregate-method">Method</label>
      <select id="aggregate-method" value={method} onChange={(e) => setMethod(e.currentTarget.value as TruthMethod)}>
        {TRUTH_METHODS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.title}
          </option>
        ))}
      </select>
      <button type="button" class="primary" disabled={running} onClick={() => void start(() => startAggregation(api, projectId, method))}>
        {running ? 'Recomputing…' : 'Recompute aggregates'}
      </button>
      <div aria-live="polite" class="status" data-testid="aggregate-status">
        <JobProgress job={job} />
        {manifest ? (
          <p class="ok">
            Done: {manifest.tasks.toLocaleString()} tasks on “{manifest.control}”, {manifest.ambiguous.toLocaleString()}{' '}
            ambiguous, {manifest.adjudicated.toLocaleString()} adjudicated
            {manifest.excluded_annotators > 0 ? `, ${manifest.excluded_annotators} paused annotators left out` : ''}.
          </p>
        ) : null}
        {job?.state === 'failed' ? (
          <p class="error" role="alert">
            The aggregation failed: {job.error ?? 'no reason given'}.
          </p>
        ) : null}
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {rows && rows.length > 0 ? (
        <>
          <table class="aggregates" data-testid="aggregates-table">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Label</th>
                <th scope="col">Confidence</th>
                <th scope="col">Votes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <AggregateRow key={row.task_id} row={row} />
              ))}
            </tbody>
          </table>
          <p>
            {more ? `The first ${SHOWN} tasks. ` : null}
            <a href={aggregatesCsvUrl(projectId)} download>
              Download every aggregate as CSV
            </a>
          </p>
        </>
      ) : rows ? (
        <p class="muted">No aggregates yet: recompute them once tasks have labels.</p>
      ) : null}
    </section>
  );
}
