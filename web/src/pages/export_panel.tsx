// Export as a background job: start it, watch its progress, then download the file. Works
// for projects of any size (the server writes the file a page at a time).
import { useState } from 'preact/hooks';
import { JobProgress, useBackgroundJob } from '../background_job';
import { api } from '../session';
import type { ExportFormat, Id } from '../types';

const EXPORT_FORMATS: ExportFormat[] = ['jsonl', 'json', 'csv'];

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

export function ExportPanel({ projectId }: { projectId: Id }) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const { job, running, error, start } = useBackgroundJob();
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
      <button type="button" class="primary" disabled={running} onClick={() => void start(() => api.startExport(projectId, format))}>
        {running ? 'Exporting…' : 'Start the export'}
      </button>
      <div aria-live="polite" class="status" data-testid="export-status">
        <JobProgress job={job} />
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
