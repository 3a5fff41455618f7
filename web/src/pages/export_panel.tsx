// Export as a background job: start it, watch its progress, then download the file. Works
// for projects of any size (the server writes the file a page at a time).
import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from '../session';
import type { ExportFormat, Id, Job } from '../types';

const EXPORT_FORMATS: ExportFormat[] = ['jsonl', 'json', 'csv'];
const POLL_MS = 1000;

// "1.2 MB" style sizes.
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function progressText(job: Job): string {
  const { done, total } = job.progress;
  if (total <= 0) return 'Starting…';
  return `${done.toLocaleString()} of ${total.toLocaleString()} tasks (${Math.floor((100 * done) / total)}%)`;
}

export function ExportPanel({ projectId }: { projectId: Id }) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        setJob(await api.getJob(job.id));
      } catch (e) {
        setError(messageOf(e));
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  async function start() {
    setError(null);
    try {
      setJob(await api.startExport(projectId, format));
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const running = job?.state === 'running';
  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p>Every task with all its annotations, as a file made in the background.</p>
      <label for="export-format">Format</label>
      <select id="export-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {f.toUpperCase()}
          </option>
        ))}
      </select>
      <button type="button" class="primary" disabled={running} onClick={() => void start()}>
        {running ? 'Exporting…' : 'Start the export'}
      </button>
      <div aria-live="polite" class="status" data-testid="export-status">
        {job?.state === 'running' ? (
          <p>
            <progress max={Math.max(job.progress.total, 1)} value={job.progress.done} /> {progressText(job)}
          </p>
        ) : null}
        {job?.state === 'succeeded' && job.manifest ? (
          <p class="ok">
            Ready: {job.manifest.tasks.toLocaleString()} tasks, {formatBytes(job.manifest.bytes)}.{' '}
            <a href={api.jobDownloadUrl(job.id)} download data-testid="export-download">
              Download the {job.manifest.format.toUpperCase()} file
            </a>
          </p>
        ) : null}
        {job?.state === 'failed' ? (
          <p class="error" role="alert">
            The export failed: {job.error ?? 'no reason given'}. Start it again; if it fails again, the server log
            has the details.
          </p>
        ) : null}
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
