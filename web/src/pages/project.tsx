import { useEffect, useRef, useState } from 'preact/hooks';
import { importContentType } from '../api';
import { choicesControls } from '../interface_builder';
import { adjudicationHash, agreementHash, annotateHash, dashboardHash, datasheetHash, diversityHash, draftsHash, goldHash, payHash, reviewHash, routingHash, tasksHash, wellbeingHash } from '../router';
import { MyDiversityPanel } from '../diversity/my_answers';
import { canAdjudicate } from '../adjudication/adjudication_state';
import { api, messageOf } from '../session';
import type { Id, ImportResult, Job, MediaUpload, Project, ProjectMember, User } from '../types';
import { JobProgress, useBackgroundJob } from '../background_job';
import { importOutcome } from './import_outcome';
import { AggregatesPanel } from './aggregates_panel';
import { LearningPanel } from './learning_panel';
import { ExportPanel } from './export_panel';
import { GuidelinesPanel } from './guidelines_panel';
import { InterfacePanel } from './interface_panel';
import { LabelStudioPanel } from './label_studio_panel';
import { LabelledImportPanel } from './labelled_import_panel';
import { ImportFailure, RecordErrors } from './record_errors';
import { canManage } from './projects';

// Ends a message with a full stop so another sentence can follow it.
const sentence = (message: string) => (/[.!?]$/.test(message) ? message : `${message}.`);

export function ProjectPage({ id, user }: { id: Id; user: User }) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function reload() {
    try {
      setProject(await api.getProject(id));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  useEffect(() => {
    void reload();
  }, [id]);
  useEffect(() => {
    if (project) headingRef.current?.focus();
  }, [project?.id]);

  if (error && !project) {
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  }
  if (!project) return <p class="muted">Loading…</p>;

  const controls = choicesControls(project.label_interface);
  return (
    <section>
      <p>
        <a href="#/projects">← Projects</a>
      </p>
      <h1 tabIndex={-1} ref={headingRef}>
        {project.name}
      </h1>
      {project.description ? <p>{project.description}</p> : null}
      <dl class="counts">
        <div>
          <dt>Tasks</dt>
          <dd data-testid="task-count">{project.task_count ?? '—'}</dd>
        </div>
        <div>
          <dt>Submitted labels</dt>
          <dd data-testid="submitted-count">{project.submitted_count ?? '—'}</dd>
        </div>
        <div>
          <dt>Labels per task</dt>
          <dd>{project.overlap}</dd>
        </div>
      </dl>
      {controls.length > 0 ? (
        <p class="muted">
          {controls.map((c) => `${c.name}: ${c.options.join(', ')}${c.multiple ? ' (several)' : ''}`).join('; ')}
        </p>
      ) : null}
      <p>
        <a class="button primary" href={annotateHash(project.id)}>
          Start labelling
        </a>
        {['admin', 'manager', 'reviewer'].includes(user.role) ? <> <a class="button" href={reviewHash(project.id)}>Review labels</a></> : null}
        {canAdjudicate(user) ? (
          <>
            {' '}
            <a class="button" href={adjudicationHash(project.id)}>
              Adjudication
            </a>
          </>
        ) : null}
        {canManage(user) ? (
          <>
            {' '}
            <a class="button" href={tasksHash(project.id)}>
              Browse the tasks
            </a>{' '}
            <a class="button" href={goldHash(project.id)}>
              Gold tasks
            </a>{' '}
            <a class="button" href={routingHash(project.id)}>
              Routing
            </a>{' '}
            <a class="button" href={payHash(project.id)}>
              Pay
            </a>{' '}
            <a class="button" href={wellbeingHash(project.id)}>
              Wellbeing
            </a>{' '}
            <a class="button" href={diversityHash(project.id)}>
              Diversity
            </a>{' '}
            <a class="button" href={draftsHash(project.id)}>
              Drafts
            </a>{' '}
            <a class="button" href={dashboardHash(project.id)}>
              Dashboard
            </a>{' '}
            <a class="button" href={datasheetHash(project.id)}>
              Datasheet
            </a>
          </>
        ) : null}
        {['admin', 'manager', 'reviewer'].includes(user.role) ? <> <a class="button" href={agreementHash(project.id)}>Agreement</a></> : null}
      </p>
      <GuidelinesPanel projectId={project.id} canEdit={canManage(user)} />
      <MyDiversityPanel projectId={project.id} />
      {canManage(user) ? (
        <>
          <InterfacePanel project={project} onSaved={setProject} />
          <ImportPanel projectId={project.id} onImported={reload} />
          <LabelledImportPanel projectId={project.id} onImported={reload} />
          <MediaPanel projectId={project.id} />
          <ExportPanel projectId={project.id} />
          <LabelStudioPanel projectId={project.id} onImported={reload} />
          <AggregatesPanel projectId={project.id} />
          <LearningPanel projectId={project.id} />
          <MembersPanel projectId={project.id} user={user} />
        </>
      ) : null}
    </section>
  );
}

// Who may see and work on the project besides administrators (administrators and the
// project's managers manage it; nobody but an administrator adds themselves).
function MembersPanel({ projectId, user }: { projectId: Id; user: User }) {
  const [members, setMembers] = useState<ProjectMember[] | null>(null);
  const [people, setPeople] = useState<User[]>([]);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function reload() {
    try {
      const all: ProjectMember[] = [];
      let cursor: string | null = null;
      do {
        const page = await api.listMembers(projectId, cursor);
        all.push(...page.members);
        cursor = page.next_cursor;
      } while (cursor);
      setMembers(all);
      setPeople((await api.listUsers()).users);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  useEffect(() => {
    void reload();
  }, [projectId]);

  async function act(work: () => Promise<unknown>) {
    setBusy(true);
    try {
      await work();
      await reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const memberIds = new Set((members ?? []).map((m) => String(m.user_id)));
  const candidates = people.filter(
    (p) => !memberIds.has(String(p.id)) && (user.role === 'admin' || String(p.id) !== String(user.id)),
  );
  return (
    <section class="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <p class="muted small">Only members (and administrators) see this project and its tasks.</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {members === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <table data-testid="members">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={String(m.user_id)}>
                <td>{m.user.display_name}</td>
                <td>{m.user.email}</td>
                <td>{m.user.role}</td>
                <td>
                  <button
                    type="button"
                    class="link"
                    disabled={busy}
                    aria-label={`Remove ${m.user.display_name || m.user.email}`}
                    onClick={() => void act(() => api.removeMember(projectId, m.user_id))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {candidates.length > 0 ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!choice) return;
            void act(async () => {
              await api.addMember(projectId, choice);
              setChoice('');
            });
          }}
        >
          <label for="member-add">Add a member</label>{' '}
          <select id="member-add" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value="">Choose a person…</option>
            {candidates.map((p) => (
              <option key={String(p.id)} value={String(p.id)}>
                {p.display_name || p.email} ({p.role})
              </option>
            ))}
          </select>{' '}
          <button type="submit" disabled={busy || !choice}>
            Add
          </button>
        </form>
      ) : null}
    </section>
  );
}

// Uploads a task file as a background import, then follows its job: progress while it runs,
// then what was stored, or the records at fault (nothing stored).
function ImportPanel({ projectId, onImported }: { projectId: Id; onImported: () => void }) {
  const [file, setFile] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const importing = useBackgroundJob(() => onImported());

  async function upload(chosen: File) {
    setFile(chosen.name);
    const type = importContentType(chosen.name, chosen.type);
    setRefusal(type === null ? 'Choose a .json (array of objects), .jsonl or .csv (with a header row) file.' : null);
    if (type === null) return;
    setUploading(true);
    try {
      await importing.start(() => api.startImport(projectId, chosen, type));
    } finally {
      setUploading(false);
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer?.files[0];
    if (dropped) void upload(dropped);
  }

  return (
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import tasks</h2>
      <div
        class={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop a JSON, JSONL or CSV file here, or</p>
        <label for="import-file" class="button">
          Choose a file…
        </label>
        <input
          id="import-file"
          ref={inputRef}
          class="visually-hidden"
          type="file"
          accept=".json,.jsonl,.ndjson,.csv,application/json,text/csv"
          disabled={uploading || importing.running}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            if (chosen) void upload(chosen);
          }}
        />
        <p class="muted small">
          Each record is a task's data (e.g. {'{"text": "…"}'}), optionally with external_id and priority. An import
          is all or nothing.
        </p>
      </div>
      <div aria-live="polite">
        {uploading ? (
          <p>Uploading {file}…</p>
        ) : (
          <ImportProgress file={file} refusal={refusal ?? importing.error} job={importing.job} />
        )}
      </div>
    </section>
  );
}

// Where the last import stands: refused before it started, running, stored, or failed.
function ImportProgress({ file, refusal, job }: { file: string; refusal: string | null; job: Job | null }) {
  if (refusal !== null) return <ImportFailure message={`${file}: ${sentence(refusal)}`} errors={[]} />;
  if (!job) return null;
  const outcome = importOutcome(job);
  if (outcome.kind === 'running') return <JobProgress job={job} />;
  if (outcome.kind === 'done') return <ImportSummary file={file} result={outcome.result} />;
  return <ImportFailure message={`${file}: ${sentence(outcome.message)}`} errors={outcome.errors} />;
}

type MediaState =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: string }
  | { kind: 'done'; file: string; media: MediaUpload }
  | { kind: 'failed'; file: string; message: string };

// Uploads an image, audio or video file and shows the URL task data names it by.
function MediaPanel({ projectId }: { projectId: Id }) {
  const [state, setState] = useState<MediaState>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);

  async function upload(file: File) {
    setState({ kind: 'uploading', file: file.name });
    try {
      const media = await api.uploadMedia(projectId, file, file.name);
      setState({ kind: 'done', file: file.name, media });
    } catch (e) {
      setState({ kind: 'failed', file: file.name, message: messageOf(e) });
    } finally {
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  return (
    <section class="card" aria-labelledby="media-heading">
      <h2 id="media-heading">Upload media</h2>
      <p>
        <label for="media-file" class="button">
          Choose an image, audio or video file…
        </label>
        <input
          id="media-file"
          ref={inputRef}
          class="visually-hidden"
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp,audio/*,video/mp4,video/quicktime,video/webm"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void upload(file);
          }}
        />
      </p>
      <p class="muted small">
        PNG, JPEG, GIF, WebP, MP3, WAV, Ogg, FLAC, MP4, M4A, MOV or WebM, up to 64 MiB. Name the URL in a task's
        data (e.g. {'{"image": "URL"}'}) to show the file to annotators.
      </p>
      <div aria-live="polite">
        {state.kind === 'uploading' ? <p>Uploading {state.file}…</p> : null}
        {state.kind === 'done' ? (
          <p>
            {state.file} is stored
            {state.media.width !== null && state.media.height !== null
              ? ` (${state.media.width} × ${state.media.height} px)`
              : ''}
            : <code class="media-url">{state.media.url}</code>
          </p>
        ) : null}
        {state.kind === 'failed' ? (
          <p role="alert" class="error">
            {state.file}: {sentence(state.message)}
          </p>
        ) : null}
      </div>
    </section>
  );
}

function ImportSummary({ file, result }: { file: string; result: ImportResult }) {
  return (
    <div>
      <p class="ok">
        {file}: {result.inserted} task{result.inserted === 1 ? '' : 's'} imported
        {result.duplicate_count > 0 ? `, ${result.duplicate_count} duplicate(s) skipped` : ''}.
      </p>
      {result.duplicates.length > 0 ? (
        <table>
          <caption>
            Duplicates (already in the project)
            {result.duplicate_count > result.duplicates.length
              ? `: the first ${result.duplicates.length} of ${result.duplicate_count}`
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Existing task</th>
            </tr>
          </thead>
          <tbody>
            {result.duplicates.map((d) => (
              <tr key={d.record}>
                <td>{d.record}</td>
                <td>{String(d.existing_task_id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.errors.length > 0 ? <RecordErrors errors={result.errors} /> : null}
    </div>
  );
}
