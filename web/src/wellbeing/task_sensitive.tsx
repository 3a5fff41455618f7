// A task's sensitive flag where a manager looks at a task (the data browser), saved at once
// with PUT /tasks/{t}/sensitive. Reviewers, who may browse but not change it, do not see it.
import { useState } from 'preact/hooks';
import { api, messageOf } from '../session';
import type { Task } from '../types';
import { setTaskSensitive } from './wellbeing_api';
import { InlineStatus } from '../inline_status';

export function TaskSensitive({ task, canChange, onChanged }: { task: Task; canChange: boolean; onChanged: (t: Task) => void }) {
  const [sensitive, setSensitive] = useState(task.sensitive === true);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  if (!canChange) return sensitive ? <p class="badge badge-amber">sensitive</p> : null;

  async function toggle(value: boolean) {
    // Shown at once; put back if the server refuses.
    setSensitive(value);
    setBusy(true);
    setNote('');
    setError('');
    try {
      const stored = await setTaskSensitive(api, task.id, value);
      setSensitive(stored.sensitive === true);
      onChanged({ ...task, sensitive: stored.sensitive === true });
      setNote(stored.sensitive ? 'Marked sensitive: wellbeing caps apply.' : 'No longer sensitive.');
    } catch (e) {
      setSensitive(!value);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const id = `task-sensitive-${String(task.id)}`;
  return (
    <div class="task-sensitive" data-testid="task-sensitive">
      <label class="check" for={id}>
        <input id={id} type="checkbox" checked={sensitive} disabled={busy} onChange={(e) => void toggle(e.currentTarget.checked)} />{' '}
        Sensitive (disturbing content)
      </label>
      <InlineStatus note={note} error={error} />
    </div>
  );
}
