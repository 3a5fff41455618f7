// A pairwise control's answers: which it offers, their keys, and the answer a key stands for.
// The keys are letters: the page keeps the digits for choices, S for skip and Enter for submit.
import type { PairwiseControl } from './controls';

export type PairChoice = 'a' | 'b' | 'tie' | 'both_bad';

export interface PairAnswer {
  choice: PairChoice;
  key: string;
  label: string;
}

// The answers `control` offers, in the order the buttons show them.
export function pairAnswers(control: PairwiseControl): PairAnswer[] {
  const answers: PairAnswer[] = [
    { choice: 'a', key: 'A', label: 'A is better' },
    { choice: 'b', key: 'B', label: 'B is better' },
  ];
  if (control.allow_tie) answers.push({ choice: 'tie', key: 'T', label: 'Tie' });
  if (control.allow_both_bad) answers.push({ choice: 'both_bad', key: 'X', label: 'Both bad' });
  return answers;
}

// The answer a key press stands for (either case; never with Ctrl, Alt or Meta), or null.
export function answerForKey(control: PairwiseControl, event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>) {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  return pairAnswers(control).find((a) => a.key === event.key.toUpperCase()) ?? null;
}

// The choice `value` holds when this control offers it (a draft of an edited interface may not).
export function chosenPair(control: PairwiseControl, value: unknown): PairChoice | null {
  const choice = value !== null && typeof value === 'object' ? (value as { choice?: unknown }).choice : undefined;
  return pairAnswers(control).find((a) => a.choice === choice)?.choice ?? null;
}
