// The app's one API client and pending-submission store.
import { ApiClient } from './api';
import { PendingStore } from './pending';

export const api = new ApiClient();

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export const pending = new PendingStore(sessionStore());

// A readable message for any thrown value.
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
