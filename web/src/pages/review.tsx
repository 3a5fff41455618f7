// The reviewer view (#/projects/{id}/review): the project's labelled tasks one at a time, each
// with every annotation side by side as "Annotator 1", "Annotator 2", … (numbered by annotation
// id; who labelled what is never shown), to accept, reject with a comment, or fix. Keys: ←/→
// previous and next task, N the next task with an answer you have not reviewed, 1..9 focus
// that annotator's column (then A, R, F; see review/annotation_column.tsx).
import { useEffect, useRef, useState } from 'preact/hooks';
import { projectHash } from '../router';
import { api, messageOf } from '../session';
import { fieldsOf, studioControls } from '../studio/controls';
import { showsItsData } from '../studio/registry';
import { TaskField } from '../studio/task_field';
import { AnnotationColumn } from '../review/annotation_column';
import { ReviewQueue } from '../review/queue';
import { taskAnnotations, taskReviews } from '../review/review_api';
import { canReview, columnsOf, needsMyReview, progressLine, type Review } from '../review/review_state';
import { GoldBanner, MakeGold } from '../review/make_gold';
import { listGold, type GoldItem } from '../gold/gold_api';
import { GoldIndex } from '../gold/gold_index';
import { TaskTier } from '../routing/task_tier';
import type { Annotation, Id, Project, Task, User } from '../types';
import { canManage } from './projects';

const PAGE_SIZE = 50;

interface Shown {
  task: Task;
  annotations: Annotation[];
  reviews: Review[];
  gold: GoldItem | null; // Always null for reviewers: they never ask.
}

type Phase = { kind: 'loading' } | { kind: 'task'; shown: Shown } | { kind: 'empty' } | { kind: 'error'; message: string };

// A text field or a view's own editing takes the keys.
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

async function loadTask(task: Task, gold: GoldIndex | null): Promise<Shown> {
  const [annotations, reviews, item] = await Promise.all([
    taskAnnotations(api, task.id),
    taskReviews(api, task.id),
    // Gold is extra: a failure to read it must not stop reviewing.
    gold ? gold.lookup(task.id).catch(() => null) : Promise.resolve(null),
  ]);
  return { task, annotations, reviews, gold: item };
}

export function ReviewPage({ id, user }: { id: Id; user: User }) {
  const [project, setProject] = useState<Project | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [note, setNote] = useState('');
  const queue = useRef<ReviewQueue | null>(null);
  // Which tasks are gold: only for those who may manage gold.
  const goldIndex = useRef<GoldIndex | null>(null);
  const columnsRef = useRef<HTMLDivElement>(null);
  const controls = studioControls(project?.label_interface);

  async function show(step: (q: ReviewQueue) => Promise<Task | null>, nothing: string) {
    const q = queue.current;
    if (!q) return;
    const before = q.current;
    setNote('');
    try {
      const task = await step(q);
      if (!task) {
        if (before === null) setPhase({ kind: 'empty' });
        else setNote(nothing);
        return;
      }
      if (before !== null && task.id === before.id) {
        setNote(nothing);
        return;
      }
      setPhase({ kind: 'task', shown: await loadTask(task, goldIndex.current) });
    } catch (e) {
      setPhase({ kind: 'error', message: messageOf(e) });
    }
  }

  // The next task holding an answer the reviewer may review and has not yet.
  async function nextToReview() {
    const q = queue.current;
    if (!q) return;
    setNote('');
    try {
      let found: Shown | null = null;
      await q.seek(async (candidate) => {
        const loaded = await loadTask(candidate, goldIndex.current);
        if (!needsMyReview(columnsOf(loaded.annotations, loaded.reviews, user.id), user.id)) return false;
        found = loaded;
        return true;
      });
      if (found) setPhase({ kind: 'task', shown: found });
      else setNote('No task further on is waiting for your review (looked at the next 50).');
    } catch (e) {
      setPhase({ kind: 'error', message: messageOf(e) });
    }
  }

  useEffect(() => {
    let cancelled = false;
    queue.current = new ReviewQueue((cursor) => api.queryTasks(id, { labels: 'labelled' }, cursor, PAGE_SIZE));
    goldIndex.current = canManage(user) ? new GoldIndex((cursor) => listGold(api, id, cursor, 200)) : null;
    (async () => {
      try {
        const loaded = await api.getProject(id);
        if (cancelled) return;
        setProject(loaded);
        await show((q) => q.start(), '');
      } catch (e) {
        if (!cancelled) setPhase({ kind: 'error', message: messageOf(e) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id]);

  const latest = useRef({ show, nextToReview });
  latest.current = { show, nextToReview };
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing || typingInto(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const s = latest.current;
      if (event.key === 'ArrowRight') void s.show((q) => q.move(1), 'This is the last labelled task.');
      else if (event.key === 'ArrowLeft') void s.show((q) => q.move(-1), 'This is the first labelled task.');
      else if (event.key === 'n' || event.key === 'N') void s.nextToReview();
      else if (/^[1-9]$/.test(event.key)) {
        const column = columnsRef.current?.querySelectorAll<HTMLElement>('.review-column')[Number(event.key) - 1];
        if (!column) return;
        column.focus();
      } else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const back = <a href={projectHash(id)}>← {project ? project.name : 'Project'}</a>;
  if (!canReview(user)) {
    return (
      <section>
        <p>{back}</p>
        <p class="error" role="alert">
          Reviewing is for administrators, managers and reviewers.
        </p>
      </section>
    );
  }
  if (phase.kind === 'error') {
    return (
      <section>
        <p>{back}</p>
        <p class="error" role="alert">
          {phase.message}
        </p>
      </section>
    );
  }
  if (phase.kind === 'empty') {
    return (
      <section>
        <p>{back}</p>
        <h1>Nothing to review yet</h1>
        <p>No task of this project has a submitted label yet.</p>
      </section>
    );
  }
  if (phase.kind === 'loading' || !project) {
    return (
      <section>
        <p>{back}</p>
        <p class="muted">Loading the labelled tasks…</p>
      </section>
    );
  }

  const { task, annotations, reviews, gold } = phase.shown;
  const columns = columnsOf(annotations, reviews, user.id);
  const q = queue.current!;
  const shownByViews = new Set(controls.filter(showsItsData).flatMap(fieldsOf));
  const fields = [...new Set(controls.filter((c) => !showsItsData(c)).flatMap(fieldsOf))].filter((f) => !shownByViews.has(f));
  const reviewed = (review: Review) =>
    setPhase((p) => (p.kind === 'task' ? { kind: 'task', shown: { ...p.shown, reviews: [...p.shown.reviews, review] } } : p));
  const markedGold = (item: GoldItem) => {
    goldIndex.current?.remember(item);
    setPhase((p) => (p.kind === 'task' && String(p.shown.task.id) === String(item.task_id) ? { kind: 'task', shown: { ...p.shown, gold: item } } : p));
  };

  return (
    <section class="review" data-task-id={String(task.id)}>
      <p class="annotate-bar">{back}</p>
      <h1>Review labels</h1>
      <nav class="actions review-nav" aria-label="Tasks to review">
        <button type="button" disabled={q.atStart} onClick={() => void show((x) => x.move(-1), 'This is the first labelled task.')}>
          Previous task <kbd>←</kbd>
        </button>
        <span class="muted" data-testid="review-position">
          Task {String(task.id)} · {q.position} of {q.loaded}
          {q.more ? '+' : ''} labelled
        </span>
        <button type="button" disabled={q.atEnd} onClick={() => void show((x) => x.move(1), 'This is the last labelled task.')}>
          Next task <kbd>→</kbd>
        </button>
        <button type="button" class="primary" onClick={() => void nextToReview()}>
          Next task to review <kbd>N</kbd>
        </button>
      </nav>
      <p class="muted" role="status">
        {note || progressLine(columns, user.id)} Keys: <kbd>1</kbd>–<kbd>9</kbd> pick an annotator, then <kbd>A</kbd> accept,{' '}
        <kbd>R</kbd> reject, <kbd>F</kbd> fix.
      </p>
      {fields.length > 0 ? (
        <div class="task" aria-label="Task">
          {fields.map((field) => (
            <div class="task-field" key={field}>
              {fields.length > 1 ? <h2 class="field-name">{field}</h2> : null}
              <TaskField field={field} data={task.data} />
            </div>
          ))}
        </div>
      ) : null}
      {canManage(user) ? <TaskTier taskId={task.id} key={String(task.id)} /> : null}
      {gold ? <GoldBanner gold={gold} controls={controls} task={task} /> : null}
      <div class="review-columns" ref={columnsRef} key={String(task.id)}>
        {columns.map((column) => (
          <AnnotationColumn
            key={String(column.annotation.id)}
            column={column}
            controls={controls}
            task={task}
            me={user.id}
            onReviewed={reviewed}
            extra={canManage(user) ? <MakeGold column={column} task={task} gold={gold} onMarked={markedGold} /> : null}
          />
        ))}
      </div>
    </section>
  );
}
