// The keys that choose a region control's labels (spans, image regions, audio and video
// segments, tracks): the control's own `hotkeys` when it gives one per label, otherwise letters
// chosen here — the label's initial when free (P for PER), else the next free letter. Never a
// digit (the page's number keys choose options), S (skip) or G (guidelines); each view also
// passes the letters it uses for itself.
export interface LabelKey {
  label: string;
  key: string; // As the interface spells it or as chosen, e.g. "p" or "shift+p"; '' when none is left.
}

const PAGE_KEYS = 'sg';
const FALLBACK = 'qwertyuiopadfghjklzxcvbnm';

export function labelKeys(labels: string[], hotkeys: string[], viewKeys = ''): LabelKey[] {
  if (hotkeys.length === labels.length && labels.length > 0) return labels.map((label, i) => ({ label, key: hotkeys[i]! }));
  const taken = new Set<string>([...PAGE_KEYS, ...viewKeys.toLowerCase()]);
  return labels.map((label) => {
    const initial = label.trim().charAt(0).toLowerCase();
    const key = [...(/^[a-z]$/.test(initial) ? [initial] : []), ...FALLBACK].find((k) => !taken.has(k)) ?? '';
    if (key) taken.add(key);
    return { label, key };
  });
}

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

// Whether `press` is the key `spec` names ("p", "shift+p", "ctrl+alt+x", "?"): Ctrl, Alt and
// Meta exactly as named; for a letter Shift too (a plain "p" does not fire on Shift+P, letters
// compare without case so Caps Lock does not matter); a symbol's own Shift is part of the
// character ("?" is Shift+/), so Shift is not compared for it.
export function matchesKey(spec: string, press: KeyPress): boolean {
  if (!spec) return false;
  const parts = spec.toLowerCase().split('+');
  const key = parts.pop() || '+';
  const mods = new Set(parts);
  if (mods.has('ctrl') !== press.ctrlKey || mods.has('alt') !== press.altKey || mods.has('meta') !== press.metaKey) return false;
  const pressed = press.key.toLowerCase();
  if (/^[a-z]$/.test(key)) return pressed === key && mods.has('shift') === press.shiftKey;
  return pressed === key;
}

// The label `press` chooses, or null.
export function labelForKey(keys: LabelKey[], press: KeyPress): string | null {
  return keys.find((k) => matchesKey(k.key, press))?.label ?? null;
}
