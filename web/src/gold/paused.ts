// An annotator whose gold accuracy fell under the pause level gets 403 from POST next with
// error.field "gold" and a message with their figures; that is not a failure to show as one.
import { ApiError } from '../api';

// The server's message when `error` is that refusal, else null.
export function goldPauseOf(error: unknown): string | null {
  return error instanceof ApiError && error.status === 403 && error.field === 'gold' ? error.message : null;
}
