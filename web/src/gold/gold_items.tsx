// The project's gold tasks (admins, managers), a page at a time: each with its id, a one-line
// preview of its data (text only), the reference shown read-only with the studio's views, the
// rationale, and Edit / Unmark. Editing uses the reviewer's editable views and sends the
// version read (409 when someone changed it since); the server checks the reference as it
// checks an answer and its error names the control ("reference.sentiment.choices[0]").
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { previewOf } from '../data_browser/preview';
import { AnswerEditor, answerOf, ReadOnlyAnswer } from '../review/readonly_answer';
import { api, messageOf } from '../session';
import { toResult, type Answer } from '../studio/answer';
import type { StudioControl } from '../studio/controls';
import type { Id, Task } from '../types';
import { listGold, putGold, removeGold, type GoldItem } from './gold_api';

export const MAX_RATIONALE = 5000;
const PAGE_SIZE = 50;

// An error as a person reads it: the field the server names, then its message.
export const errorText = (e: unknown) =>
  e instanceof ApiError && e.status === 409
    ? 'Someone changed this gold item since you opened it; reload the page to see their version.'
    : e instanceof ApiError && e.field
      ? `${e.field}: ${e.message}`
      : messageOf(e);

export function GoldItems({ projectId, controls, onChanged }: { projectId: Id; controls: StudioControl[]; onChanged: () => void }) {
  const [items, setItems] = useState<GoldItem[]>([]);
  const [tasks, setTasks] = useState<Map<string, Task>>(new Map());
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');

  async function load(after: string | null) {
    try {
      const page = await listGold(api, projectId, after, PAGE_SIZE);
      const found = page.gold_items.map((g) => [String(g.task_id), g.task] as const);
      setTasks((known) => new Map([...(after ? known : []), ...found]));
      setItems((list) => (after ? [...list, ...page.gold_items] : page.gold_items));
      setCursor(page.next_cursor);
      setError('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoaded(true);
    }
  }

  useEffect(() => {
    void load(null);
  }, [projectId]);

  const replace = (item: GoldItem) => {
    setItems((list) => list.map((g) => (String(g.task_id) === String(item.task_id) ? item : g)));
    onChanged();
  };
  const drop = (taskId: Id) => {
    setItems((list) => list.filter((g) => String(g.task_id) !== String(taskId)));
    onChanged();
  };

  return (
    <section class="card" aria-labelledby="gold-items-heading">
      <h2 id="gold-items-heading">Gold tasks</h2>
      <p class="muted small">Mark a task gold from the reviewer view: “Make gold” under an answer uses it as the reference.</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {loaded && items.length === 0 && !error ? <p class="muted">No gold tasks yet.</p> : null}
      <ul class="gold-items">
        {items.map((item) => (
          <GoldItemRow
            key={String(item.task_id)}
            item={item}
            task={tasks.get(String(item.task_id)) ?? { id: item.task_id, data: {} }}
            controls={controls}
            onSaved={replace}
            onRemoved={drop}
          />
        ))}
      </ul>
      {cursor ? (
        <button type="button" onClick={() => void load(cursor)}>
          More gold tasks
        </button>
      ) : null}
    </section>
  );
}

type Mode = { kind: 'view' } | { kind: 'editing'; answer: Answer; rationale: string } | { kind: 'confirming' };

function GoldItemRow({
  item,
  task,
  controls,
  onSaved,
  onRemoved,
}: {
  item: GoldItem;
  task: Task;
  controls: StudioControl[];
  onSaved: (item: GoldItem) => void;
  onRemoved: (taskId: Id) => void;
}) {
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const title = `Task ${String(item.task_id)}`;

  async function save(answer: Answer, rationale: string) {
    const reference = toResult(answer, controls);
    if (Object.keys(reference).length === 0) {
      setError('The reference is empty: answer at least one control.');
      return;
    }
    setBusy(true);
    try {
      onSaved(await putGold(api, item.task_id, reference, rationale.trim(), item.version));
      setMode({ kind: 'view' });
      setError('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function unmark() {
    setBusy(true);
    try {
      await removeGold(api, item.task_id);
      onRemoved(item.task_id);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  const editing = mode.kind === 'editing' ? mode : null;
  return (
    <li class="gold-item" data-task-id={String(item.task_id)} aria-label={title}>
      <h3 class="gold-item-title">
        {title} <span class="muted small">· version {item.version}</span>
      </h3>
      <p class="gold-preview">{previewOf(task.data) || '(task data not found)'}</p>
      {editing ? (
        <>
          <AnswerEditor
            answer={editing.answer}
            controls={controls}
            task={task}
            label={`New reference of ${title}`}
            onAnswer={(answer) => setMode({ ...editing, answer })}
          />
          <label>
            Rationale
            <textarea
              class="gold-rationale-input"
              rows={3}
              maxLength={MAX_RATIONALE * 2}
              value={editing.rationale}
              onInput={(e) => setMode({ ...editing, rationale: e.currentTarget.value })}
            />
          </label>
          <div class="actions">
            <button type="button" class="primary" disabled={busy} onClick={() => void save(editing.answer, editing.rationale)}>
              Save the reference
            </button>
            <button type="button" onClick={() => setMode({ kind: 'view' })}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <>
          <ReadOnlyAnswer result={item.reference} controls={controls} task={task} label={`Reference of ${title}`} />
          <p class="gold-rationale">
            <span class="muted">Why: </span>
            {item.rationale || <span class="muted">no rationale given</span>}
          </p>
          {mode.kind === 'confirming' ? (
            <div class="actions" role="group" aria-label={`Unmark ${title}?`}>
              <span>Unmark {title}? Its answers stay as ordinary labels.</span>
              <button type="button" class="primary" disabled={busy} onClick={() => void unmark()}>
                Yes, unmark
              </button>
              <button type="button" onClick={() => setMode({ kind: 'view' })}>
                Keep it gold
              </button>
            </div>
          ) : (
            <div class="actions">
              <button
                type="button"
                onClick={() => {
                  setError('');
                  setMode({ kind: 'editing', answer: answerOf(item.reference, controls), rationale: item.rationale });
                }}
              >
                Edit
              </button>
              <button type="button" onClick={() => setMode({ kind: 'confirming' })}>
                Unmark
              </button>
            </div>
          )}
        </>
      )}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
