// An answer refused because the project's label interface changed while the annotator worked
// on it: 409 naming `project_version`, after the server kept the answer as their draft.
import { ApiError } from './api';

// The server's explanation when `error` is that refusal, else null.
export function interfaceChangeOf(error: unknown): string | null {
  return error instanceof ApiError && error.status === 409 && error.field === 'project_version' ? error.message : null;
}
