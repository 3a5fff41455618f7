// Imports a file of labelled data (COCO, Pascal VOC, YOLO, CoNLL, predictions JSONL): tasks with
// their labels as predictions, never as anyone's annotations (docs/server.md, "Import formats").
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { Id, LabelledImport, LabelledImportFormat, RecordError } from '../types';
import { ImportFailure } from './record_errors';

export const LABELLED_IMPORT_FORMATS: { value: LabelledImportFormat; label: string }[] = [
  { value: 'coco_json', label: 'COCO JSON (boxes, polygons, keypoints)' },
  { value: 'voc_xml', label: 'Pascal VOC XML (one file or a tar of them)' },
  { value: 'yolo_detection', label: 'YOLO detection (tar)' },
  { value: 'yolo_segmentation', label: 'YOLO segmentation (tar)' },
  { value: 'yolo_pose', label: 'YOLO pose (tar)' },
  { value: 'conll_iob2', label: 'CoNLL IOB2 (spans)' },
  { value: 'conll_iobes', label: 'CoNLL IOBES (spans)' },
  { value: 'predictions_jsonl', label: 'Predictions JSONL (for tasks already here)' },
];

// "12 tasks imported, 3 already here; 15 predictions stored, named coco_json_import." (One
// prediction holds a task's labels from the file.)
export function describeLabelledImport(r: LabelledImport): string {
  const tasks = `${r.inserted} task${r.inserted === 1 ? '' : 's'} imported`;
  const already = r.duplicate_count > 0 ? `, ${r.duplicate_count} already here` : '';
  return `${tasks}${already}; ${r.predictions} prediction${r.predictions === 1 ? '' : 's'} stored, named ${r.model}.`;
}

type State =
  | { kind: 'idle' }
  | { kind: 'importing' }
  | { kind: 'done'; result: LabelledImport }
  | { kind: 'failed'; message: string; errors: RecordError[] };

export function LabelledImportPanel({ projectId, onImported }: { projectId: Id; onImported: () => void }) {
  const [format, setFormat] = useState<LabelledImportFormat>('coco_json');
  const [model, setModel] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function submit(event: Event) {
    event.preventDefault();
    if (!file) return;
    setState({ kind: 'importing' });
    try {
      setState({ kind: 'done', result: await api.importLabelled(projectId, format, file, model.trim()) });
      onImported();
    } catch (e) {
      setState({ kind: 'failed', message: messageOf(e), errors: e instanceof ApiError ? e.errors : [] });
    }
  }

  return (
    <section class="card" aria-labelledby="labelled-import-heading">
      <h2 id="labelled-import-heading">Import labelled data</h2>
      <form onSubmit={submit}>
        <p>
          <label for="labelled-format">Format</label>{' '}
          <select id="labelled-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as LabelledImportFormat)}>
            {LABELLED_IMPORT_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="labelled-model">Name the labels (optional)</label>{' '}
          <input id="labelled-model" value={model} placeholder={`${format}_import`} onInput={(e) => setModel(e.currentTarget.value)} />
        </p>
        <p>
          <label for="labelled-file">File</label>{' '}
          <input id="labelled-file" type="file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </p>
        <button type="submit" disabled={!file || state.kind === 'importing'}>
          Import
        </button>
        <p class="muted small">
          The labels arrive as predictions: managers compare them and annotators may see them as drafts; nobody is
          credited with them. One bad record imports nothing.
        </p>
      </form>
      <div aria-live="polite">
        {state.kind === 'importing' ? <p>Importing…</p> : null}
        {state.kind === 'done' ? <p class="ok">{describeLabelledImport(state.result)}</p> : null}
        {state.kind === 'failed' ? <ImportFailure message={state.message} errors={state.errors} /> : null}
      </div>
    </section>
  );
}
