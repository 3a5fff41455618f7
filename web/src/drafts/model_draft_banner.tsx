// The "Model draft" banner above a pre-filled answer: what the pre-filled answer is, and Accept
// (submit it as is), Edit (move to the answer to change it) and Reject (clear it and label from
// scratch), each with a key (Shift+A, Shift+E, Shift+R). No score is shown.
import { draftNote, type DraftStatus } from './model_draft';

export function ModelDraftBanner(props: {
  status: DraftStatus;
  canAccept: boolean; // The draft answers every required control.
  disabled: boolean;
  onAccept: () => void;
  onEdit: () => void;
  onReject: () => void;
}) {
  const { status, canAccept, disabled } = props;
  return (
    <div class="card model-draft" role="region" aria-label="Model draft" data-testid="model-draft" data-status={status}>
      <p>
        <strong>Model draft</strong> <span data-testid="model-draft-note">{draftNote(status)}</span>
      </p>
      {status === 'rejected' ? null : (
        <p class="actions">
          <button type="button" class="primary" disabled={disabled || !canAccept || status !== 'unchanged'} onClick={props.onAccept}>
            Accept <kbd>Shift+A</kbd>
          </button>
          <button type="button" disabled={disabled} onClick={props.onEdit}>
            Edit <kbd>Shift+E</kbd>
          </button>
          <button type="button" disabled={disabled} onClick={props.onReject}>
            Reject <kbd>Shift+R</kbd>
          </button>
        </p>
      )}
    </div>
  );
}
