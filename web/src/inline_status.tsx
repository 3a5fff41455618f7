// What an inline control's last save said, beside it: a note ("Saved") or an error.
export function InlineStatus({ note, error }: { note: string; error: string }) {
  return (
    <>
      {note ? (
        <span class="ok" role="status">
          {' '}
          {note}
        </span>
      ) : null}
      {error ? (
        <span class="error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </>
  );
}
