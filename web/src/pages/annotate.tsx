// The annotate page: the next task, one view per control of the label interface
// (studio/registry.tsx), number keys 1..9 for choices and ? for "ambiguous" where a control
// allows it, Enter submits when an answer needs more
// than one key, S skips (with a reason), G shows the guidelines, Ctrl+Z / Ctrl+Shift+Z undo
// and redo. During a project's qualification a banner numbers the qualification tasks, Skip
// is off, and each answer is followed by a feedback panel (gold/qualification_panel.tsx) that
// holds the prefetched next task until Continue (Enter). Each
// submission carries an idempotency key kept (also in sessionStorage) until the server
// acknowledges it, so a retry after a network failure or a re-login never saves it twice.
// An answer that takes several keys is autosaved as a draft, and restored on a reload.
// Work a reviewer returned comes back first with their comment (returned_panel.tsx) and the
// earlier answer filled in; submitting or skipping it corrects that label (returned.ts).
// Wellbeing: a sensitive task comes with a content warning; when the project's policy holds back
// the sensitive work that is left, a break screen says why and until when; members may opt out
// of sensitive items (wellbeing/studio.tsx).
// Model drafts: when the server sends the model's answer (`model_draft`), it pre-fills the form
// under a "Model draft" banner with Accept (Shift+A: submit as is), Edit (Shift+E) and Reject
// (Shift+R: clear it); Enter submits as usual (drafts/model_draft_banner.tsx).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ActiveTimer } from '../active_timer';
import { ApiError, isRetryable, submitWithRetry } from '../api';
import { newIdempotencyKey } from '../idempotency';
import type { PendingSubmission } from '../pending';
import { projectHash } from '../router';
import { api, messageOf, pending } from '../session';
import { DraftSaver } from '../draft_saver';
import { goldPauseOf } from '../gold/paused';
import { tierRefusalOf } from '../routing/routing';
import { interfaceChangeOf } from '../interface_change';
import { FeedbackPanel, QualificationBanner } from '../gold/qualification_panel';
import { isComplete, missing, toResult, type Answer, type ControlValue } from '../studio/answer';
import { assignHotkeys, pressChoiceKey, submitsOnChoice } from '../studio/choices';
import { fieldsOf, studioControls, type StudioControl } from '../studio/controls';
import { History } from '../studio/history';
import { addAnswer, progressText } from '../studio/progress';
import { ControlList } from '../studio/control_list';
import { restoreAnswer, showsItsData } from '../studio/registry';
import { TaskField } from '../studio/task_field';
import { BreakScreen, ContentWarning, OptOutSwitch } from '../wellbeing/studio';
import { GuidelinesView, useGuidelines } from './guidelines_panel';
import { SkipForm } from './skip_form';
import { ReturnedPanel } from './returned_panel';
import { ErrorScreen, NothingLeft, RefusalScreen } from './annotate_screens';
import { correctionOf } from '../returned';
import { draftKeyAction, draftStatus, modelDraftOf, type ModelDraft } from '../drafts/model_draft';
import { ModelDraftBanner } from '../drafts/model_draft_banner';
import { pageActive, typingInto, useTimerFollowsPageActivity } from '../studio/page_activity';
import type { Phase } from '../studio/phase';
import type {
  Id,
  MyStats,
  NextAnswer,
  Project,
  Qualification,
  ReturnedLabel,
  Task,
} from '../types';

export function Annotate({ id }: { id: Id }) {
  const [project, setProject] = useState<Project | null>(null);
  // Read by answers sent from the keyboard listener, which outlives renders.
  const projectRef = useRef(project);
  projectRef.current = project;
  // Why the shown task came back (its interface changed under the answer); '' when nothing.
  const [notice, setNotice] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [answer, setAnswer] = useState<Answer>({});
  const history = useRef(new History<Answer>({}));
  const [done, setDone] = useState(0);
  const timer = useRef<ActiveTimer | null>(null);
  // Set when an answer for the shown task leaves, before React re-renders: two quick keys
  // must not send two answers for one task.
  const answered = useRef(false);
  const taskRef = useRef<HTMLDivElement>(null);
  const controls = studioControls(project?.label_interface);
  const hotkeys = assignHotkeys(controls);
  const drafts = useRef<DraftSaver | null>(null);
  const controlsRef = useRef(controls);
  controlsRef.current = controls;
  const [draftNote, setDraftNote] = useState('');
  const [guidelinesOpen, setGuidelinesOpen] = useState(false);
  const [stats, setStats] = useState<MyStats | null>(null);
  const guidelines = useGuidelines(id);
  // The qualification the shown task came with (null: an ordinary task).
  const [calibration, setCalibration] = useState<Qualification | null>(null);
  const calibrationRef = useRef<Qualification | null>(null);
  // The shown task's returned label (null: new work), corrected in place instead of submitted.
  const [returned, setReturned] = useState<ReturnedLabel | null>(null);
  const returnedRef = useRef<ReturnedLabel | null>(null);
  // The model's draft the shown task came with (null: none, or the annotator's own work instead).
  const [modelDraft, setModelDraft] = useState<ModelDraft | null>(null);
  const modelDraftRef = useRef<ModelDraft | null>(null);
  modelDraftRef.current = modelDraft;

  async function loadNext() {
    setPhase({ kind: 'loading' });
    try {
      show(await api.nextTask(id));
    } catch (e) {
      const paused = goldPauseOf(e);
      const tier = tierRefusalOf(e);
      if (paused !== null) setPhase({ kind: 'paused', message: paused });
      else if (tier !== null) setPhase({ kind: 'tier', message: tier });
      else setPhase({ kind: 'error', message: messageOf(e) });
    }
  }

  // Shows `next` (null: nothing left) with a fresh answer, timer and draft saver.
  function show(next: NextAnswer | null) {
    history.current = new History<Answer>({});
    setAnswer({});
    setDraftNote('');
    setModelDraft(null);
    drafts.current?.stop();
    drafts.current = null;
    if (next !== null && next.task === null) {
      calibrationRef.current = null;
      returnedRef.current = null;
      setCalibration(null);
      setReturned(null);
      timer.current = null;
      setPhase({ kind: 'held', hold: next.wellbeing });
      return;
    }
    calibrationRef.current = next?.calibration ?? null;
    setCalibration(calibrationRef.current);
    returnedRef.current = next?.returned ?? null;
    setReturned(returnedRef.current);
    if (next === null) {
      timer.current = null;
      setPhase({ kind: 'empty' });
      return;
    }
    timer.current = new ActiveTimer(() => performance.now(), pageActive());
    answered.current = false;
    if (next.returned) {
      // Their submitted label, filled in; no draft (the server keeps drafts for new work only).
      const restored = restoreAnswer(next.returned.annotation.result, controlsRef.current);
      history.current = new History<Answer>(restored);
      setAnswer(restored);
      setPhase({ kind: 'task', task: next.task });
      return;
    }
    drafts.current = new DraftSaver(api, next.task.id, setDraftNote);
    // A task reserved before a reload comes back with its draft, if one was saved.
    drafts.current.resume(next.draft);
    if (next.draft) {
      const restored = restoreAnswer(next.draft.result, controlsRef.current);
      history.current = new History<Answer>(restored);
      setAnswer(restored);
    }
    const suggested = modelDraftOf(next, controlsRef.current);
    if (suggested) {
      history.current = new History<Answer>(suggested.answer);
      setAnswer(suggested.answer);
      setModelDraft(suggested);
    }
    setPhase({ kind: 'task', task: next.task });
  }

  async function send(item: PendingSubmission, task: Task | null) {
    pending.save(id, item);
    setPhase({ kind: 'submitting', task, note: '' });
    try {
      // The next task comes with the acknowledgement: one round trip from Enter to the next task.
      const before = task ? calibrationRef.current : null;
      const { next, calibration: feedback } = await submitWithRetry(api, item.taskId, item.submission, {
        withNext: true,
        onRetry: (attempt) =>
          setPhase({ kind: 'submitting', task, note: `Connection problem; trying again (${attempt})…` }),
      });
      pending.clear(id);
      if (item.submission.state === 'submitted') setDone((n) => n + 1);
      const { state, active_time_ms, lead_time_ms } = item.submission;
      setStats((s) => (s ? addAnswer(s, state, active_time_ms, lead_time_ms) : s));
      if (feedback) {
        // A qualification answer: the feedback first, the next task (held here) on Continue.
        setPhase({ kind: 'feedback', task, own: item.submission.result, feedback, before, next });
        return;
      }
      if (next === undefined) await loadNext();
      else show(next);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return; // Kept; sent again after login.
      const changed = interfaceChangeOf(e);
      if (changed !== null) {
        // The server kept the answer as the draft: show the task again in the new interface.
        pending.clear(id);
        await reloadInterface();
        await loadNext();
        setNotice(`Your answer was not saved: ${changed}`);
        return;
      }
      if (isRetryable(e)) {
        setPhase({ kind: 'stalled', task, message: messageOf(e), retry: item });
        return;
      }
      // The server refused it for good (e.g. the reservation expired): say so, move on.
      pending.clear(id);
      const tier = tierRefusalOf(e);
      if (tier !== null) {
        setPhase({ kind: 'tier', message: `This answer was not saved: ${tier}` });
        return;
      }
      setPhase({ kind: 'error', message: `This answer was not saved: ${messageOf(e)}` });
    }
  }

  // The project again (its label interface changed); the page stays where it is on failure.
  async function reloadInterface() {
    try {
      const loaded = await api.getProject(id);
      controlsRef.current = studioControls(loaded.label_interface);
      setProject(loaded);
    } catch (e) {
      setPhase({ kind: 'error', message: messageOf(e) });
    }
  }

  // Sends the correction of a returned label, then asks for the next task.
  async function correct(r: ReturnedLabel, task: Task, state: 'submitted' | 'skipped', chosen: Answer, reason: string) {
    const t = timer.current;
    setPhase({ kind: 'submitting', task, note: '' });
    try {
      await api.updateAnnotation(
        r.annotation.id,
        correctionOf(r, {
          state,
          result: toResult(chosen, controls),
          lead_time_ms: t ? t.leadTimeMs() : 0,
          active_time_ms: t ? t.activeTimeMs() : 0,
          skip_reason: reason,
        }),
      );
      await loadNext();
    } catch (e) {
      setPhase({ kind: 'error', message: `This correction was not saved: ${messageOf(e)}` });
    }
  }

  function finish(task: Task, state: 'submitted' | 'skipped', chosen: Answer, reason = '') {
    if (answered.current) return;
    answered.current = true;
    drafts.current?.stop();
    setNotice('');
    if (returnedRef.current) {
      void correct(returnedRef.current, task, state, chosen, reason);
      return;
    }
    const t = timer.current;
    void send(
      {
        taskId: task.id,
        submission: {
          result: state === 'submitted' ? toResult(chosen, controls) : {},
          lead_time_ms: t ? t.leadTimeMs() : 0,
          active_time_ms: t ? t.activeTimeMs() : 0,
          idempotency_key: newIdempotencyKey(),
          state,
          ...(projectRef.current ? { project_version: projectRef.current.version } : {}),
          ...(state === 'skipped' && reason ? { skip_reason: reason } : {}),
        },
      },
      task,
    );
  }

  // Every change of the answer: one undo step, and either the submission (a key that is the
  // whole answer) or an autosaved draft.
  function change(task: Task, next: Answer, what: string, record = true) {
    if (answered.current) return;
    if (record) history.current.push(next, what, performance.now());
    setAnswer(next);
    if (submitsOnChoice(controls)) {
      finish(task, 'submitted', next);
      return;
    }
    const t = timer.current;
    drafts.current?.schedule({
      result: toResult(next, controls),
      lead_time_ms: t ? t.leadTimeMs() : 0,
      active_time_ms: t ? t.activeTimeMs() : 0,
    });
  }

  function update(task: Task, control: StudioControl, value: ControlValue) {
    change(task, { ...history.current.current, [control.name]: value }, control.name);
  }

  function undo(task: Task, redo: boolean) {
    const h = history.current;
    if (redo ? !h.canRedo : !h.canUndo) return;
    change(task, redo ? h.redo() : h.undo(), '', false);
  }

  // The model draft's actions: submit it as is, move to the answer to change it, or clear it.
  function acceptDraft(task: Task) {
    const draft = modelDraftRef.current;
    if (draft && isComplete(draft.answer, controls)) finish(task, 'submitted', draft.answer);
  }
  function editDraft() {
    const first = document.querySelector<HTMLElement>(
      '.annotate .control input, .annotate .control button, .annotate .control textarea, .annotate .control select',
    );
    (first ?? taskRef.current)?.focus();
  }
  function rejectDraft() {
    const draft = modelDraftRef.current;
    if (!draft || draft.rejected || answered.current) return;
    setModelDraft({ ...draft, rejected: true });
    history.current.push({}, 'reject the model draft', performance.now());
    setAnswer({});
    // Saved as the task's draft, so a reload brings back the cleared form, not the suggestion.
    const t = timer.current;
    drafts.current?.schedule({ result: {}, lead_time_ms: t ? t.leadTimeMs() : 0, active_time_ms: t ? t.activeTimeMs() : 0 });
  }

  // Moves on from a qualification answer's feedback to the task it holds, or asks for one.
  function proceed(held: NextAnswer | null | undefined) {
    if (held === undefined) void loadNext();
    else show(held);
  }

  function askWhySkip(task: Task) {
    // Qualification tasks cannot be skipped (the server refuses it); the page says so instead.
    if (answered.current || calibrationRef.current) return;
    setPhase({ kind: 'skipping', task });
  }

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const loaded = await api.getProject(id);
        if (cancelled) return;
        setProject(loaded);
        // Progress is a nicety: a failure to read it never stops labelling.
        api.myStats(id).then(setStats, () => setStats(null));
        const left = pending.load(id);
        if (left) await send(left, null);
        else await loadNext();
      } catch (e) {
        if (!cancelled) setPhase({ kind: 'error', message: messageOf(e) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id]);

  useTimerFollowsPageActivity(timer);

  // Focus moves with the task's first paint, so a key pressed the moment it shows lands in it.
  useLayoutEffect(() => {
    if (phase.kind === 'task') taskRef.current?.focus();
  }, [phase.kind === 'task' ? phase.task.id : null]);

  // The keyboard: read the latest state through a ref so one listener serves every render.
  const toggleGuidelines = () => setGuidelinesOpen((open) => !open);
  const draftKeys = { acceptDraft, editDraft, rejectDraft };
  const latest = useRef({ phase, answer, controls, hotkeys, change, undo, finish, askWhySkip, toggleGuidelines, proceed, draftKeys });
  latest.current = { phase, answer, controls, hotkeys, change, undo, finish, askWhySkip, toggleGuidelines, proceed, draftKeys };
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      // A control's view used this key already.
      if (event.defaultPrevented || event.isComposing || typingInto(event.target)) return;
      const s = latest.current;
      if (s.phase.kind === 'feedback') {
        // Enter continues (a held-down Enter never skips the feedback); a focused button clicks itself.
        if (event.key !== 'Enter' || event.repeat || event.target instanceof HTMLButtonElement) return;
        if (event.target instanceof HTMLAnchorElement || s.phase.feedback.qualification.status === 'failed') return;
        event.preventDefault();
        s.proceed(s.phase.next);
        return;
      }
      if (s.phase.kind !== 'task') return;
      const task = s.phase.task;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === 'z' || event.key === 'Z' || event.key === 'y')) {
        event.preventDefault();
        s.undo(task, event.key === 'y' || event.shiftKey);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const draftAction = modelDraftRef.current?.rejected === false ? draftKeyAction(event) : null;
      if (draftAction) {
        event.preventDefault();
        if (draftAction === 'accept') s.draftKeys.acceptDraft(task);
        else if (draftAction === 'edit') s.draftKeys.editDraft();
        else s.draftKeys.rejectDraft();
        return;
      }
      const hotkey = s.hotkeys.find((h) => h.key === event.key);
      if (hotkey) {
        const control = s.controls.find((c) => c.name === hotkey.control);
        if (control?.type !== 'choices') return;
        event.preventDefault();
        s.change(task, pressChoiceKey(s.answer, control, hotkey), control.name);
      } else if (event.key === 'Enter') {
        // Enter on a focused button already clicks it.
        if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return;
        if (isComplete(s.answer, s.controls)) {
          event.preventDefault();
          s.finish(task, 'submitted', s.answer);
        }
      } else if (event.key === 's' || event.key === 'S') {
        event.preventDefault();
        s.askWhySkip(task);
      } else if (event.key === 'g' || event.key === 'G') {
        event.preventDefault();
        s.toggleGuidelines();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const back = <a href={projectHash(id)}>← {project ? project.name : 'Project'}</a>;
  if (phase.kind === 'error') return <ErrorScreen back={back} message={phase.message} onNext={() => void loadNext()} />;
  if (phase.kind === 'paused') {
    return (
      <RefusalScreen
        back={back}
        cardClass="card gold-paused"
        testId="gold-paused"
        title="Labelling in this project is closed for you"
        message={phase.message}
        hint="A manager of the project can go through your answers with you."
      />
    );
  }
  if (phase.kind === 'tier') {
    return (
      <RefusalScreen
        back={back}
        cardClass="card gold-paused tier-refused"
        testId="tier-refused"
        title="This project needs a higher tier"
        message={phase.message}
        hint="A manager or administrator can raise your tier on the People page if you should label here."
      />
    );
  }
  if (phase.kind === 'held') {
    return (
      <section>
        <p>{back}</p>
        <BreakScreen hold={phase.hold} onRetry={() => void loadNext()} />
        <OptOutSwitch projectId={id} changed={() => void loadNext()} />
      </section>
    );
  }
  if (phase.kind === 'empty') return <NothingLeft back={back} done={done} />;
  if (project && controls.length === 0) {
    return (
      <section>
        <p>{back}</p>
        <p class="error" role="alert">
          This project's label interface has no controls yet; a manager sets it up on the project page.
        </p>
      </section>
    );
  }

  const task =
    phase.kind === 'task' ||
    phase.kind === 'skipping' ||
    phase.kind === 'submitting' ||
    phase.kind === 'stalled' ||
    phase.kind === 'feedback'
      ? phase.task
      : null;
  const feedback = phase.kind === 'feedback' ? phase : null;
  const busy = phase.kind !== 'task';
  // Data fields no control shows itself, each once.
  const shownByViews = new Set(controls.filter(showsItsData).flatMap(fieldsOf));
  const fields = [...new Set(controls.filter((c) => !showsItsData(c)).flatMap(fieldsOf))].filter((f) => !shownByViews.has(f));
  const needed = missing(answer, controls);
  const multiKey = !submitsOnChoice(controls);
  return (
    <section class="annotate">
      <p class="annotate-bar">
        {back}
        <span class="muted" data-testid="progress">
          Labelled this session: {done}
          {stats ? ` · in this project: ${progressText(stats)}` : ''}
        </span>
      </p>
      {calibration && task && !feedback ? <QualificationBanner qualification={calibration} policy={project?.gold} /> : null}
      {returned && task && !feedback ? <ReturnedPanel returned={returned} /> : null}
      {task?.sensitive && !feedback ? <ContentWarning /> : null}
      {modelDraft && task && !feedback ? (
        <ModelDraftBanner
          status={draftStatus(modelDraft, answer, controls)}
          canAccept={isComplete(modelDraft.answer, controls)}
          disabled={busy}
          onAccept={() => acceptDraft(task)}
          onEdit={editDraft}
          onReject={rejectDraft}
        />
      ) : null}
      {task ? (
        <div class="task" tabIndex={-1} ref={taskRef} data-task-id={String(task.id)} aria-label="Task">
          {fields.map((field) => (
            <div class="task-field" key={field}>
              {fields.length > 1 ? <h2 class="field-name">{field}</h2> : null}
              <TaskField field={field} data={task.data} />
            </div>
          ))}
        </div>
      ) : feedback ? null : (
        <p class="muted">{phase.kind === 'loading' ? 'Loading the next task…' : 'Sending the last answer…'}</p>
      )}
      {feedback ? (
        <FeedbackPanel
          feedback={feedback.feedback}
          before={feedback.before}
          policy={project?.gold}
          task={feedback.task}
          controls={controls}
          own={feedback.own}
          onContinue={() => proceed(feedback.next)}
        />
      ) : null}
      {task && !feedback ? (
        <ControlList
          controls={controls}
          task={task}
          answer={answer}
          hotkeys={hotkeys}
          disabled={busy}
          onChange={(control, value) => update(task, control, value)}
          onAnswer={(next, what) => change(task, next, what)}
        />
      ) : null}
      {task && !feedback ? (
        <div class="actions">
          {multiKey ? (
            <button
              type="button"
              class="primary"
              disabled={busy || !isComplete(answer, controls)}
              title={needed.length > 0 ? `Still to answer: ${needed.join(', ')}` : undefined}
              onClick={() => finish(task, 'submitted', answer)}
            >
              Submit <kbd>Enter</kbd>
            </button>
          ) : null}
          {calibration ? (
            <span class="muted small qualification-noskip" data-testid="no-skip">
              Qualification tasks cannot be skipped: answer as well as you can.
            </span>
          ) : (
            <button type="button" disabled={busy} onClick={() => askWhySkip(task)}>
              Skip <kbd>S</kbd>
            </button>
          )}
          <button type="button" aria-expanded={guidelinesOpen} onClick={toggleGuidelines}>
            Guidelines <kbd>G</kbd>
          </button>
          {draftNote ? <span class="muted small draft-note">{draftNote}</span> : null}
        </div>
      ) : null}
      {notice && task ? (
        <p class="error" role="status" data-testid="interface-changed">
          {notice}
        </p>
      ) : null}
      {/* Opting out takes effect from the next task: the one shown can still be skipped. */}
      <OptOutSwitch projectId={id} changed={() => undefined} />
      {guidelinesOpen ? (
        <aside class="card guidelines" aria-label="Guidelines">
          <GuidelinesView guideline={guidelines.latest} />
        </aside>
      ) : null}
      {phase.kind === 'skipping' ? (
        <SkipForm
          onSkip={(reason) => finish(phase.task, 'skipped', {}, reason)}
          onCancel={() => setPhase({ kind: 'task', task: phase.task })}
        />
      ) : null}
      <div aria-live="polite" class="status">
        {phase.kind === 'submitting' && phase.note ? <p>{phase.note}</p> : null}
      </div>
      {phase.kind === 'stalled' ? (
        <div role="alert" class="error">
          <p>The answer could not be sent ({phase.message}). It is kept and will not be saved twice.</p>
          <button type="button" class="primary" onClick={() => void send(phase.retry, phase.task)}>
            Send again
          </button>
        </div>
      ) : null}
    </section>
  );
}
