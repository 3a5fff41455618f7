// The adjudication page (#/projects/{id}/adjudication; administrators, managers, reviewers and
// expert annotators): the open queue of escalated tasks (their labels kept disagreeing), and
// one item at a time with every label side by side as "Annotator 1", "Annotator 2", … (who
// labelled what is never sent), the answer distribution, and the final answer: take one
// label's answer or edit it in the studio, say why, Decide. Then the next open item.
// The annotators' labels are never changed. Keys: 1–9 take that annotator's answer (outside
// text fields and the studio), Ctrl+Enter decides.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  decide,
  getAdjudication,
  listAdjudications,
  type AdjudicationItem,
  type AdjudicationListing,
  type AnonymousLabel,
} from '../adjudication/adjudication_api';
import { canAdjudicate, checkDecision, distributionLine, MAX_RATIONALE, nextOpen } from '../adjudication/adjudication_state';
import { AnswerEditor, answerOf, ReadOnlyAnswer } from '../review/readonly_answer';
import { projectHash } from '../router';
import { api, messageOf } from '../session';
import { isComplete, toResult, type Answer } from '../studio/answer';
import { fieldsOf, studioControls, type StudioControl } from '../studio/controls';
import { showsItsData } from '../studio/registry';
import { TaskField } from '../studio/task_field';
import { dataText } from '../interface_builder';
import type { Id, Project, Task, User } from '../types';

interface Queue {
  items: AdjudicationListing[];
  open: number;
}

// A text field or a view's own editing takes the keys.
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('.review-answer');
}

// The task's first text field, cut short, for the queue.
function preview(task: Task, controls: StudioControl[]): string {
  const field = controls.flatMap(fieldsOf)[0] ?? Object.keys(task.data ?? {})[0];
  const text = field ? dataText(task.data, field) : '';
  return [...text].length > 80 ? [...text].slice(0, 80).join('') + '…' : text;
}

export function AdjudicationPage({ id, user }: { id: Id; user: User }) {
  const [project, setProject] = useState<Project | null>(null);
  const [queue, setQueue] = useState<Queue | null>(null);
  const [item, setItem] = useState<AdjudicationItem | null>(null);
  const [answer, setAnswer] = useState<Answer>({});
  const [taken, setTaken] = useState('');
  const [rationale, setRationale] = useState('');
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const rationaleField = useRef<HTMLTextAreaElement>(null);
  const controls = studioControls(project?.label_interface);

  async function readQueue(): Promise<Queue> {
    const page = await listAdjudications(api, id, 'open', null, 1000);
    const loaded = { items: page.adjudications, open: page.open };
    setQueue(loaded);
    return loaded;
  }

  async function open(taskId: Id, loadedControls = controls) {
    setError('');
    const loaded = await getAdjudication(api, taskId);
    setItem(loaded);
    setAnswer(answerOf(null, loadedControls));
    setTaken('');
    setRationale('');
  }

  useEffect(() => {
    if (!canAdjudicate(user)) return;
    let cancelled = false;
    (async () => {
      try {
        const loaded = await api.getProject(id);
        if (cancelled) return;
        setProject(loaded);
        const q = await readQueue();
        const first = nextOpen(q.items, null);
        if (first && !cancelled) await open(first.task_id, studioControls(loaded.label_interface));
      } catch (e) {
        if (!cancelled) setError(messageOf(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id]);

  function take(label: AnonymousLabel) {
    setAnswer(answerOf(label.result, controls));
    setTaken(label.annotator);
    setError('');
  }

  async function send() {
    if (!item || busy) return;
    const checked = checkDecision(isComplete(answer, controls), rationale);
    if (!checked.ok) {
      setError(checked.message);
      if (checked.field === 'rationale') rationaleField.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    const taskId = item.task.id;
    try {
      await decide(api, taskId, toResult(answer, controls), checked.rationale);
      const q = await readQueue();
      const next = nextOpen(q.items, taskId);
      setNote(`Task ${String(taskId)} decided.`);
      if (next) await open(next.task_id);
      else setItem(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const latest = useRef({ take, send, item });
  latest.current = { take, send, item };
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const s = latest.current;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        void s.send();
        event.preventDefault();
        return;
      }
      if (typingInto(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!/^[1-9]$/.test(event.key) || !s.item?.may_decide) return;
      const label = s.item.labels[Number(event.key) - 1];
      if (!label) return;
      s.take(label);
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const back = <a href={projectHash(id)}>← {project ? project.name : 'Project'}</a>;
  if (!canAdjudicate(user)) {
    return (
      <section>
        <p>{back}</p>
        <p class="error" role="alert">
          Adjudication is for administrators, managers, reviewers and expert annotators.
        </p>
      </section>
    );
  }
  if (!project || !queue) {
    return (
      <section>
        <p>{back}</p>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : (
          <p class="muted">Loading the adjudication queue…</p>
        )}
      </section>
    );
  }

  return (
    <section class="adjudication">
      <p class="annotate-bar">{back}</p>
      <h1>Adjudication</h1>
      <p class="muted">
        Tasks whose labels kept disagreeing wait here for an expert, who decides the final answer and says why. The annotators’ own
        labels stay as they were; nobody decides a task they labelled.
      </p>
      <QueueTable queue={queue} controls={controls} current={item?.task.id ?? null} onOpen={(taskId) => void open(taskId).catch((e: unknown) => setError(messageOf(e)))} />
      {note ? (
        <p class="muted" role="status" data-testid="adjudication-note">
          {note}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {item ? (
        <ItemView
          item={item}
          controls={controls}
          answer={answer}
          taken={taken}
          rationale={rationale}
          busy={busy}
          rationaleField={rationaleField}
          onTake={take}
          onAnswer={(next) => {
            setAnswer(next);
            setTaken('');
          }}
          onRationale={(text) => {
            setRationale(text);
            setError('');
          }}
          onDecide={() => void send()}
        />
      ) : queue.open === 0 ? (
        <p data-testid="adjudication-empty">Nothing is waiting for adjudication.</p>
      ) : (
        <p class="muted">The open items left are ones you labelled yourself; someone else must decide them.</p>
      )}
    </section>
  );
}

function QueueTable({ queue, controls, current, onOpen }: { queue: Queue; controls: StudioControl[]; current: Id | null; onOpen: (taskId: Id) => void }) {
  return (
    <>
      <h2>
        Open <span data-testid="adjudication-open">{queue.open}</span>
      </h2>
      {queue.items.length > 0 ? (
        <table class="adjudication-queue">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Why it is here</th>
              <th scope="col">Labels</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((listing) => (
              <tr key={String(listing.task_id)} aria-current={current !== null && String(current) === String(listing.task_id) ? 'true' : undefined}>
                <td>
                  {String(listing.task_id)} <span class="muted">{preview(listing.task, controls)}</span>
                </td>
                <td>{listing.reason}</td>
                <td>{listing.labels}</td>
                <td>
                  {listing.labelled_by_you ? (
                    <span class="muted">You labelled it</span>
                  ) : (
                    <button type="button" onClick={() => onOpen(listing.task_id)}>
                      Adjudicate
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

interface ItemProps {
  item: AdjudicationItem;
  controls: StudioControl[];
  answer: Answer;
  taken: string;
  rationale: string;
  busy: boolean;
  rationaleField: { current: HTMLTextAreaElement | null };
  onTake: (label: AnonymousLabel) => void;
  onAnswer: (answer: Answer) => void;
  onRationale: (text: string) => void;
  onDecide: () => void;
}

function ItemView({ item, controls, answer, taken, rationale, busy, rationaleField, onTake, onAnswer, onRationale, onDecide }: ItemProps) {
  const { task, adjudication } = item;
  const shownByViews = new Set(controls.filter(showsItsData).flatMap(fieldsOf));
  const fields = [...new Set(controls.filter((c) => !showsItsData(c)).flatMap(fieldsOf))].filter((f) => !shownByViews.has(f));
  return (
    <div class="adjudication-item" data-task-id={String(task.id)}>
      <h2>Task {String(task.id)}</h2>
      <p data-testid="adjudication-reason">
        <strong>Why it is here:</strong> {adjudication.reason || 'its labels disagreed'} ({adjudication.labels} labels)
      </p>
      {fields.length > 0 ? (
        <div class="task" aria-label="Task">
          {fields.map((field) => (
            <div class="task-field" key={field}>
              {fields.length > 1 ? <h3 class="field-name">{field}</h3> : null}
              <TaskField field={field} data={task.data} />
            </div>
          ))}
        </div>
      ) : null}
      {item.distribution.length > 0 ? (
        <dl class="adjudication-distribution" aria-label="Answer distribution">
          {item.distribution.map((d) => (
            <div key={d.control}>
              <dt>{d.control}</dt>
              <dd>{distributionLine(d)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div class="review-columns">
        {item.labels.map((label, i) => (
          <div class="review-column card" role="group" aria-label={label.annotator} key={label.annotator}>
            <h3 class="review-column-title">{label.annotator}</h3>
            <ReadOnlyAnswer result={label.result} controls={controls} task={task} label={`${label.annotator}'s answer`} />
            {item.may_decide ? (
              <div class="actions">
                <button type="button" aria-pressed={taken === label.annotator} onClick={() => onTake(label)}>
                  Take this answer {i < 9 ? <kbd>{i + 1}</kbd> : null}
                </button>
              </div>
            ) : null}
          </div>
        ))}
      </div>
      {adjudication.decided ? (
        <div class="card adjudication-decided">
          <h3>Decided</h3>
          <ReadOnlyAnswer result={adjudication.result} controls={controls} task={task} label="The final answer" />
          <p>
            <strong>Rationale:</strong> {adjudication.rationale ?? ''}
          </p>
        </div>
      ) : item.may_decide ? (
        <div class="card adjudication-decision" role="group" aria-label="Your decision">
          <h3>Final answer{taken ? <span class="muted"> (from {taken})</span> : null}</h3>
          <p class="muted">Take one label’s answer above, then change it here if needed, or write your own.</p>
          <AnswerEditor answer={answer} controls={controls} task={task} label="The final answer" onAnswer={onAnswer} />
          <label>
            Rationale (required)
            <textarea
              ref={rationaleField}
              name="rationale"
              rows={3}
              maxLength={MAX_RATIONALE * 2}
              required
              value={rationale}
              onInput={(e) => onRationale(e.currentTarget.value)}
            />
          </label>
          <div class="actions">
            <button type="button" class="primary" disabled={busy} onClick={onDecide}>
              Decide <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
            </button>
          </div>
        </div>
      ) : (
        <p class="muted">You labelled this task, so someone else must decide it.</p>
      )}
    </div>
  );
}
