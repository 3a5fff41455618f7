// The rule a new password must follow before it is sent (the server checks it again: 12 to
// 1,024 bytes), so a person hears about a short or mistyped password at once.
export const MIN_PASSWORD_CHARS = 12;

// What is wrong with a new password typed twice, or null when it may be sent.
export function newPasswordProblem(password: string, repeat: string): string | null {
  if ([...password].length < MIN_PASSWORD_CHARS) {
    return `Choose a password of at least ${MIN_PASSWORD_CHARS} characters.`;
  }
  if (password !== repeat) return 'The two passwords differ; type the same one twice.';
  return null;
}
