// Keeps a submission that the server has not acknowledged yet in sessionStorage, so a
// refresh or a re-login after an expired session sends it again with the same idempotency
// key instead of losing it (or saving it twice).
import type { AnnotationSubmission, Id } from './types';

export interface PendingSubmission {
  taskId: Id;
  submission: AnnotationSubmission;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const keyFor = (projectId: Id) => `chorus.pending.${String(projectId)}`;

export class PendingStore {
  constructor(private readonly store: KeyValueStore | null) {}

  save(projectId: Id, pending: PendingSubmission): void {
    try {
      this.store?.setItem(keyFor(projectId), JSON.stringify(pending));
    } catch {
      // Storage full or disabled: the in-memory retry still holds the key.
    }
  }

  load(projectId: Id): PendingSubmission | null {
    try {
      const text = this.store?.getItem(keyFor(projectId));
      if (!text) return null;
      const value = JSON.parse(text) as PendingSubmission;
      return value && value.submission && typeof value.submission.idempotency_key === 'string' ? value : null;
    } catch {
      return null;
    }
  }

  clear(projectId: Id): void {
    try {
      this.store?.removeItem(keyFor(projectId));
    } catch {
      // Nothing to do: see save().
    }
  }
}
