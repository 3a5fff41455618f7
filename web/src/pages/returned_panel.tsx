// The annotate page's notice for work a reviewer returned: their comment (as text only; it is
// someone's free text) and what to do. The reviewer is not named (the server does not say).
import type { ReturnedLabel } from '../types';

export function ReturnedPanel({ returned }: { returned: ReturnedLabel }) {
  return (
    <div class="card returned-panel" role="note" aria-label="Returned by a reviewer" data-testid="returned">
      <p>
        <strong>A reviewer returned this label:</strong> <span class="returned-comment">{returned.comment}</span>
      </p>
      <p class="muted small">Your earlier answer is filled in. Correct it and submit (or skip it): that replaces your label.</p>
    </div>
  );
}
