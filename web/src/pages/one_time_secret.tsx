// A secret the server shows once (an invitation link, an API token): a read-only field that
// selects itself on focus, and a copy button. Chorus keeps only a hash, so this is the one
// chance to copy it.
import { useState } from 'preact/hooks';

export function OneTimeSecret({ value, label, testId }: { value: string; label: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false); // No clipboard access: the field can be selected by hand.
    }
  }
  return (
    <p>
      <input type="text" readOnly value={value} aria-label={label} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </p>
  );
}
