// Active learning and suspect labels on the project page (managers): order the queue by what
// the built-in model learns most from (a background job), see the labels most likely wrong and
// send the top ones to experts.
import { useEffect, useState } from 'preact/hooks';
import { JobProgress, useBackgroundJob } from '../background_job';
import {
  STRATEGIES,
  percentText,
  reasonsText,
  relabelCount,
  type ActiveLearningManifest,
  type Strategy,
  type SuspectReport,
} from '../learning/learning';
import { listSuspects, relabelSuspects, startActiveLearning } from '../learning/learning_api';
import { api, messageOf } from '../session';
import type { Id } from '../types';

const SHOWN = 20;

export function LearningPanel({ projectId }: { projectId: Id }) {
  const [strategy, setStrategy] = useState<Strategy>('entropy');
  const [report, setReport] = useState<SuspectReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [top, setTop] = useState('5');
  const [sentText, setSentText] = useState<string | null>(null);
  const { job, running, error: jobError, start } = useBackgroundJob();

  async function loadSuspects() {
    try {
      setReport(await listSuspects(api, projectId, SHOWN));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  useEffect(() => {
    setReport(null);
    setSentText(null);
  }, [projectId]);

  async function relabel() {
    const n = relabelCount(top, report?.suspects.length ?? 0);
    if (n === null) {
      setError(`Send between 1 and ${report?.suspects.length ?? 0} tasks.`);
      return;
    }
    try {
      const sent = await relabelSuspects(api, projectId, n);
      setSentText(
        `Sent ${sent.sent.length} task${sent.sent.length === 1 ? '' : 's'} to experts` +
          (sent.not_reopened.length > 0 ? ` (${sent.not_reopened.length} got a label meanwhile and were not reopened).` : '.'),
      );
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const manifest = job?.state === 'succeeded' ? (job.manifest as unknown as ActiveLearningManifest | null) : null;
  return (
    <section class="card" aria-labelledby="learning-heading">
      <h2 id="learning-heading">Learning</h2>
      <p>
        A built-in text model learns from the labels so far. It can order the tasks still waiting so annotators get the
        most useful ones first (a tenth at random keeps accuracy honest), and it points at labels that are likely wrong.
      </p>
      <label for="learning-strategy">Strategy</label>
      <select id="learning-strategy" value={strategy} onChange={(e) => setStrategy(e.currentTarget.value as Strategy)}>
        {STRATEGIES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.title}
          </option>
        ))}
      </select>
      <button
        type="button"
        class="primary"
        disabled={running}
        onClick={() => void start(() => startActiveLearning(api, projectId, strategy, 0.1))}
      >
        {running ? 'Ordering…' : 'Order the queue'}
      </button>
      <div aria-live="polite" class="status" data-testid="learning-status">
        <JobProgress job={job} />
        {manifest ? (
          <p class="ok">
            Ordered {manifest.scored.toLocaleString()} waiting tasks after learning from{' '}
            {manifest.trained.toLocaleString()} labels (held-out accuracy {percentText(manifest.out_of_fold_accuracy)}).
          </p>
        ) : null}
        {job?.state === 'failed' ? (
          <p class="error" role="alert">
            Ordering failed: {job.error ?? 'no reason given'}.
          </p>
        ) : null}
      </div>
      {jobError ?? error ? (
        <p class="error" role="alert">
          {jobError ?? error}
        </p>
      ) : null}
      <h3>Suspect labels</h3>
      <button type="button" onClick={() => void loadSuspects()}>
        {report ? 'Look again' : 'Find suspect labels'}
      </button>
      {report && report.suspects.length > 0 ? (
        <>
          <p>
            {report.total.toLocaleString()} of {report.labelled.toLocaleString()} labels look suspect (estimated share
            wrong: {percentText(report.estimated_noise)}).
          </p>
          <table data-testid="suspects-table">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Label</th>
                <th scope="col">Suggested</th>
                <th scope="col">Score</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {report.suspects.map((s) => (
                <tr key={s.task_id}>
                  <td>{s.task_id}</td>
                  <td>{s.given}</td>
                  <td>{s.suggested}</td>
                  <td>{s.score.toFixed(2)}</td>
                  <td>{reasonsText(s.reasons)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <label for="relabel-top">Send the top</label>
          <input id="relabel-top" inputMode="numeric" size={4} value={top} onInput={(e) => setTop(e.currentTarget.value)} />
          <button type="button" onClick={() => void relabel()}>
            Send to experts
          </button>
          {sentText ? <p class="ok">{sentText}</p> : null}
        </>
      ) : report ? (
        <p class="muted">No suspect labels.</p>
      ) : null}
    </section>
  );
}
