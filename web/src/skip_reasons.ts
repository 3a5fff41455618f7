// Why an annotator skips a task: a few common reasons, or their own words. The reason is
// stored with the skip (skip_reason, at most 500 characters) so managers can fix unclear
// tasks and guidelines.
export const SKIP_REASONS = [
  'Unclear or ambiguous',
  'Not enough context',
  'Disturbing content',
  'Outside my expertise',
] as const;

export const OTHER_REASON = 'Other';
export const MAX_SKIP_REASON_CHARS = 500;

// The skip_reason to send: the chosen reason, or the typed one for "Other" (trimmed, cut to
// the server's limit); '' when "Other" was chosen and nothing typed.
export function skipReasonText(choice: string, typed: string): string {
  if (choice !== OTHER_REASON) return choice;
  return [...typed.trim()].slice(0, MAX_SKIP_REASON_CHARS).join('');
}
