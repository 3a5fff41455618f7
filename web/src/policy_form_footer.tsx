// The end of a policy form: its save button, and what saving said (an error, or "Saved").
export function PolicyFormFooter({ busy, error, saved, label }: { busy: boolean; error: string; saved: string; label: string }) {
  return (
    <>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {label}
        </button>
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p class="ok" role="status">
          {saved}
        </p>
      ) : null}
    </>
  );
}
