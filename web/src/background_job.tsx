// A background job (export, aggregation) started from a panel: the job as last polled, polled
// once a second while it runs (a cancel included), and its progress line. One place so every job panel behaves alike.
import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from './session';
import type { Job } from './types';

const POLL_MS = 1000;

// "1,200 of 5,000 tasks (24%)"; the percentage rounds down so it never says 100 early.
export function jobProgressText(job: Job): string {
  const { done, total } = job.progress;
  if (total <= 0) return 'Starting…';
  return `${done.toLocaleString()} of ${total.toLocaleString()} tasks (${Math.floor((100 * done) / total)}%)`;
}

export interface BackgroundJob {
  job: Job | null;
  running: boolean;
  error: string | null;
  // Starts a job with `begin` (which asks the server to start one) and polls it.
  start: (begin: () => Promise<Job>) => Promise<void>;
}

// `onSucceeded` runs once when the polled job succeeds (e.g. to reload what it produced).
export function useBackgroundJob(onSucceeded?: (job: Job) => void): BackgroundJob {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!job) return;
    if (job.state === 'succeeded') {
      onSucceeded?.(job);
      return;
    }
    if (job.state !== 'running') return;
    const timer = setTimeout(async () => {
      try {
        setJob(await api.getJob(job.id));
      } catch (e) {
        setError(messageOf(e));
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  async function start(begin: () => Promise<Job>) {
    setError(null);
    try {
      setJob(await begin());
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return { job, running: job?.state === 'running', error, start };
}

// The progress bar and line of a running job with its Cancel button, what a cancelled job left
// behind, or nothing. The panel's own polling sees the job end once it has stopped.
export function JobProgress({ job }: { job: Job | null }) {
  if (job?.state === 'cancelled') return <p role="status">Cancelled: {job.error ?? 'no reason given'}.</p>;
  if (job?.state !== 'running') return null;
  return <RunningJob key={job.id} job={job} />; // Keyed: a new job starts with a fresh button.
}

function RunningJob({ job }: { job: Job }) {
  const [asked, setAsked] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  async function cancel() {
    setAsked(true);
    setRefusal(null);
    try {
      await api.cancelJob(job.id);
    } catch (e) {
      setAsked(false);
      setRefusal(messageOf(e));
    }
  }
  const stopping = asked || job.cancel_requested;
  return (
    <p>
      <progress max={Math.max(job.progress.total, 1)} value={job.progress.done} /> {jobProgressText(job)}{' '}
      <button type="button" data-testid="job-cancel" onClick={cancel} disabled={stopping}>
        {stopping ? 'Cancelling…' : 'Cancel'}
      </button>
      {refusal ? <span role="alert"> {refusal}</span> : null}
    </p>
  );
}
