import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { buildChoicesInterface, type FieldError, type ChoicesForm } from '../interface_builder';
import { projectHash } from '../router';
import { api, messageOf } from '../session';
import type { Project, User } from '../types';

export const canManage = (user: User) => user.role === 'admin' || user.role === 'manager';

export function Projects({ user }: { user: User }) {
  const [projects, setProjects] = useState<Project[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function load(from: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await api.listProjects(from);
      setProjects((previous) => (from ? [...previous, ...page.projects] : page.projects));
      setCursor(page.next_cursor);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    headingRef.current?.focus();
    void load(null);
  }, []);

  return (
    <section>
      <h1 tabIndex={-1} ref={headingRef}>
        Projects
      </h1>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!loading && projects.length === 0 && !error ? <p class="muted">No projects yet.</p> : null}
      <ul class="project-list">
        {projects.map((project) => (
          <li key={String(project.id)}>
            <a href={projectHash(project.id)}>{project.name}</a>
            {project.description ? <span class="muted"> — {project.description}</span> : null}
          </li>
        ))}
      </ul>
      {loading ? <p class="muted">Loading…</p> : null}
      {cursor && !loading ? (
        <button type="button" onClick={() => load(cursor)}>
          Load more
        </button>
      ) : null}
      {canManage(user) ? <NewProjectForm /> : null}
    </section>
  );
}

const emptyForm: ChoicesForm & { projectName: string; description: string; overlap: string } = {
  projectName: '',
  description: '',
  name: 'label',
  dataField: 'text',
  options: '',
  multiple: false,
  overlap: '1',
};

function NewProjectForm() {
  const [form, setForm] = useState(emptyForm);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof typeof emptyForm) => (event: Event) => {
    const target = event.currentTarget as HTMLInputElement;
    setForm({ ...form, [key]: target.type === 'checkbox' ? target.checked : target.value });
  };
  const errorFor = (field: FieldError['field']) => fieldErrors.find((e) => e.field === field)?.message;

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    const built = buildChoicesInterface(form);
    if (!built.ok) {
      setFieldErrors(built.errors);
      return;
    }
    setFieldErrors([]);
    if (form.projectName.trim() === '') {
      setError('Give the project a name.');
      return;
    }
    const overlap = Number(form.overlap);
    if (!Number.isInteger(overlap) || overlap < 1) {
      setError('Labels per task must be a whole number of at least 1.');
      return;
    }
    setBusy(true);
    try {
      const project = await api.createProject({
        name: form.projectName.trim(),
        description: form.description.trim(),
        label_interface: built.value,
        overlap,
      });
      window.location.hash = projectHash(project.id);
    } catch (e) {
      setError(e instanceof ApiError && e.field ? `${e.message} (${e.field})` : messageOf(e));
      setBusy(false);
    }
  }

  const described = (field: FieldError['field']) => (errorFor(field) ? `np-${field}-error` : undefined);
  const fieldError = (field: FieldError['field']) =>
    errorFor(field) ? (
      <span id={`np-${field}-error`} class="field-error">
        {errorFor(field)}
      </span>
    ) : null;

  return (
    <form class="card" onSubmit={submit} aria-labelledby="np-heading">
      <h2 id="np-heading">New project</h2>
      <p class="muted">A text classification project: annotators pick one (or several) of your options.</p>
      <label for="np-name">Project name</label>
      <input id="np-name" required value={form.projectName} onInput={set('projectName')} />
      <label for="np-description">Description</label>
      <input id="np-description" value={form.description} onInput={set('description')} />
      <label for="np-field">Data field to label</label>
      <input id="np-field" value={form.dataField} onInput={set('dataField')} aria-describedby={described('dataField')}
        aria-invalid={errorFor('dataField') ? true : undefined} />
      {fieldError('dataField')}
      <label for="np-control">Label name (the key in each annotation)</label>
      <input id="np-control" value={form.name} onInput={set('name')} aria-describedby={described('name')}
        aria-invalid={errorFor('name') ? true : undefined} />
      {fieldError('name')}
      <label for="np-options">Options, separated by commas</label>
      <input
        id="np-options"
        placeholder="positive, negative, neutral"
        value={form.options}
        onInput={set('options')}
        aria-describedby={described('options')}
        aria-invalid={errorFor('options') ? true : undefined}
      />
      {fieldError('options')}
      <label class="inline">
        <input type="checkbox" checked={form.multiple} onChange={set('multiple')} /> Several options may apply
      </label>
      <label for="np-overlap">Labels per task (overlap)</label>
      <input id="np-overlap" type="number" min={1} step={1} value={form.overlap} onInput={set('overlap')} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>
        Create project
      </button>
    </form>
  );
}
