// The label-interface editor on the project page (admins and managers): one card per control
// with the fields its type has (interface_editor/schema.ts), add, remove and reorder, the same
// interface as JSON for anything the form does not cover, and a live preview that is the
// annotate page's own views on the project's first task (or stand-in data), with the result a
// submission would send. Saving sends the whole interface with the version read; the server
// validates it and its error names the field (label_interface.controls[2].labels[5]).
import { useEffect, useState } from 'preact/hooks';
import { CONTROL_TYPES, FIELDS, fieldText, move, newControl, sampleData, setField, type FieldSpec } from '../interface_editor/schema';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import { toResult, type Answer } from '../studio/answer';
import { assignHotkeys } from '../studio/choices';
import { studioControls } from '../studio/controls';
import { ControlList } from '../studio/control_list';
import type { Project, Task } from '../types';

type Raw = Record<string, unknown>;

const rawControls = (project: Project): Raw[] =>
  Array.isArray(project.label_interface?.controls) ? (project.label_interface.controls as Raw[]).map((c) => ({ ...c })) : [];

export function InterfacePanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const [controls, setControls] = useState<Raw[]>(() => rawControls(project));
  const [json, setJson] = useState<string | null>(null); // Non-null while editing as JSON.
  const [jsonError, setJsonError] = useState('');
  const [adding, setAdding] = useState('choices');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => setControls(rawControls(project)), [project.id, project.version]);

  const change = (next: Raw[]) => {
    setControls(next);
    setSaved('');
  };

  async function save() {
    setBusy(true);
    try {
      const updated = await api.updateProject(project.id, { label_interface: { controls: controls as never }, version: project.version });
      setError('');
      setSaved(`Saved (version ${updated.version}).`);
      onSaved(updated);
    } catch (e) {
      // The field path says which control and which of its fields to fix.
      setError(e instanceof ApiError && e.field ? `${e.field}: ${e.message}` : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  function applyJson() {
    try {
      const parsed = JSON.parse(json ?? '');
      const list = Array.isArray(parsed) ? parsed : parsed?.controls;
      if (!Array.isArray(list) || !list.every((c) => c !== null && typeof c === 'object' && !Array.isArray(c))) {
        setJsonError('Give {"controls": [ ... ]}: a list of control objects.');
        return;
      }
      change(list as Raw[]);
      setJson(null);
      setJsonError('');
    } catch (e) {
      setJsonError(`Not JSON: ${messageOf(e)}`);
    }
  }

  const names = controls.map((c) => String(c.name ?? ''));
  return (
    <section class="card" aria-labelledby="interface-heading">
      <h2 id="interface-heading">Label interface</h2>
      <div class="interface-editor">
        <div>
          {json === null ? (
            <>
              {controls.map((control, index) => (
                <ControlCard
                  key={index}
                  control={control}
                  index={index}
                  count={controls.length}
                  onChange={(c) => change(controls.map((old, i) => (i === index ? c : old)))}
                  onMove={(delta) => change(move(controls, index, delta))}
                  onRemove={() => change(controls.filter((_, i) => i !== index))}
                />
              ))}
              <p class="actions">
                <select value={adding} aria-label="Type of the control to add" onChange={(e) => setAdding(e.currentTarget.value)}>
                  {CONTROL_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
                <button type="button" onClick={() => change([...controls, newControl(adding, names)])}>
                  Add a control
                </button>
                <button type="button" onClick={() => setJson(JSON.stringify({ controls }, null, 2))}>
                  Edit as JSON
                </button>
              </p>
            </>
          ) : (
            <div class="field-control">
              <label for="interface-json">The interface as JSON (docs/label-interface.md)</label>
              <textarea id="interface-json" rows={16} value={json} onInput={(e) => setJson(e.currentTarget.value)} />
              {jsonError ? <span class="error small">{jsonError}</span> : null}
              <p class="actions">
                <button type="button" onClick={applyJson}>
                  Use this JSON
                </button>
                <button type="button" onClick={() => setJson(null)}>
                  Back to the form
                </button>
              </p>
            </div>
          )}
          {error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : null}
          <p class="actions">
            <button type="button" class="primary" disabled={busy || json !== null} onClick={() => void save()}>
              Save the interface
            </button>
            <span class="muted small" role="status">
              {saved}
            </span>
          </p>
        </div>
        <Preview project={project} controls={controls} />
      </div>
    </section>
  );
}

function ControlCard(props: {
  control: Raw;
  index: number;
  count: number;
  onChange: (c: Raw) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const { control, index, count } = props;
  const type = String(control.type ?? '');
  const fields = FIELDS[type];
  const title = `${type} · ${String(control.name ?? '')}`;
  return (
    <fieldset class="control-card" aria-label={`Control ${index + 1}: ${title}`}>
      <legend>{title}</legend>
      {fields ? (
        fields.map((field) => <FieldInput key={field.key} control={control} field={field} onChange={props.onChange} />)
      ) : (
        <p class="muted">The form does not know the type “{type}”; edit it as JSON.</p>
      )}
      <p class="actions">
        <button type="button" disabled={index === 0} onClick={() => props.onMove(-1)} aria-label={`Move ${title} up`}>
          ↑
        </button>
        <button type="button" disabled={index === count - 1} onClick={() => props.onMove(1)} aria-label={`Move ${title} down`}>
          ↓
        </button>
        <button type="button" onClick={props.onRemove}>
          Remove
        </button>
      </p>
    </fieldset>
  );
}

type FieldProps = { control: Raw; field: FieldSpec; onChange: (c: Raw) => void };

function FieldInput(props: FieldProps) {
  return props.field.kind === 'bool' ? <CheckboxField {...props} /> : <TextField {...props} />;
}

function CheckboxField({ control, field, onChange }: FieldProps) {
  return (
    <label class="inline">
      <input type="checkbox" checked={control[field.key] === true} onChange={(e) => onChange(setField(control, field, e.currentTarget.checked))} />
      {field.label}
    </label>
  );
}

function TextField({ control, field, onChange }: FieldProps) {
  const id = `field-${String(control.name)}-${field.key}`;
  // Typed text is kept locally so "1," is not rewritten to "1" while typing a list.
  const [text, setText] = useState(fieldText(control, field));
  useEffect(() => setText(fieldText(control, field)), [control[field.key]]);
  return (
    <div class="field-control">
      <label for={id}>
        {field.label}
        {field.hint ? <span class="muted small"> — {field.hint}</span> : null}
      </label>
      <input
        id={id}
        type="text"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onChange(setField(control, field, e.currentTarget.value));
        }}
      />
    </div>
  );
}

// The annotate page's views on a sample task, answering as an annotator would.
function Preview({ project, controls }: { project: Project; controls: Raw[] }) {
  const [task, setTask] = useState<Task | null>(null);
  const [answer, setAnswer] = useState<Answer>({});
  useEffect(() => {
    api
      .listTasks(project.id, null, 1)
      .then((page) => setTask(page.tasks[0] ?? null))
      .catch(() => setTask(null));
  }, [project.id]);
  const studio = studioControls({ controls: controls as never });
  const shown: Task = task ?? { id: 0, data: sampleData(controls) };
  const hotkeys = assignHotkeys(studio);
  return (
    <div class="interface-preview" aria-label="Preview">
      <p class="muted small">Preview on {task ? `task ${String(task.id)}` : 'stand-in data'} — try it; nothing is saved.</p>
      <ControlList
        controls={studio}
        task={shown}
        answer={answer}
        hotkeys={hotkeys}
        disabled={false}
        onChange={(control, value) => setAnswer((a) => ({ ...a, [control.name]: value }))}
        onAnswer={(next) => setAnswer(next)}
      />
      <details>
        <summary>The result a submission would send</summary>
        <pre>{JSON.stringify(toResult(answer, studio), null, 2)}</pre>
      </details>
    </div>
  );
}
