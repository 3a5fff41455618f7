// The keys that pick a region control's labels: the control's own `hotkeys` when it gives one
// per label, otherwise letters chosen here. Never digits (the page's number keys choose
// options), never `s` (skip), `[` or `]` (they move between spans).
export interface LabelKey {
  label: string;
  key: string; // As declared or chosen, e.g. "p" or "shift+p"; shown to the annotator.
}

const RESERVED = new Set(['s', '[', ']']);
const FALLBACK = 'qwertyuiopadfghjklzxcvbnm';

export function labelKeys(labels: string[], hotkeys: string[]): LabelKey[] {
  if (hotkeys.length === labels.length && labels.length > 0) return labels.map((label, i) => ({ label, key: hotkeys[i]! }));
  const used = new Set<string>();
  const keys: LabelKey[] = [];
  for (const label of labels) {
    // The label's first letter when it is free (P for PER), else the next free letter.
    const initial = label.trim().charAt(0).toLowerCase();
    const candidates = /^[a-z]$/.test(initial) ? [initial, ...FALLBACK] : [...FALLBACK];
    const key = candidates.find((k) => !used.has(k) && !RESERVED.has(k));
    if (!key) {
      keys.push({ label, key: '' });
      continue;
    }
    used.add(key);
    keys.push({ label, key });
  }
  return keys;
}

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

// Whether `press` is the hotkey `spec` ("p", "shift+p", "ctrl+alt+x"): the same modifiers and
// the same key, letters compared without case (Shift makes "P").
export function matchesKey(spec: string, press: KeyPress): boolean {
  if (!spec) return false;
  const parts = spec.toLowerCase().split('+');
  const key = parts.pop() || '+';
  const mods = new Set(parts);
  if (mods.has('shift') !== press.shiftKey && key.length === 1 && /[a-z]/.test(key)) return false;
  if (mods.has('ctrl') !== press.ctrlKey || mods.has('alt') !== press.altKey || mods.has('meta') !== press.metaKey) return false;
  return press.key.toLowerCase() === key;
}
