// One task's routing, where a manager looks at a task (reviewer view, data browser): the tier it
// requires (the project's by default) as a select saved at once with PUT /tasks/{t}/routing, and
// how many labels it wants against those submitted, "escalated" once it went to adjudication.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { Id, Tier } from '../types';
import { TIER_LABELS, TIERS } from './routing';
import { getTaskRouting, putTaskRouting, type TaskRouting } from './routing_api';
import { InlineStatus } from '../inline_status';

export function TaskTier({ taskId }: { taskId: Id }) {
  const [routing, setRouting] = useState<TaskRouting | null>(null);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // A reviewer may open the data browser but not routing: then nothing shows.
  const [hidden, setHidden] = useState(false);

  useEffect(() => {
    let live = true;
    setRouting(null);
    setNote('');
    getTaskRouting(api, taskId).then(
      (r) => live && (setRouting(r), setError('')),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 403) setHidden(true);
        else setError(messageOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [taskId]);

  async function choose(value: string) {
    setBusy(true);
    setNote('');
    try {
      const tier = value === '' ? null : (value as Tier);
      setRouting(await putTaskRouting(api, taskId, tier));
      setError('');
      setNote(tier ? `Now requires ${TIER_LABELS[tier]}.` : 'Now follows the project.');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (hidden) return null;
  const id = `task-tier-${String(taskId)}`;
  return (
    <div class="task-routing" data-testid="task-routing">
      <label for={id}>Requires tier</label>{' '}
      <select id={id} value={routing?.required_tier ?? ''} disabled={!routing || busy} onChange={(e) => void choose(e.currentTarget.value)}>
        <option value="">Project default</option>
        {TIERS.map((tier) => (
          <option key={tier} value={tier}>
            {TIER_LABELS[tier]}
          </option>
        ))}
      </select>{' '}
      {routing ? (
        <span class="muted" data-testid="task-routing-counts">
          {routing.submitted} of {routing.wanted} labels submitted
          {routing.own_wanted !== null ? ' (set by dynamic overlap)' : ''}
          {routing.adjudication ? (
            <>
              {' · '}
              <span class="badge badge-amber" data-verdict="escalated">
                escalated
              </span>
            </>
          ) : null}
        </span>
      ) : null}
      <InlineStatus note={note} error={error} />
    </div>
  );
}
