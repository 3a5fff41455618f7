// Moving a project in from Label Studio (its config and JSON export in one request) and the
// config a team needs to move it back (docs/user-guide.md, "Coming from Label Studio").
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { Id, LabelStudioConfig, LabelStudioImport, RecordError } from '../types';
import { ImportFailure } from './record_errors';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'importing' }
  | { kind: 'done'; report: LabelStudioImport }
  | { kind: 'failed'; message: string; errors: RecordError[] };

// The tasks array of a Label Studio export, or a message saying what is wrong with the file.
export function parseLabelStudioExport(text: string): unknown[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'The export is not JSON; in Label Studio use Export > JSON.';
  }
  return Array.isArray(parsed) ? parsed : 'The export must be the JSON array of tasks that Label Studio exports.';
}

export function LabelStudioPanel({ projectId, onImported }: { projectId: Id; onImported: () => void }) {
  const [config, setConfig] = useState<File | null>(null);
  const [tasks, setTasks] = useState<File | null>(null);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [outgoing, setOutgoing] = useState<LabelStudioConfig | null>(null);
  const [outgoingError, setOutgoingError] = useState('');

  async function importBoth(event: Event) {
    event.preventDefault();
    if (!config || !tasks) return;
    const parsed = parseLabelStudioExport(await tasks.text());
    if (typeof parsed === 'string') {
      setState({ kind: 'failed', message: parsed, errors: [] });
      return;
    }
    setState({ kind: 'importing' });
    try {
      const report = await api.importLabelStudio(projectId, await config.text(), parsed);
      setState({ kind: 'done', report });
      onImported();
    } catch (e) {
      setState({ kind: 'failed', message: messageOf(e), errors: e instanceof ApiError ? e.errors : [] });
    }
  }

  async function showConfig() {
    setOutgoingError('');
    try {
      setOutgoing(await api.labelStudioConfig(projectId));
    } catch (e) {
      setOutgoingError(messageOf(e));
    }
  }

  return (
    <section class="card" aria-labelledby="label-studio-heading">
      <h2 id="label-studio-heading">Label Studio</h2>
      <form onSubmit={importBoth}>
        <p>
          Import a Label Studio project: its labelling config (Settings &gt; Labeling Interface &gt; Code, saved as
          .xml) and its JSON export. Label Studio users' labels arrive as predictions, ground truth as gold.
        </p>
        <p>
          <label for="ls-config">Config (.xml)</label>{' '}
          <input id="ls-config" type="file" accept=".xml,text/xml,application/xml" onChange={(e) => setConfig(e.currentTarget.files?.[0] ?? null)} />
        </p>
        <p>
          <label for="ls-tasks">Export (.json)</label>{' '}
          <input id="ls-tasks" type="file" accept=".json,application/json" onChange={(e) => setTasks(e.currentTarget.files?.[0] ?? null)} />
        </p>
        <button type="submit" disabled={!config || !tasks || state.kind === 'importing'}>
          Import from Label Studio
        </button>
      </form>
      <div aria-live="polite">
        {state.kind === 'importing' ? <p>Importing…</p> : null}
        {state.kind === 'done' ? <ImportReport report={state.report} /> : null}
        {state.kind === 'failed' ? <ImportFailure message={state.message} errors={state.errors} /> : null}
      </div>
      <p>
        To move this project to Label Studio, export it as "Label Studio JSON" above and paste this config into a new
        Label Studio project.{' '}
        <button type="button" onClick={() => void showConfig()}>
          Show the config
        </button>
      </p>
      {outgoingError ? <p role="alert" class="error">{outgoingError}</p> : null}
      {outgoing ? (
        <>
          <textarea aria-label="Label Studio config" readOnly rows={10} cols={80} value={outgoing.config} />
          {outgoing.skipped.length > 0 ? <p>Not in the config (Label Studio has no tag for them): {outgoing.skipped.join(', ')}</p> : null}
        </>
      ) : null}
    </section>
  );
}

function ImportReport({ report }: { report: LabelStudioImport }) {
  return (
    <div>
      <p class="ok">
        {report.inserted} task{report.inserted === 1 ? '' : 's'} imported
        {report.duplicates > 0 ? `, ${report.duplicates} already here` : ''}, {report.gold} gold reference
        {report.gold === 1 ? '' : 's'} set{report.interface_set ? '; the config became the label interface' : ''}.
      </p>
      {report.unsupported.length > 0 ? (
        <>
          <p>Not mapped from the config:</p>
          <ul>
            {report.unsupported.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        </>
      ) : null}
      {report.skipped.length > 0 ? <p>Left out: {report.skipped.join('; ')}</p> : null}
    </div>
  );
}
