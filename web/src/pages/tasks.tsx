// The data browser (#/projects/{id}/tasks): search a project's task data, filter by labels,
// order either way, and scroll a virtualised list of every task (a million scroll); a row opens
// its full data below the list. Without a filter the total is the project's task count and any
// row can be reached by dragging the scrollbar; with one, pages load as the list nears its end.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatCount, prettyJson } from '../data_browser/preview';
import { TaskList } from '../data_browser/task_list';
import { TaskSource } from '../data_browser/task_source';
import { projectHash } from '../router';
import { TaskTier } from '../routing/task_tier';
import { TaskSensitive } from '../wellbeing/task_sensitive';
import { canManage } from './projects';
import { api, messageOf } from '../session';
import type { Id, Project, Task, TaskQuery, User } from '../types';

const PAGE_SIZE = 200;
const MAX_PAGES = 50; // 10,000 rows in memory at most
const SEARCH_DELAY_MS = 300;

type Labels = NonNullable<TaskQuery['labels']>;
type Order = NonNullable<TaskQuery['order']>;

export function TasksPage({ id, user }: { id: Id; user?: User }) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [labels, setLabels] = useState<Labels>('any');
  const [order, setOrder] = useState<Order>('id');
  const [revision, setRevision] = useState(0);
  const [opened, setOpened] = useState<Task | null>(null);
  const detailRef = useRef<HTMLElement>(null);

  useEffect(() => {
    api.getProject(id).then(setProject, (e: unknown) => setError(messageOf(e)));
  }, [id]);

  // Searches once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim() === '' ? '' : typed), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const filtered = q !== '' || labels !== 'any';
  const source = useMemo(() => {
    if (!project) return null;
    const filter: TaskQuery = { q, labels, order };
    return new TaskSource(
      (r) => api.queryTasks(project.id, { ...filter, offset: r.offset }, r.cursor, r.limit),
      { pageSize: PAGE_SIZE, maxPages: MAX_PAGES, total: filtered ? null : (project.task_count ?? null) },
      () => setRevision((n) => n + 1),
    );
  }, [project, q, labels, order]);
  useEffect(() => () => source?.dispose(), [source]);

  useEffect(() => {
    if (opened) detailRef.current?.scrollIntoView({ block: 'nearest' });
  }, [opened]);

  if (error && !project) {
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  }
  if (!project || !source) return <p class="muted">Loading…</p>;

  return (
    <section class="data-browser">
      <p>
        <a href={projectHash(project.id)}>← {project.name}</a>
      </p>
      <h1>Tasks of {project.name}</h1>
      <div class="db-controls">
        <label>
          Search the data{' '}
          <input type="search" maxLength={200} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <label>
          Labels{' '}
          <select value={labels} onChange={(e) => setLabels(e.currentTarget.value as Labels)}>
            <option value="any">All tasks</option>
            <option value="unlabelled">Unlabelled</option>
            <option value="labelled">Labelled</option>
          </select>
        </label>
        <label>
          Order{' '}
          <select value={order} onChange={(e) => setOrder(e.currentTarget.value as Order)}>
            <option value="id">Oldest first</option>
            <option value="-id">Newest first</option>
          </select>
        </label>
        <span class="db-count" role="status" data-testid="task-browser-count">
          {countText(source, filtered)}
        </span>
      </div>
      {source.error ? (
        <p class="error" role="alert">
          {source.error} Scroll to try again.
        </p>
      ) : null}
      <div class="db-head" aria-hidden="true">
        <span>Id</span>
        <span>External id</span>
        <span>Data</span>
        <span class="db-num">Submitted</span>
        <span class="db-num">Skipped</span>
      </div>
      <TaskList source={source} revision={revision} openId={opened?.id ?? null} onOpen={setOpened} />
      <p class="muted small">
        <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>PgUp</kbd> <kbd>PgDn</kbd> <kbd>Home</kbd> <kbd>End</kbd> jump,{' '}
        <kbd>Enter</kbd> shows the task's data.
      </p>
      {opened ? (
        <section class="card db-detail" ref={detailRef} aria-labelledby="db-detail-heading" data-testid="task-detail">
          <h2 id="db-detail-heading">Task {String(opened.id)}</h2>
          <p class="muted">
            {opened.external_id ? `External id ${opened.external_id} · ` : ''}
            {opened.label_counts?.submitted ?? 0} submitted, {opened.label_counts?.skipped ?? 0} skipped
          </p>
          <TaskTier taskId={opened.id} key={String(opened.id)} />
          <TaskSensitive task={opened} canChange={user ? canManage(user) : false} onChanged={setOpened} key={`s${String(opened.id)}`} />
          <pre class="db-json">{prettyJson(opened.data)}</pre>
        </section>
      ) : null}
    </section>
  );
}

// "5,000 tasks" when the total is known; a lower bound while a filter's pages still come.
function countText(source: TaskSource, filtered: boolean): string {
  const n = source.rowCount;
  const noun = filtered ? 'matching' : n === 1 ? 'task' : 'tasks';
  if (source.exact) return filtered && n === 0 ? 'No tasks match' : `${formatCount(n)} ${noun}`;
  if (n === 0) return source.error ? '' : 'Searching…';
  return `${formatCount(n)}+ ${noun}, scroll for more`;
}
