// Export as a background job: start it, watch its progress, then download the file. Works
// for projects of any size (the server writes the file a page at a time).
import { useState } from 'preact/hooks';
import { JobProgress, useBackgroundJob } from '../background_job';
import { api } from '../session';
import type { ExportFormat, Id } from '../types';

// Every format the server writes (docs/server.md, "Export formats"); the training formats need a
// control of their kind in the label interface, and the server says so when it is missing.
export const EXPORT_FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'jsonl', label: 'JSONL: tasks with every annotation' },
  { value: 'json', label: 'JSON: tasks with every annotation' },
  { value: 'csv', label: 'CSV: one row per annotation' },
  { value: 'conll_iob2', label: 'CoNLL IOB2 (spans)' },
  { value: 'conll_iobes', label: 'CoNLL IOBES (spans)' },
  { value: 'spacy_jsonl', label: 'spaCy JSONL (spans)' },
  { value: 'relations_jsonl', label: 'Relation triples JSONL' },
  { value: 'dpo_jsonl', label: 'DPO pairs JSONL (pairwise)' },
  { value: 'ranking_jsonl', label: 'Ranked lists JSONL (ranking)' },
  { value: 'coco_json', label: 'COCO JSON (boxes, polygons, keypoints)' },
  { value: 'yolo_detection', label: 'YOLO detection (tar)' },
  { value: 'yolo_segmentation', label: 'YOLO segmentation (tar)' },
  { value: 'yolo_pose', label: 'YOLO pose (tar)' },
  { value: 'voc_xml', label: 'Pascal VOC XML (boxes, tar)' },
  { value: 'audio_segments_jsonl', label: 'Audio segments JSONL' },
  { value: 'audio_segments_csv', label: 'Audio segments CSV' },
  { value: 'asr_manifest', label: 'ASR manifest (NeMo JSONL)' },
  { value: 'hf_jsonl', label: 'Hugging Face JSONL + dataset_infos.json (tar)' },
  { value: 'label_studio_json', label: 'Label Studio JSON (tasks with annotations and predictions)' },
];

// "widened spans: 2, dropped overlapping spans: 1" from a manifest's notes; "" when there are none.
export function describeNotes(notes: Record<string, number> | undefined): string {
  if (!notes) return '';
  return Object.entries(notes)
    .filter(([, count]) => count > 0)
    .map(([what, count]) => `${what.replace(/_/g, ' ')}: ${count.toLocaleString()}`)
    .join(', ');
}

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
          <option key={f.value} value={f.value}>
            {f.label}
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
              Download the {job.manifest.format} file
            </a>
          </p>
        ) : null}
        {job?.state === 'succeeded' && describeNotes(job.manifest?.notes) ? (
          <p data-testid="export-notes">Adjusted for the format: {describeNotes(job.manifest?.notes)}.</p>
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
