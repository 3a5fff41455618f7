// The keys that choose a label in the audio and video views: the control's `hotkeys` when it
// gives them, else letters in order. Letters the views use themselves (K keyframe, N new track,
// O outside, R rotate) and S (the page's skip) are never handed out, nor digits (the page's choices).
export const DEFAULT_LETTERS = 'abcdefghijlmpqtuvwxyz';

export interface LabelKey {
  label: string;
  key: string; // As shown and as the interface spells it: "a", "shift+p".
}

export function labelKeys(labels: string[], hotkeys: string[]): LabelKey[] {
  if (hotkeys.length === labels.length && labels.length > 0) return labels.map((label, i) => ({ label, key: hotkeys[i]! }));
  return labels.slice(0, DEFAULT_LETTERS.length).map((label, i) => ({ label, key: DEFAULT_LETTERS[i]! }));
}

interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

// Whether `event` is the key `spec` names ("p", "shift+p", "ctrl+alt+x"); letters match either case
// only as the spec's modifiers say (a plain "p" does not fire on Shift+P).
export function matchesKey(spec: string, event: KeyLike): boolean {
  const parts = spec.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  if (mods.has('ctrl') !== event.ctrlKey || mods.has('alt') !== event.altKey || mods.has('meta') !== event.metaKey) return false;
  const pressed = event.key.toLowerCase();
  if (key.length === 1 && /[a-z]/.test(key)) return pressed === key && mods.has('shift') === event.shiftKey;
  // A symbol's own shift state is part of the character ("?" is Shift+/), so Shift is not compared.
  return pressed === key;
}

// The label `event` chooses, or null.
export function labelForKey(keys: LabelKey[], event: KeyLike): string | null {
  return keys.find((k) => matchesKey(k.key, event))?.label ?? null;
}
